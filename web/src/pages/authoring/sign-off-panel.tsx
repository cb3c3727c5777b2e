import type { SignOffView, VersionStatus } from '../../api/authoring-api';
import type { OrganisationKind } from '../../api/types';
import { ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { Chip } from '../../design/chip';
import { Icon } from '../../design/icons';
import { useAnnounce } from '../../design/live-announcer';
import { useAction } from '../../hooks/use-action';
import { formatDateTime } from '../../labels/dates';
import { ORGANISATION_KIND_LABELS } from '../../labels/organisation-kinds';
import { useMe } from '../../session/session-context';
import { KIND_PHRASES } from './authoring-labels';

/** The review state of one version of a micro-credential or a pathway, as the panel needs it. */
export interface SignOffReview {
  status: VersionStatus;
  /** The owner and the collaborating organisations. */
  teamIds: readonly string[];
  signOffs: readonly SignOffView[];
  requiredSignOffKinds: readonly OrganisationKind[];
  missingSignOffKinds: readonly OrganisationKind[];
  canSignOff: boolean;
}

/**
 * Sign-offs required (one per organisation kind) against those given on the current content, and a
 * button for each of the person's organisations in the design team where they are an author.
 */
export function SignOffPanel({
  review: detail,
  sign: signFor,
}: {
  review: SignOffReview;
  /** Records the sign-off and refreshes what the page shows. */
  sign: (organisationId: string) => Promise<void>;
}) {
  const me = useMe();
  const announce = useAnnounce();
  const team = new Set(detail.teamIds);
  const mine = me.memberships.filter((m) => m.roles.includes('author') && team.has(m.organisation.id));
  const current = detail.signOffs.filter((s) => s.current);
  const stale = detail.signOffs.filter((s) => !s.current);
  const editable = detail.status === 'draft' || detail.status === 'in_review';

  const sign = useAction(async (organisationId: string, organisationName: string) => {
    await signFor(organisationId);
    announce(`Signed off for ${organisationName}.`);
    return true;
  });

  return (
    <section className="review-section" aria-labelledby="sign-offs-heading">
      <h3 id="sign-offs-heading" className="review-section__title">
        Sign-offs
      </h3>
      <p className="muted small">
        {editable
          ? `Publishing needs a sign-off on this exact content from an author of ${detail.requiredSignOffKinds
              .map((k) => KIND_PHRASES[k])
              .join(' and ')}. Editing the content afterwards asks for them again.`
          : 'The design team signed off this exact content before it was published.'}
      </p>
      <ul className="sign-off-list" data-testid="sign-offs-required">
        {detail.requiredSignOffKinds.map((kind) => {
          const given = current.filter((s) => s.organisationKind === kind);
          const missing = detail.missingSignOffKinds.includes(kind);
          return (
            <li key={kind} className={missing ? 'sign-off sign-off--missing' : 'sign-off sign-off--given'}>
              <span className="sign-off__icon" aria-hidden="true">
                {missing ? '!' : <Icon name="check" size={16} />}
              </span>
              <span className="sign-off__text">
                <span className="sign-off__kind">{ORGANISATION_KIND_LABELS[kind]}</span>{' '}
                {missing ? (
                  <Chip tone="warning">{editable ? 'Needed' : 'Not recorded'}</Chip>
                ) : (
                  <Chip tone="success">Signed off</Chip>
                )}
                {given.map((s) => (
                  <SignOffLine key={`${s.organisation.id}:${s.user.id}`} signOff={s} />
                ))}
              </span>
            </li>
          );
        })}
      </ul>
      {current.some((s) => !detail.requiredSignOffKinds.includes(s.organisationKind)) ? (
        <ul className="plain-list small">
          {current
            .filter((s) => !detail.requiredSignOffKinds.includes(s.organisationKind))
            .map((s) => (
              <li key={`${s.organisation.id}:${s.user.id}`}>
                <SignOffLine signOff={s} />
              </li>
            ))}
        </ul>
      ) : null}
      {stale.length > 0 ? (
        <details className="disclosure">
          <summary>Earlier sign-offs that no longer count ({stale.length})</summary>
          <ul className="plain-list small">
            {stale.map((s) => (
              <li key={`${s.organisation.id}:${s.user.id}:${s.signedAt}`}>
                <SignOffLine signOff={s} /> <Chip tone="neutral">Content changed since</Chip>
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      {editable && detail.canSignOff && mine.length > 0 ? (
        <div className="stack stack-sm">
          <ProblemAlert problem={sign.problem} />
          <div className="cluster">
            {mine.map((m) => {
              const done = current.some(
                (s) => s.organisation.id === m.organisation.id && s.user.id === me.user.id,
              );
              return done ? (
                <p key={m.organisation.id} className="sign-off-done">
                  <Icon name="check" size={16} /> You signed off for {m.organisation.name}
                </p>
              ) : (
                <Button
                  key={m.organisation.id}
                  variant="secondary"
                  pending={sign.pending}
                  icon={<Icon name="check" />}
                  onClick={() => void sign.run(m.organisation.id, m.organisation.name)}
                >
                  Sign off for {m.organisation.name}
                </Button>
              );
            })}
          </div>
        </div>
      ) : null}
    </section>
  );
}

function SignOffLine({ signOff }: { signOff: SignOffView }) {
  return (
    <span className="sign-off__who">
      {signOff.user.name} for {signOff.organisation.name},{' '}
      <time dateTime={signOff.signedAt}>{formatDateTime(signOff.signedAt)}</time>
    </span>
  );
}
