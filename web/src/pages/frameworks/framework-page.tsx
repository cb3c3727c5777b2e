import { useEffect, useId, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { catalogueApi, type Competency, type CompetencyGroup, type Framework } from '../../api/catalogue-api';
import { Button } from '../../design/button';
import { Chip } from '../../design/chip';
import { EmptyState } from '../../design/empty-state';
import { Icon } from '../../design/icons';
import { useAnnounce } from '../../design/live-announcer';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { Select } from '../../design/select';
import { TextField } from '../../design/text-field';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatDate } from '../../labels/dates';
import { competencyAnchor } from '../catalogue/achievement-page';
import { countLabel, SKILL_AREAS, tagLabel } from '../catalogue/labels';
import { LevelBar } from '../catalogue/level-bar';
import { CompetencyDialog, type CompetencyDialogTarget } from './competency-dialog';
import './frameworks.css';

export function FrameworkPage() {
  const { frameworkId = '' } = useParams();
  const query = useApiQuery(`framework:${frameworkId}`, (signal) =>
    catalogueApi.getFramework(frameworkId, signal),
  );
  const framework = query.status === 'success' ? query.data : null;

  return (
    <>
      <PageHeader
        title={framework?.title ?? 'Competency framework'}
        eyebrow={
          <>
            <Link to="/frameworks">Frameworks</Link>
            {framework?.version ? (
              <>
                {' '}
                <span aria-hidden="true">›</span> Version {framework.version}
              </>
            ) : null}
          </>
        }
        description={framework?.description ? <p>{framework.description}</p> : undefined}
        actions={
          framework ? (
            <>
              <a
                className="btn btn--secondary btn--sm"
                href={catalogueApi.frameworkCaseUrl(framework.id)}
                download={`${framework.slug}.case.json`}
              >
                <span>Download CASE JSON</span>
              </a>
              <a
                className="btn btn--secondary btn--sm"
                href={catalogueApi.frameworkCsvUrl(framework.id)}
                download={`${framework.slug}.csv`}
              >
                <span>Download CSV</span>
              </a>
            </>
          ) : undefined
        }
      />
      <QueryView query={query} loadingLabel="Loading framework…">
        {(loaded) => (
          <FrameworkView
            framework={loaded}
            onSaved={(saved) => {
              query.update(() => saved);
            }}
          />
        )}
      </QueryView>
    </>
  );
}

