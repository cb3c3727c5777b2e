import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import {
  catalogueApi,
  type AchievementDetail,
  type Framework,
  type VersionSummary,
} from '../../api/catalogue-api';
import { Alert } from '../../design/alert';
import { Card } from '../../design/card';
import { Chip } from '../../design/chip';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { Table } from '../../design/table';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatDate } from '../../labels/dates';
import { useSession } from '../../session/session-context';
import { EnrolPanel } from '../assessment/enrol-panel';
import { EndorseForm } from './endorse-form';
import { creditsLabel, hoursLabel, tagLabel, VERSION_STATUS_LABELS, VERSION_STATUS_TONES } from './labels';
import { LevelBar } from './level-bar';
import './catalogue.css';

export function AchievementPage() {
  const { id = '' } = useParams();
  const query = useApiQuery(`achievement:${id}`, (signal) => catalogueApi.getAchievement(id, signal));
  const data = query.status === 'success' ? query.data : null;

  return (
    <>
      {/* One header throughout, so focus moved to it after navigation survives the load. */}
      <PageHeader
        title={data?.title ?? 'Micro-credential'}
        eyebrow={
          data ? (
            <>
              <Link to="/catalogue">Catalogue</Link> <span aria-hidden="true">›</span>{' '}
              <span className="mono">{data.code}</span> · version {data.version}
            </>
          ) : (
            <Link to="/catalogue">Catalogue</Link>
          )
        }
        description={data ? <p>{data.summary}</p> : undefined}
      />
      <QueryView query={query} loadingLabel="Loading micro-credential…">
        {(achievement) => (
          <AchievementView
            achievement={achievement}
            onUpdated={(updated) => {
              query.update(() => updated);
            }}
          />
        )}
      </QueryView>
    </>
  );
}

/** The frameworks the competencies come from, for their scales; the page works without them. */
function useFrameworkScales(achievement: AchievementDetail) {
  const ids = [...new Set(achievement.competencies.map((c) => c.frameworkId))].sort();
  const frameworks = useApiQuery(`achievement-frameworks:${ids.join(',')}`, async (signal) => {
    const loaded = await Promise.all(
      ids.map((frameworkId) => catalogueApi.getFramework(frameworkId, signal)),
    );
    return new Map(loaded.map((framework) => [framework.id, framework]));
  });
  return frameworks.status === 'success' ? frameworks.data : new Map<string, Framework>();
}

