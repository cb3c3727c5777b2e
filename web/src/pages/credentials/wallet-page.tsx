import { Link } from 'react-router';
import { credentialsApi, type CredentialSummary } from '../../api/credentials-api';
import { buttonClass, LinkButton } from '../../design/button';
import { Chip } from '../../design/chip';
import { EmptyState } from '../../design/empty-state';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { useApiQuery, type QueryResult } from '../../hooks/use-api-query';
import { formatDate } from '../../labels/dates';
import { expiryLabel, STATE_LABELS, STATE_TONES } from './credential-labels';
import { VisibilityToggle } from './visibility-toggle';
import './credentials.css';

export function WalletPage() {
  const query = useApiQuery(
    'my-credentials',
    async (signal) => (await credentialsApi.listMine(signal)).items,
  );
  return (
    <>
      <PageHeader
        title="My credentials"
        description={
          <p>
            The micro-credentials you have earned, as signed Open Badges 3.0 credentials. Open one to share
            it, download it or add it to LinkedIn.
          </p>
        }
        actions={
          <>
            {/* A plain link: the browser downloads the file with the session cookie. */}
            <a
              href="/api/v1/me/clr?download=1"
              download
              className={buttonClass('secondary', 'md')}
              title="A Comprehensive Learner Record (CLR 2.0): all your current credentials in one signed file"
            >
              <span>Download my learner record</span>
            </a>
            <LinkButton to="/verify" variant="secondary">
              Verify a credential
            </LinkButton>
          </>
        }
      />
      <QueryView query={query} loadingLabel="Loading your credentials…">
        {(items) => <Wallet items={items} query={query} />}
      </QueryView>
    </>
  );
}

/** Current ones first (active, then suspended), then expired and revoked; newest first within each. */
const ORDER: Record<CredentialSummary['state'], number> = { active: 0, suspended: 1, expired: 2, revoked: 3 };

function Wallet({ items, query }: { items: CredentialSummary[]; query: QueryResult<CredentialSummary[]> }) {
  if (items.length === 0) {
    return (
      <EmptyState
        title="No credentials yet"
        actions={<LinkButton to="/catalogue">Browse the catalogue</LinkButton>}
      >
        <p>
          When an organisation awards you a micro-credential, it appears here. The catalogue shows what you
          can work towards.
        </p>
      </EmptyState>
    );
  }
  const sorted = [...items].sort(
    (a, b) => ORDER[a.state] - ORDER[b.state] || b.awardedAt.localeCompare(a.awardedAt),
  );
  return (
    <ul className="wallet" data-testid="wallet">
      {sorted.map((credential) => (
        <li key={credential.id} className="wallet-card" data-testid={`wallet-card-${credential.id}`}>
          <img
            className="wallet-card__badge"
            src={credentialsApi.badgeImageUrl(credential.versionId)}
            alt=""
            width={96}
            height={96}
          />
          <div className="wallet-card__body">
            <h2 className="wallet-card__title">
              <Link to={`/credentials/${encodeURIComponent(credential.id)}`}>{credential.title}</Link>
            </h2>
            <p className="muted">{credential.issuer.name}</p>
            <p className="cluster wallet-card__facts">
              <Chip tone={STATE_TONES[credential.state]}>{STATE_LABELS[credential.state]}</Chip>
              <span className="small">
                Awarded <time dateTime={credential.awardedAt}>{formatDate(credential.awardedAt)}</time>
              </span>
              {credential.state !== 'revoked' ? (
                <span className="small">{expiryLabel(credential.validUntil)}</span>
              ) : null}
            </p>
            {credential.state === 'revoked' && credential.revocationReason ? (
              <p className="small">Revoked: {credential.revocationReason}</p>
            ) : null}
            {credential.state === 'suspended' && credential.suspensionReason ? (
              <p className="small">Suspended: {credential.suspensionReason}</p>
            ) : null}
            <VisibilityToggle
              credential={credential}
              onChanged={(isPublic) => {
                query.update((list) =>
                  list.map((c) => (c.id === credential.id ? { ...c, public: isPublic } : c)),
                );
              }}
            />
          </div>
        </li>
      ))}
    </ul>
  );
}