function FrameworkView({
  framework,
  onSaved,
}: {
  framework: Framework;
  onSaved: (saved: Framework) => void;
}) {
  const announce = useAnnounce();
  const location = useLocation();
  const [text, setText] = useState('');
  const [skillArea, setSkillArea] = useState('');
  const [dialog, setDialog] = useState<CompetencyDialogTarget | null>(null);
  const canEdit = framework.abilities.edit;

  const needle = text.trim().toLowerCase();
  const matches = (c: Competency) =>
    (skillArea === '' || c.tags.includes(skillArea)) &&
    (needle === '' ||
      [c.code, c.name, c.description, ...c.tags.map(tagLabel)].some((value) =>
        value.toLowerCase().includes(needle),
      ));
  const shown = framework.competencies.filter(matches);
  const filtering = needle !== '' || skillArea !== '';
  const tags = [...new Set([...SKILL_AREAS, ...framework.competencies.flatMap((c) => c.tags)])];

  // Arriving at #competency-CODE (from a micro-credential): bring that competency into view.
  const target = decodeURIComponent(location.hash.replace(/^#/, ''));
  useEffect(() => {
    if (!target) return;
    const element = document.getElementById(target);
    if (!element) return;
    element.scrollIntoView({ block: 'start' });
    element.focus({ preventScroll: true });
  }, [target]);

  return (
    <div className="stack stack-lg">
      <dl className="facts framework-facts">
        <div>
          <dt>Owner</dt>
          <dd>{framework.owner?.name ?? 'Cairn platform'}</dd>
        </div>
        <div>
          <dt>Language</dt>
          <dd>{framework.language}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>
            {countLabel(framework.groups.length, 'group', 'groups')},{' '}
            {countLabel(framework.competencies.length, 'competency', 'competencies')}
          </dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>
            <time dateTime={framework.updatedAt}>{formatDate(framework.updatedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>Coverage</dt>
          <dd>
            <Link to={`/reports/coverage?framework=${encodeURIComponent(framework.id)}`}>
              Which competencies are taught
            </Link>
          </dd>
        </div>
      </dl>

      <ScaleLegend framework={framework} />

      <section className="stack" aria-labelledby="competencies-heading">
        <div className="section-title">
          <h2 id="competencies-heading">Competencies</h2>
          {canEdit ? (
            <Button
              variant="secondary"
              size="sm"
              icon={<Icon name="plus" />}
              onClick={() => {
                setDialog({ mode: 'add' });
              }}
            >
              Add competency
            </Button>
          ) : null}
        </div>
        <div className="toolbar">
          <TextField
            label="Filter competencies"
            type="search"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
            }}
          />
          <Select
            label="Skill area"
            value={skillArea}
            options={[
              { value: '', label: 'Any skill area' },
              ...tags.map((tag) => ({ value: tag, label: tagLabel(tag) })),
            ]}
            onChange={(event) => {
              setSkillArea(event.target.value);
            }}
          />
          <p className="muted small toolbar__status" role="status">
            {filtering
              ? `${countLabel(shown.length, 'competency', 'competencies')} of ${framework.competencies.length} match.`
              : ''}
          </p>
        </div>

        {framework.groups.length > 1 && !filtering ? (
          <nav aria-label="Groups in this framework" className="group-jump">
            <ul>
              {framework.groups.map((group) => (
                <li key={group.code}>
                  <a href={`#group-${group.code}`}>{group.name}</a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {shown.length === 0 ? (
          <EmptyState title={filtering ? 'No competencies match' : 'No competencies yet'} headingLevel={3}>
            {filtering ? <p>Try other words or another skill area.</p> : null}
          </EmptyState>
        ) : (
          framework.groups.map((group) => (
            <GroupSection
              key={group.code}
              group={group}
              framework={framework}
              competencies={shown.filter((c) => c.groupCode === group.code)}
              targeted={target}
              onEdit={
                canEdit
                  ? (competency) => {
                      setDialog({ mode: 'edit', competency });
                    }
                  : undefined
              }
            />
          ))
        )}
      </section>

      {canEdit ? (
        <CompetencyDialog
          framework={framework}
          target={dialog}
          onClose={() => {
            setDialog(null);
          }}
          onSaved={(saved, competency, mode) => {
            onSaved(saved);
            announce(
              mode === 'add' ? `Added ${competency.code} ${competency.name}.` : `Saved ${competency.code}.`,
            );
          }}
        />
      ) : null}
    </div>
  );
}

function ScaleLegend({ framework }: { framework: Framework }) {
  return (
    <section className="scale" aria-labelledby="scale-heading">
      <h2 id="scale-heading" className="scale__heading">
        Proficiency scale
      </h2>
      <ol className="scale__levels">
        {framework.scale.map((step) => (
          <li key={step.level} className="scale__level">
            <LevelBar level={step.level} scale={framework.scale} compact hideText />
            <p className="scale__name">
              <span className="scale__number">Level {step.level}</span> {step.name}
            </p>
            {step.description ? <p className="scale__description">{step.description}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function GroupSection({
  group,
  framework,
  competencies,
  targeted,
  onEdit,
}: {
  group: CompetencyGroup;
  framework: Framework;
  competencies: Competency[];
  targeted: string;
  onEdit: ((competency: Competency) => void) | undefined;
}) {
  if (competencies.length === 0) return null;
  const headingId = `group-${group.code}`;
  return (
    <section className="competency-group" aria-labelledby={headingId}>
      <header className="competency-group__header">
        <h3 id={headingId} className="competency-group__title" tabIndex={-1}>
          {group.name} <span className="competency-group__code mono">{group.code}</span>
        </h3>
        {group.description ? <p className="muted">{group.description}</p> : null}
      </header>
      <ul className="competencies">
        {competencies.map((competency) => (
          <li key={competency.code}>
            <CompetencyItem
              competency={competency}
              framework={framework}
              targeted={targeted === competencyAnchor(competency.code)}
              onEdit={onEdit}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function CompetencyItem({
  competency,
  framework,
  targeted,
  onEdit,
}: {
  competency: Competency;
  framework: Framework;
  targeted: boolean;
  onEdit: ((competency: Competency) => void) | undefined;
}) {
  const id = competencyAnchor(competency.code);
  const titleId = useId();
  const indicators = [...competency.indicators].sort((a, b) => a.level - b.level);
  return (
    <article
      id={id}
      className="competency"
      aria-labelledby={titleId}
      tabIndex={-1}
      data-targeted={targeted || undefined}
    >
      <div className="competency__head">
        <h4 className="competency__title" id={titleId}>
          <span className="competency__code mono">{competency.code}</span> {competency.name}
        </h4>
        {onEdit ? (
          <Button
            variant="ghost"
            size="sm"
            icon={<Icon name="pencil" size={16} />}
            onClick={() => {
              onEdit(competency);
            }}
            aria-describedby={titleId}
          >
            Edit
          </Button>
        ) : null}
      </div>
      {competency.description ? <p className="competency__description">{competency.description}</p> : null}
      {competency.tags.length > 0 ? (
        <ul className="chip-list chip-list--wrap" aria-label="Skill areas and tags">
          {competency.tags.map((tag) => (
            <li key={tag}>
              <Chip>{tagLabel(tag)}</Chip>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="competency__more">
        {indicators.length > 0 ? (
          <details className="disclosure">
            <summary>Indicators by level ({indicators.length})</summary>
            <dl className="indicators">
              {indicators.map(({ level, indicator }) => (
                <div key={level} className="indicators__row">
                  <dt>
                    <span className="indicators__level">{level}</span>{' '}
                    {framework.scale.find((s) => s.level === level)?.name ?? `Level ${level}`}
                  </dt>
                  <dd>{indicator}</dd>
                </div>
              ))}
            </dl>
          </details>
        ) : null}
        {competency.alignments.length > 0 ? (
          <details className="disclosure">
            <summary>Alignments ({competency.alignments.length})</summary>
            <ul className="alignments">
              {competency.alignments.map((alignment) => (
                <li key={`${alignment.framework}:${alignment.code}`} className="alignment">
                  <span className="alignment__framework">{alignment.framework}</span>
                  <span>
                    <span className="mono">{alignment.code}</span>
                    {alignment.targetName ? ` ${alignment.targetName}` : ''}
                  </span>
                  {alignment.targetUrl ? (
                    <a
                      href={alignment.targetUrl}
                      target="_blank"
                      rel="noopener noreferrer"
                      className="alignment__link"
                    >
                      Open
                      <span className="visually-hidden">
                        {' '}
                        {alignment.framework} {alignment.code} (opens in a new tab)
                      </span>
                      <Icon name="external" size={16} />
                    </a>
                  ) : null}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
    </article>
  );
}