function AchievementView({
  achievement,
  onUpdated,
}: {
  achievement: AchievementDetail;
  onUpdated: (updated: AchievementDetail) => void;
}) {
  const { state } = useSession();
  const me = state.status === 'signed-in' ? state.me : null;
  const frameworks = useFrameworkScales(achievement);
  const published = achievement.versions.find((v) => v.status === 'published');
  const skillAreas = [...new Set(achievement.competencies.flatMap((c) => c.skillAreas))];
  // Members of the owning organisation see the way to the assessment settings; the server decides.
  const ownerMember =
    me !== null &&
    (me.user.isPlatformAdmin || me.memberships.some((m) => m.organisation.id === achievement.provider.id));

  return (
    <div className="stack stack-lg">
      <VersionNotice achievement={achievement} published={published} />
      <div className="detail">
        <aside className="detail__aside" aria-label="Key facts">
          <img
            className="detail__badge"
            src={achievement.imageUrl}
            alt={`Badge for ${achievement.code} ${achievement.title}`}
            width={200}
            height={200}
          />
          <dl className="fact-list">
            <Fact label="NZQF level">Level {achievement.level}</Fact>
            <Fact label="Credits">{creditsLabel(achievement.credits)}</Fact>
            <Fact label="Notional hours">{hoursLabel(achievement.notionalHours)}</Fact>
            <Fact label="Type">{achievementTypeLabel(achievement.achievementType)}</Fact>
            <Fact label="Status">
              <Chip tone={VERSION_STATUS_TONES[achievement.status]}>
                {VERSION_STATUS_LABELS[achievement.status]}
              </Chip>
            </Fact>
            {achievement.publishedAt ? (
              <Fact label="Published">
                <time dateTime={achievement.publishedAt}>{formatDate(achievement.publishedAt)}</time>
              </Fact>
            ) : null}
            <Fact label="Credential valid for">
              {achievement.validityDays ? validityLabel(achievement.validityDays) : 'Does not expire'}
            </Fact>
            <Fact label="Language">{languageLabel(achievement.language)}</Fact>
            <Fact label="Provider">{achievement.provider.name}</Fact>
            {achievement.collaborators.length > 0 ? (
              <Fact label="Co-designed with">
                <ul className="plain-list plain-list--tight">
                  {achievement.collaborators.map((organisation) => (
                    <li key={organisation.id}>{organisation.name}</li>
                  ))}
                </ul>
              </Fact>
            ) : null}
          </dl>
          {skillAreas.length > 0 ? (
            <div className="stack stack-sm">
              <h2 className="detail__aside-heading" id="skill-areas-heading">
                Skill areas
              </h2>
              <ul className="chip-list chip-list--wrap" aria-labelledby="skill-areas-heading">
                {skillAreas.map((area) => (
                  <li key={area}>
                    <Chip>{tagLabel(area)}</Chip>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </aside>

        <div className="detail__main stack stack-lg">
          {me && achievement.status === 'published' ? <EnrolPanel achievement={achievement} /> : null}

          {achievement.description ? (
            <DetailSection id="about" title="About">
              <p className="pre-line">{achievement.description}</p>
            </DetailSection>
          ) : null}

          <DetailSection id="criteria" title="What learners must show">
            {achievement.criteriaNarrative ? (
              <p className="pre-line">{achievement.criteriaNarrative}</p>
            ) : null}
            {achievement.criteria.length > 0 ? (
              <ol className="criteria">
                {achievement.criteria.map((criterion) => (
                  <li key={criterion.id} className="criteria__item">
                    <h3 className="criteria__title">{criterion.title}</h3>
                    {criterion.evidenceRequirements.length > 0 ? (
                      <>
                        <p className="criteria__label">Evidence</p>
                        <ul className="criteria__evidence">
                          {criterion.evidenceRequirements.map((evidence, index) => (
                            <li key={index}>{evidence}</li>
                          ))}
                        </ul>
                      </>
                    ) : null}
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">No criteria are listed.</p>
            )}
          </DetailSection>

          <DetailSection id="assessment" title="How it is assessed">
            {achievement.assessmentMethods.length > 0 ? (
              <ul className="bullets">
                {achievement.assessmentMethods.map((method) => (
                  <li key={method}>{method}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">No assessment methods are listed.</p>
            )}
            <h3 className="detail__subheading">Recognition of prior learning</h3>
            {achievement.rplAllowed ? (
              <>
                <p>
                  <Chip tone="success">RPL available</Chip>
                </p>
                {achievement.rplEvidence ? (
                  <p className="pre-line">{achievement.rplEvidence}</p>
                ) : (
                  <p className="muted">The provider says what evidence counts on request.</p>
                )}
              </>
            ) : (
              <p>Not offered: every learner completes the assessment.</p>
            )}
            {ownerMember ? (
              <p>
                <Link to={`/achievements/${encodeURIComponent(achievement.id)}/assessment`}>
                  Assessment policy and staff
                </Link>
              </p>
            ) : null}
          </DetailSection>

          <NzqaSection achievement={achievement} />

          <DetailSection id="competencies" title="Competencies">
            {achievement.competencies.length > 0 ? (
              <Table caption={`Competencies ${achievement.code} teaches, with the level it teaches them to`}>
                <thead>
                  <tr>
                    <th scope="col">Competency</th>
                    <th scope="col">Skill areas</th>
                    <th scope="col">Target level</th>
                  </tr>
                </thead>
                <tbody>
                  {achievement.competencies.map((competency) => (
                    <tr key={`${competency.frameworkId}:${competency.code}`}>
                      <th scope="row" className="cell-primary">
                        <Link
                          to={`/frameworks/${encodeURIComponent(competency.frameworkId)}#${competencyAnchor(competency.code)}`}
                        >
                          <span className="mono">{competency.code}</span> {competency.name}
                        </Link>
                      </th>
                      <td>
                        <ul className="chip-list chip-list--wrap" aria-label="Skill areas">
                          {competency.skillAreas.map((area) => (
                            <li key={area}>
                              <Chip>{tagLabel(area)}</Chip>
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td>
                        <LevelBar
                          level={competency.targetLevel}
                          scale={frameworks.get(competency.frameworkId)?.scale}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            ) : (
              <p className="muted">This micro-credential is not aligned to a competency framework.</p>
            )}
          </DetailSection>

          <DetailSection id="endorsements" title="Endorsements">
            {achievement.endorsements.length > 0 ? (
              <ul className="endorsements">
                {achievement.endorsements.map((endorsement) => (
                  <li key={endorsement.id} className="endorsement">
                    <p className="endorsement__org">{endorsement.organisation.name}</p>
                    <blockquote className="endorsement__statement">
                      <p>{endorsement.statement}</p>
                    </blockquote>
                    <p className="muted small">
                      {endorsement.endorsedBy ? `${endorsement.endorsedBy.name}, ` : ''}
                      <time dateTime={endorsement.createdAt}>{formatDate(endorsement.createdAt)}</time>
                      {' · '}
                      <a href={`/api/v1/endorsements/${endorsement.id}/credential`} download>
                        Signed endorsement (JSON)
                      </a>
                    </p>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">No organisation endorses this version yet.</p>
            )}
            {me && achievement.abilities.endorse ? (
              <EndorseForm achievement={achievement} me={me} onEndorsed={onUpdated} />
            ) : null}
          </DetailSection>

          <DetailSection id="versions" title="Versions">
            <VersionList achievement={achievement} />
          </DetailSection>
        </div>
      </div>
    </div>
  );
}

/** One term of the key facts; the div keeps the pair together when the list flows into columns. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact-list__item">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function competencyAnchor(code: string): string {
  return `competency-${code}`;
}

function DetailSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card title={title} id={id} className="detail__section">
      {children}
    </Card>
  );
}

function VersionNotice({
  achievement,
  published,
}: {
  achievement: AchievementDetail;
  published: VersionSummary | undefined;
}) {
  const current = published && published.id !== achievement.versionId ? published : undefined;
  const currentLink = current ? (
    <Link to={`/catalogue/${encodeURIComponent(current.id)}`}>See version {current.version}</Link>
  ) : null;
  switch (achievement.status) {
    case 'published':
      return null;
    case 'superseded':
      return (
        <Alert tone="warning" title={`Version ${achievement.version} has been replaced`}>
          <p>
            Credentials already issued for it stay valid. New learners earn the current version. {currentLink}
          </p>
        </Alert>
      );
    case 'retired':
      return (
        <Alert tone="warning" title="No longer offered">
          <p>
            This micro-credential was retired. Credentials already issued for it stay valid. {currentLink}
          </p>
        </Alert>
      );
    case 'draft':
    case 'in_review':
      return (
        <Alert
          tone="info"
          title={`${VERSION_STATUS_LABELS[achievement.status]}: not in the public catalogue`}
        >
          <p>Only its design team and reviewers can see this version. {currentLink}</p>
        </Alert>
      );
  }
}

function NzqaSection({ achievement }: { achievement: AchievementDetail }) {
  const { nzscedCode, reviewPeriodYears, purposeStatement } = achievement.nzqa;
  if (!nzscedCode && reviewPeriodYears === undefined && !purposeStatement) return null;
  return (
    <DetailSection id="nzqa" title="NZQA listing">
      <dl className="definition-list">
        {nzscedCode ? (
          <>
            <dt>NZSCED code</dt>
            <dd className="mono">{nzscedCode}</dd>
          </>
        ) : null}
        {reviewPeriodYears !== undefined ? (
          <>
            <dt>Review period</dt>
            <dd>{reviewPeriodYears === 1 ? 'Every year' : `Every ${reviewPeriodYears} years`}</dd>
          </>
        ) : null}
        {purposeStatement ? (
          <>
            <dt>Purpose statement</dt>
            <dd>{purposeStatement}</dd>
          </>
        ) : null}
      </dl>
    </DetailSection>
  );
}

function VersionList({ achievement }: { achievement: AchievementDetail }) {
  const versions = achievement.versions;
  return (
    <ol className="versions">
      {versions.map((version, index) => {
        const viewing = version.id === achievement.versionId;
        const previous = versions[index + 1];
        const date = version.publishedAt ?? version.createdAt;
        return (
          <li key={version.id} className={viewing ? 'version version--current' : 'version'}>
            <div className="version__head">
              {viewing ? (
                <span className="version__name" aria-current="page">
                  Version {version.version}
                  <span className="muted small"> (this page)</span>
                </span>
              ) : (
                <Link className="version__name" to={`/catalogue/${encodeURIComponent(version.id)}`}>
                  Version {version.version}
                </Link>
              )}
              <Chip tone={VERSION_STATUS_TONES[version.status]}>{VERSION_STATUS_LABELS[version.status]}</Chip>
              <span className="muted small">
                {version.publishedAt ? 'Published ' : 'Started '}
                <time dateTime={date}>{formatDate(date)}</time>
              </span>
            </div>
            {version.changeNote ? <p className="version__note">{version.changeNote}</p> : null}
            {previous ? (
              <Link
                className="small"
                to={`/authoring/versions/${encodeURIComponent(previous.id)}/diff/${encodeURIComponent(version.id)}`}
              >
                Compare with version {previous.version}
              </Link>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

const TYPE_LABELS: Record<string, string> = { MicroCredential: 'Micro-credential' };

function achievementTypeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type.replace(/^ext:/, '').replace(/([a-z])([A-Z])/g, '$1 $2');
}

function validityLabel(days: number): string {
  if (days % 365 === 0) return days === 365 ? '1 year' : `${days / 365} years`;
  return days === 1 ? '1 day' : `${days} days`;
}

const languageNames = new Intl.DisplayNames(['en-NZ'], { type: 'language' });

function languageLabel(tag: string): string {
  try {
    return languageNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
}
