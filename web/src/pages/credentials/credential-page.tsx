import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import {
  credentialsApi,
  type CredentialView,
  type DownloadFormat,
  type StatusAction,
} from '../../api/credentials-api';
import { Alert } from '../../design/alert';
import { Button, LinkButton } from '../../design/button';
import { Card } from '../../design/card';
import { Chip } from '../../design/chip';
import { EmptyState } from '../../design/empty-state';
import { Icon } from '../../design/icons';
import { useAnnounce } from '../../design/live-announcer';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { MarkdownText } from '../../design/markdown-text';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatDate, formatDateTime } from '../../labels/dates';
import {
  ACTION_LABELS,
  ACTION_PAST,
  expiryLabel,
  ROUTE_LABELS,
  STATE_LABELS,
  STATE_TONES,
  statusActions,
} from './credential-labels';
import { readOb3, type Ob3Summary } from './ob3';
import { QrCode } from './qr-code';
import { StatusDialog } from './status-dialog';
import { VisibilityToggle } from './visibility-toggle';
import '../catalogue/catalogue.css';
import './credentials.css';

export function CredentialPage() {
  const { id = '' } = useParams();
  const query = useApiQuery(`credential:${id}`, (signal) => credentialsApi.get(id, signal));

  if (query.status === 'error' && (query.problem.status === 404 || query.problem.status === 400)) {
    return <CredentialNotFound />;
  }
  const view = query.status === 'success' ? query.data : undefined;
  return (
    <>
      <PageHeader
        title={view?.title ?? 'Credential'}
        eyebrow={view ? `Issued by ${view.issuer.name}` : undefined}
        documentTitle={view ? `${view.title} · ${view.issuer.name}` : 'Credential'}
        description={
          view ? (
            <p className="cluster">
              <span>
                Awarded to {view.recipientName ?? readOb3(view.credential).recipientName ?? 'its holder'}
              </span>
              <Chip tone={STATE_TONES[view.state]}>{STATE_LABELS[view.state]}</Chip>
            </p>
          ) : undefined
        }
      />
      <QueryView query={query} loadingLabel="Loading credential…">
        {(loaded) => (
          <CredentialDetail
            view={loaded}
            onChanged={(next) => {
              query.update(() => next);
            }}
          />
        )}
      </QueryView>
    </>
  );
}

function CredentialNotFound() {
  return (
    <>
      <PageHeader title="Credential not found" />
      <EmptyState
        title="There’s no credential to show here"
        actions={<LinkButton to="/verify">Verify a credential</LinkButton>}
      >
        <p>
          The link may be mistyped, or the holder has made this credential private. If someone shared a
          credential file with you, you can still check it on the verify page.
        </p>
      </EmptyState>
    </>
  );
}

/** The address of this credential's public page, for sharing and the QR code. */
function pageUrl(id: string): string {
  return `${window.location.origin}/credentials/${encodeURIComponent(id)}`;
}

