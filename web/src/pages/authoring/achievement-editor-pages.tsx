import { Link, useNavigate, useParams } from 'react-router';
import { authoringApi, type AchievementDetail } from '../../api/authoring-api';
import { cairnApi } from '../../api/cairn-api';
import type { Organisation } from '../../api/types';
import { Alert } from '../../design/alert';
import { LinkButton } from '../../design/button';
import { Chip } from '../../design/chip';
import { useAnnounce } from '../../design/live-announcer';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { useApiQuery } from '../../hooks/use-api-query';
import { useMe } from '../../session/session-context';
import { AchievementForm, type FormSupport } from './achievement-form';
import { AUTHORING_PATH, reviewPath } from './authoring-paths';
import { STATUS_LABELS, STATUS_TONES } from './authoring-labels';
import { OverlapWarning } from './overlap-warning';
import './authoring.css';

/** Frameworks to align to, and the organisations to offer as co-designers. */
function useFormSupport() {
  const me = useMe();
  const isAdmin = me.user.isPlatformAdmin;
  return useApiQuery<FormSupport>(`authoring-form-support:${String(isAdmin)}`, async (signal) => {
    const [frameworks, mine, organisations] = await Promise.all([
      authoringApi.listFrameworks(signal),
      // Only used to suggest partner organisations: the form still works without them.
      authoringApi.listMyAchievements(signal).catch(() => ({ items: [] })),
      isAdmin
        ? cairnApi.listOrganisations(signal).catch(() => ({ items: [] as Organisation[] }))
        : Promise.resolve({ items: [] as Organisation[] }),
    ]);
    return { frameworks: frameworks.items, mine: mine.items, organisations: organisations.items };
  });
}

export function NewAchievementPage() {
  const me = useMe();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const support = useFormSupport();
  const canAuthor = me.user.isPlatformAdmin || me.memberships.some((m) => m.roles.includes('author'));

  return (
    <>
      <PageHeader
        title="New micro-credential"
        eyebrow={<Link to={AUTHORING_PATH}>My micro-credentials</Link>}
        description={
          <p>
            Start a draft with your co-designers. Cairn checks every rule as you save, so review brings no
            surprises. Fields marked optional can stay empty.
          </p>
        }
      />
      {canAuthor ? (
        <QueryView query={support} loadingLabel="Loading frameworks…">
          {(data) => (
            <AchievementForm
              support={data}
              onSaved={(saved) => {
                announce(`${saved.title} saved as a draft (version ${saved.version}).`);
                void navigate(reviewPath(saved.versionId));
              }}
            />
          )}
        </QueryView>
      ) : (
        <Alert tone="warning" title="You need the Author role">
          <p>
            Authors of an organisation start micro-credentials for it. Ask your organisation admin to give you
            the Author role.
          </p>
        </Alert>
      )}
    </>
  );
}

export function EditAchievementPage() {
  const { versionId = '' } = useParams();
  const announce = useAnnounce();
  const detail = useApiQuery(`authoring-version:${versionId}`, (signal) =>
    authoringApi.getVersion(versionId, signal),
  );
  const support = useFormSupport();
  const loaded = detail.status === 'success' ? detail.data : undefined;

  return (
    <>
      <PageHeader
        title={loaded ? `Edit ${loaded.title}` : 'Edit micro-credential'}
        eyebrow={loaded ? <VersionEyebrow detail={loaded} /> : undefined}
        actions={
          <LinkButton variant="secondary" to={reviewPath(versionId)}>
            Review and sign-offs
          </LinkButton>
        }
      />
      <QueryView query={detail} loadingLabel="Loading the micro-credential…">
        {(version) =>
          version.abilities.edit ? (
            <div className="stack stack-lg">
              <OverlapWarning versionId={version.versionId} updatedAt={version.updatedAt} />
              <QueryView query={support} loadingLabel="Loading frameworks…">
                {(data) => (
                  <AchievementForm
                    key={version.versionId}
                    support={data}
                    existing={version}
                    onSaved={(saved) => {
                      detail.update(() => saved);
                      announce(
                        saved.status === 'in_review'
                          ? 'Changes saved. Earlier sign-offs no longer count; ask the team to sign off again.'
                          : 'Changes saved.',
                      );
                    }}
                  />
                )}
              </QueryView>
            </div>
          ) : (
            <NotEditable detail={version} />
          )
        }
      </QueryView>
    </>
  );
}

export function VersionEyebrow({ detail }: { detail: AchievementDetail }) {
  return (
    <span className="version-eyebrow">
      <span>
        {detail.code} · version {detail.version}
      </span>{' '}
      <Chip tone={STATUS_TONES[detail.status]}>{STATUS_LABELS[detail.status]}</Chip>
    </span>
  );
}

function NotEditable({ detail }: { detail: AchievementDetail }) {
  const fixed = detail.status !== 'draft' && detail.status !== 'in_review';
  return (
    <Alert
      tone="warning"
      title={
        fixed ? `Version ${detail.version} can no longer change` : 'You can’t edit this micro-credential'
      }
      actions={
        <LinkButton variant="secondary" size="sm" to={reviewPath(detail.versionId)}>
          Go to its review page
        </LinkButton>
      }
    >
      <p>
        {fixed
          ? 'Published versions stay exactly as learners earned them. Start a new version from the review page to make changes.'
          : `Authors of ${detail.provider.name} and its co-designers edit it. You can still read it and comment.`}
      </p>
    </Alert>
  );
}