function CredentialDetail({
  view,
  onChanged,
}: {
  view: CredentialView;
  onChanged: (next: CredentialView) => void;
}) {
  const ob3 = readOb3(view.credential);
  const record = view.record;
  const recipient = view.recipientName ?? ob3.recipientName;

  return (
    <div className="stack stack-lg">
      <StateNotice view={view} />
      <div className="detail">
        <aside className="detail__aside" aria-label="Key facts">
          <img
            className="detail__badge"
            src={credentialsApi.badgeImageUrl(view.versionId)}
            alt={`Badge for ${view.title}`}
            width={200}
            height={200}
          />
          <dl className="fact-list credential-facts">
            <Fact label="Status">
              <Chip tone={STATE_TONES[view.state]}>{STATE_LABELS[view.state]}</Chip>
            </Fact>
            <Fact label="Awarded to">{recipient ?? <span className="muted">Name not shown</span>}</Fact>
            {record ? <Fact label="Recipient email">{record.recipientEmail}</Fact> : null}
            <Fact label="Issued by">{view.issuer.name}</Fact>
            <Fact label="Awarded">
              <time dateTime={view.awardedAt}>{formatDate(view.awardedAt)}</time>
            </Fact>
            <Fact label="Valid from">
              <time dateTime={view.validFrom}>{formatDate(view.validFrom)}</time>
            </Fact>
            <Fact label="Valid until">
              {view.validUntil ? (
                <>
                  <time dateTime={view.validUntil}>{formatDate(view.validUntil)}</time>
                  <span className="fact-list__note">{expiryLabel(view.validUntil)}</span>
                </>
              ) : (
                'Does not expire'
              )}
            </Fact>
            <Fact label="How it was earned">{ROUTE_LABELS[view.route]}</Fact>
          </dl>
          <Link className="small" to={`/catalogue/${encodeURIComponent(view.versionId)}`}>
            About this micro-credential
          </Link>
        </aside>

        <div className="detail__main stack stack-lg">
          {record?.isHolder ? (
            <Card
              title="Your credential"
              description="You hold this credential. Choose whether its page is public before you share it."
              tone="accent"
            >
              <VisibilityToggle
                credential={view}
                onChanged={(isPublic) => {
                  onChanged({ ...view, public: isPublic });
                }}
              />
            </Card>
          ) : null}

          {record?.canChangeStatus ? <ManageStatus view={view} onChanged={onChanged} /> : null}

          <AchievementSections ob3={ob3} />

          <ShareCard view={view} ob3={ob3} />
          <DownloadCard view={view} />
        </div>
      </div>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact-list__item">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function StateNotice({ view }: { view: CredentialView }) {
  switch (view.state) {
    case 'active':
      return view.public || !view.record ? null : (
        <Alert tone="info" title="This credential is private">
          <p>
            Only its holder and the issuer’s staff can see this page. Others who follow a link get “not
            found”.
          </p>
        </Alert>
      );
    case 'expired':
      return (
        <Alert tone="warning" title="Expired, not forged">
          <p>
            This credential was genuinely issued by {view.issuer.name}. Its validity ended
            {view.validUntil ? ` on ${formatDate(view.validUntil)}` : ''}; the holder may renew it.
          </p>
        </Alert>
      );
    case 'suspended':
      return (
        <Alert tone="warning" title="Suspended by the issuer">
          <p>
            {view.issuer.name} has suspended this credential for now.
            {view.suspensionReason ? ` Reason: ${view.suspensionReason}` : ''}
          </p>
        </Alert>
      );
    case 'revoked':
      return (
        <Alert tone="danger" title="Revoked by the issuer">
          <p>
            {view.issuer.name} has withdrawn this credential for good.
            {view.revocationReason ? ` Reason: ${view.revocationReason}` : ''}
          </p>
        </Alert>
      );
  }
}

function AchievementSections({ ob3 }: { ob3: Ob3Summary }) {
  return (
    <>
      <Card title="What this credential recognises" className="detail__section">
        <div className="stack">
          {ob3.achievementName ? <p className="credential-achievement-name">{ob3.achievementName}</p> : null}
          {ob3.description ? <p className="pre-line">{ob3.description}</p> : null}
          {ob3.criteriaNarrative ? (
            <>
              <h3 className="detail__subheading">Criteria</h3>
              <MarkdownText text={ob3.criteriaNarrative} />
            </>
          ) : null}
          {ob3.alignments.length > 0 ? (
            <>
              <h3 className="detail__subheading" id="aligned-heading">
                Competencies
              </h3>
              <ul className="bullets" aria-labelledby="aligned-heading">
                {ob3.alignments.map((alignment) => (
                  <li key={`${alignment.targetCode ?? ''}:${alignment.targetName}`}>
                    {alignment.targetCode ? <span className="mono">{alignment.targetCode}</span> : null}{' '}
                    {alignment.targetUrl ? (
                      <a href={alignment.targetUrl}>{alignment.targetName}</a>
                    ) : (
                      alignment.targetName
                    )}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </Card>

      {ob3.evidence.length > 0 ? (
        <Card title="Evidence" className="detail__section">
          <ul className="plain-list stack">
            {ob3.evidence.map((item, index) => (
              <li key={index}>
                <p className="endorsement__org">
                  {item.url ? <a href={item.url}>{item.name}</a> : item.name}
                </p>
                {item.description ? <p>{item.description}</p> : null}
                {item.narrative ? <p className="pre-line muted">{item.narrative}</p> : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <Card title="Endorsements" className="detail__section">
        {ob3.endorsements.length > 0 ? (
          <ul className="endorsements">
            {ob3.endorsements.map((endorsement, index) => (
              <li key={index} className="endorsement">
                <p className="endorsement__org">{endorsement.issuerName}</p>
                <blockquote className="endorsement__statement">
                  <p>{endorsement.comment}</p>
                </blockquote>
                {endorsement.validFrom ? (
                  <p className="muted small">
                    <time dateTime={endorsement.validFrom}>{formatDate(endorsement.validFrom)}</time>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No organisation endorses this micro-credential yet.</p>
        )}
      </Card>
    </>
  );
}

function linkedInUrl(view: CredentialView): string {
  const awarded = new Date(view.awardedAt);
  const params = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: view.title,
    organizationName: view.issuer.name,
    issueYear: String(awarded.getFullYear()),
    issueMonth: String(awarded.getMonth() + 1),
    certUrl: pageUrl(view.id),
    certId: view.id,
  });
  if (view.validUntil) {
    const until = new Date(view.validUntil);
    params.set('expirationYear', String(until.getFullYear()));
    params.set('expirationMonth', String(until.getMonth() + 1));
  }
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}

function ShareCard({ view, ob3 }: { view: CredentialView; ob3: Ob3Summary }) {
  const announce = useAnnounce();
  const url = pageUrl(view.id);
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      announce('Link copied to the clipboard.');
    } catch {
      announce('Copying was blocked. Select the link and copy it yourself.', 'info');
    }
  }

  return (
    <Card
      title="Share and verify"
      description={
        view.public
          ? 'Anyone with the link or the QR code can see this page and check the credential is genuine.'
          : 'The page is private, so a shared link shows “not found” until the holder makes it public.'
      }
      className="detail__section"
    >
      <div className="share">
        <div className="share__qr">
          <QrCode value={url} label={`QR code linking to this credential page (${url})`} />
          <p className="muted small">Scan to open this page</p>
        </div>
        <div className="stack">
          <p className="share__link">
            <span className="visually-hidden">Page address: </span>
            <code>{url}</code>
          </p>
          <div className="cluster">
            <Button
              variant="secondary"
              size="sm"
              icon={<Icon name={copied ? 'check' : 'copy'} />}
              onClick={() => void copy()}
            >
              {copied ? 'Copied' : 'Copy link'}
            </Button>
            <LinkButton
              to={`/verify?credential=${encodeURIComponent(view.id)}`}
              variant="secondary"
              size="sm"
              icon={<Icon name="shieldCheck" />}
            >
              Verify this credential
            </LinkButton>
            <a
              className="btn btn--secondary btn--sm"
              href={linkedInUrl(view)}
              target="_blank"
              rel="noopener noreferrer"
            >
              <Icon name="external" />
              <span>
                Add to LinkedIn profile<span className="visually-hidden"> (opens in a new tab)</span>
              </span>
            </a>
          </div>
          {ob3.issuerId ? (
            <p className="muted small">
              Signed by <code className="break-anywhere">{ob3.issuerId}</code>
            </p>
          ) : null}
        </div>
      </div>
    </Card>
  );
}

const DOWNLOADS: { format: DownloadFormat; label: string; hint: string }[] = [
  {
    format: 'json',
    label: 'Credential (JSON)',
    hint: 'Open Badges 3.0, signed with a Data Integrity proof.',
  },
  { format: 'jwt', label: 'Credential (JWT)', hint: 'The same credential as a VC-JWT, signed with EdDSA.' },
  {
    format: 'jwt-es256',
    label: 'Credential (JWT, ES256)',
    hint: 'For 1EdTech’s validator, which checks ES256 signatures.',
  },
  { format: 'png', label: 'Baked badge (PNG)', hint: 'The badge image with the credential inside it.' },
  {
    format: 'svg',
    label: 'Baked badge (SVG)',
    hint: 'Only when the badge design is an SVG, not an uploaded picture.',
  },
];

function DownloadCard({ view }: { view: CredentialView }) {
  return (
    <Card
      title="Download"
      description="Keep a copy, or load it into another wallet or a verifier."
      className="detail__section"
    >
      <ul className="download-list">
        {DOWNLOADS.map((item) => (
          <li key={item.format} className="download-list__item">
            <a
              href={credentialsApi.downloadUrl(view.id, item.format)}
              download
              className="download-list__link"
              data-testid={`download-${item.format}`}
            >
              <Icon name="download" />
              <span>{item.label}</span>
            </a>
            <span className="muted small">{item.hint}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function ManageStatus({
  view,
  onChanged,
}: {
  view: CredentialView;
  onChanged: (next: CredentialView) => void;
}) {
  const announce = useAnnounce();
  const [action, setAction] = useState<StatusAction | null>(null);
  const [lastAction, setLastAction] = useState<StatusAction>('revoke');
  const actions = statusActions(view.state);
  const history = [...(view.record?.history ?? [])].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <Card
      title="Manage this credential"
      description="You can change its status as a member of the issuing organisation. Every change is recorded with its reason."
    >
      <div className="stack">
        {actions.length > 0 ? (
          <div className="cluster">
            {actions.map((next) => (
              <Button
                key={next}
                variant={next === 'reinstate' ? 'primary' : next === 'revoke' ? 'danger' : 'secondary'}
                size="sm"
                onClick={() => {
                  setLastAction(next);
                  setAction(next);
                }}
              >
                {ACTION_LABELS[next]}…
              </Button>
            ))}
          </div>
        ) : (
          <p className="muted">Revocation is final: this credential’s status can no longer change.</p>
        )}
        <h3 className="detail__subheading">Status history</h3>
        {history.length > 0 ? (
          <ol className="timeline" data-testid="status-history">
            <li className="timeline__item">
              <span className="timeline__what">Issued</span>
              <span className="muted small">
                <time dateTime={view.issuedAt}>{formatDateTime(view.issuedAt)}</time>
              </span>
            </li>
            {history.map((entry) => (
              <li
                key={`${entry.at}:${entry.action}`}
                className={`timeline__item timeline__item--${entry.action}`}
              >
                <span className="timeline__what">{ACTION_PAST[entry.action]}</span>
                <span className="muted small">
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  {entry.actor ? ` by ${entry.actor.name}` : ''}
                </span>
                <span>{entry.reason}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">
            Issued <time dateTime={view.issuedAt}>{formatDateTime(view.issuedAt)}</time>. No status changes
            since.
          </p>
        )}
      </div>
      <StatusDialog
        target={
          action
            ? {
                id: view.id,
                title: view.title,
                recipient: view.recipientName ?? view.record?.recipientEmail ?? '',
              }
            : null
        }
        action={action ?? lastAction}
        onClose={() => {
          setAction(null);
        }}
        onChanged={(next) => {
          onChanged(next);
          announce(`Credential ${STATE_LABELS[next.state].toLowerCase()}.`);
        }}
      />
    </Card>
  );
}
