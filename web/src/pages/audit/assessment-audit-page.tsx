import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { apiRequest, toProblem, type ApiProblem } from '../../api/client';
import type { ItemList, Organisation } from '../../api/types';
import { Alert, ProblemAlert } from '../../design/alert';
import { Button, buttonClass } from '../../design/button';
import { Chip, type ChipTone } from '../../design/chip';
import { EmptyState } from '../../design/empty-state';
import { useAnnounce } from '../../design/live-announcer';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { Select } from '../../design/select';
import { Table } from '../../design/table';
import { useAction } from '../../hooks/use-action';
import { useApiQuery } from '../../hooks/use-api-query';
import { auditKindLabel } from '../../labels/audit-kinds';
import { formatDateTime } from '../../labels/dates';
import { useMe } from '../../session/session-context';

// Wire shapes of GET /api/v1/audit-log, …/export and …/verification (listAuditLog, exportAuditLog,
// verifyAuditLog in /openapi.json).
export interface AuditLogEntry {
  seq: number;
  occurredAt: string;
  kind: string;
  actor: { id: string | null; label: string } | null;
  organisationId: string | null;
  subjectType: string;
  subjectId: string;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface AuditLogPage {
  items: AuditLogEntry[];
  nextBefore: number | null;
}

export interface AuditLogVerification {
  ok: boolean;
  checked: number;
  total: number;
  firstBroken: {
    seq: number;
    reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap';
    message: string;
  } | null;
}

const v1 = '/api/v1';
const PAGE_SIZE = 50;

const auditLogApi = {
  list: (
    query: { organisationId: string | null; before: number | null; limit: number },
    signal?: AbortSignal,
  ) => {
    const params = new URLSearchParams({ limit: String(query.limit) });
    if (query.organisationId) params.set('organisationId', query.organisationId);
    if (query.before !== null) params.set('before', String(query.before));
    return apiRequest<AuditLogPage>('GET', `${v1}/audit-log?${params.toString()}`, { signal });
  },
  exportUrl: (organisationId: string | null) =>
    `${v1}/audit-log/export${organisationId ? `?${new URLSearchParams({ organisationId }).toString()}` : ''}`,
  verify: () => apiRequest<AuditLogVerification>('GET', `${v1}/audit-log/verification`),
  organisations: (signal?: AbortSignal) =>
    apiRequest<ItemList<Organisation>>('GET', `${v1}/organisations`, { signal }),
};

/** Roles that may read an organisation's assessment audit log (the server decides; this only hides the page). */
const READER_ROLES = new Set(['org_admin', 'moderator']);

/**
 * The hash-chained assessment audit log: enrolments, submissions, decisions, moderation, appeals
 * and credentials. Platform admins see everything and can check the chain; org admins and
 * moderators see their organisations' entries. `?organisationId=` narrows it to one organisation.
 */
export function AssessmentAuditPage() {
  const me = useMe();
  const isPlatformAdmin = me.user.isPlatformAdmin;
  const readable = me.memberships
    .filter((m) => m.roles.some((r) => READER_ROLES.has(r)))
    .map((m) => ({ id: m.organisation.id, name: m.organisation.name }));

  if (!isPlatformAdmin && readable.length === 0) {
    return (
      <>
        <PageHeader title="Assessment audit log" />
        <Alert tone="warning" title="Org admins and moderators only">
          <p>The assessment audit log is for the admins and moderators of an organisation.</p>
        </Alert>
      </>
    );
  }
  return <AuditLogView isPlatformAdmin={isPlatformAdmin} memberOrganisations={readable} />;
}

function AuditLogView({
  isPlatformAdmin,
  memberOrganisations,
}: {
  isPlatformAdmin: boolean;
  memberOrganisations: { id: string; name: string }[];
}) {
  // Platform admins may filter by any organisation; everyone else by their own.
  const allOrganisations = useApiQuery(`organisations:${isPlatformAdmin ? 'all' : 'none'}`, (signal) =>
    isPlatformAdmin
      ? auditLogApi.organisations(signal).then((list) => list.items.map((o) => ({ id: o.id, name: o.name })))
      : Promise.resolve(memberOrganisations),
  );
  const organisations = allOrganisations.status === 'success' ? allOrganisations.data : memberOrganisations;
  const names = new Map(organisations.map((o) => [o.id, o.name]));

  const [searchParams, setSearchParams] = useSearchParams();
  const organisationId = searchParams.get('organisationId') || null;
  const chooseOrganisation = (id: string) => {
    setSearchParams(id ? { organisationId: id } : {}, { replace: true });
  };
  const showFilter = isPlatformAdmin || memberOrganisations.length > 1;

  return (
    <>
      <PageHeader
        title="Assessment audit log"
        eyebrow={organisationId ? names.get(organisationId) : undefined}
        description={
          <p>
            Enrolments, evidence, decisions, moderation, appeals and credentials, newest first. Each entry is
            chained to the one before it by its hash, so an entry changed or removed later is detected.
          </p>
        }
        actions={
          // A plain link: the browser downloads the file with the session cookie.
          <a
            href={auditLogApi.exportUrl(organisationId)}
            download
            className={buttonClass('secondary', 'md')}
            title="Every entry you may read, oldest first, one JSON object a line (NDJSON)"
          >
            <span>Export (NDJSON)</span>
          </a>
        }
      />
      <div className="stack stack-lg">
        {isPlatformAdmin ? <ChainCheck /> : null}
        {showFilter ? (
          <div className="toolbar" role="search" aria-label="Filter the audit log">
            <Select
              label="Organisation"
              value={organisationId ?? ''}
              onChange={(event) => {
                chooseOrganisation(event.target.value);
              }}
              options={[
                { value: '', label: isPlatformAdmin ? 'All organisations' : 'All my organisations' },
                ...organisations.map((o) => ({ value: o.id, label: o.name })),
              ]}
            />
          </div>
        ) : null}
        <EntryFeed
          organisationId={organisationId}
          organisationName={(id) => names.get(id)}
          showOrganisation={organisationId === null && (isPlatformAdmin || memberOrganisations.length > 1)}
        />
      </div>
    </>
  );
}

function ChainCheck() {
  const [result, setResult] = useState<AuditLogVerification | null>(null);
  const verify = useAction(auditLogApi.verify);
  const announce = useAnnounce();

  async function check() {
    setResult(null);
    const outcome = await verify.run();
    if (!outcome) return;
    setResult(outcome);
    announce(
      outcome.ok
        ? 'The audit log chain is intact.'
        : `The audit log chain is broken at entry ${outcome.firstBroken?.seq ?? '?'}.`,
      outcome.ok ? 'success' : 'danger',
    );
  }

  return (
    <section className="stack stack-sm" aria-label="Chain verification">
      <div className="cluster">
        <Button variant="secondary" pending={verify.pending} onClick={() => void check()}>
          Verify chain
        </Button>
        <span className="muted small">Recomputes every entry’s hash; a long log takes a while.</span>
      </div>
      <ProblemAlert problem={verify.problem} />
      {result ? (
        result.ok ? (
          <Alert tone="success" title="Audit log intact">
            <p>
              {result.checked === 1 ? '1 entry' : `${result.checked} entries`} checked; every hash and link
              matches.
            </p>
          </Alert>
        ) : (
          <Alert
            tone="danger"
            title={`Audit log broken at entry ${result.firstBroken?.seq ?? '?'}`}
            assertive
          >
            <p>{result.firstBroken?.message}</p>
            <p className="small">
              {result.checked} of {result.total} entries checked before the break. Entries after it cannot be
              trusted until the cause is found; the database may have been edited outside Cairn.
            </p>
          </Alert>
        )
      ) : null}
    </section>
  );
}

function EntryFeed({
  organisationId,
  organisationName,
  showOrganisation,
}: {
  organisationId: string | null;
  organisationName: (id: string) => string | undefined;
  showOrganisation: boolean;
}) {
  const announce = useAnnounce();
  const feed = useApiQuery(`assessment-audit:${organisationId ?? 'all'}`, (signal) =>
    auditLogApi.list({ organisationId, before: null, limit: PAGE_SIZE }, signal),
  );
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreProblem, setMoreProblem] = useState<ApiProblem | null>(null);
  const { update } = feed;
  const nextBefore = feed.status === 'success' ? feed.data.nextBefore : null;

  const loadMore = useCallback(async () => {
    if (nextBefore === null || loadingMore) return;
    setLoadingMore(true);
    setMoreProblem(null);
    try {
      const page = await auditLogApi.list({ organisationId, before: nextBefore, limit: PAGE_SIZE });
      update((data) => ({ items: [...data.items, ...page.items], nextBefore: page.nextBefore }));
      announce(
        page.items.length === 1 ? 'Loaded 1 more entry.' : `Loaded ${page.items.length} more entries.`,
        'info',
      );
    } catch (error) {
      setMoreProblem(toProblem(error));
    } finally {
      setLoadingMore(false);
    }
  }, [announce, loadingMore, nextBefore, organisationId, update]);

  return (
    <QueryView query={feed} loadingLabel="Loading the audit log…">
      {(data) =>
        data.items.length === 0 ? (
          <EmptyState title="No entries yet">
            <p>Enrolments, submissions, assessment decisions and credential changes will be recorded here.</p>
          </EmptyState>
        ) : (
          <div className="stack">
            <Table caption="Assessment audit log entries" testId="assessment-audit-table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">When</th>
                  <th scope="col">Event</th>
                  {showOrganisation ? <th scope="col">Organisation</th> : null}
                  <th scope="col">By</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Details</th>
                  <th scope="col">Hash</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((entry) => (
                  <tr key={entry.seq}>
                    <td className="cell-nowrap mono">{entry.seq}</td>
                    <td className="cell-nowrap">
                      <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
                    </td>
                    <td>
                      <Chip tone={kindTone(entry.kind)} title={entry.kind}>
                        {auditKindLabel(entry.kind)}
                      </Chip>
                    </td>
                    {showOrganisation ? (
                      <td>
                        {entry.organisationId === null ? (
                          <span className="muted">Platform</span>
                        ) : (
                          (organisationName(entry.organisationId) ?? (
                            <span className="mono small">{entry.organisationId}</span>
                          ))
                        )}
                      </td>
                    ) : null}
                    <td>{entry.actor ? entry.actor.label : <span className="muted">—</span>}</td>
                    <td className="cell-wrap">
                      {entry.subjectType}
                      <span className="cell-secondary mono small">{entry.subjectId}</span>
                    </td>
                    <td>
                      <EntryDetail detail={entry.detail} />
                    </td>
                    <td
                      className="cell-nowrap mono small"
                      title={`hash ${entry.hash}\nprevious ${entry.prevHash}`}
                    >
                      {entry.hash.slice(0, 12)}…
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <ProblemAlert problem={moreProblem} />
            <div className="load-more">
              {data.nextBefore !== null ? (
                <Button variant="secondary" pending={loadingMore} onClick={() => void loadMore()}>
                  Load more
                </Button>
              ) : (
                <p className="muted small">
                  That’s everything: {data.items.length === 1 ? '1 entry' : `${data.items.length} entries`}.
                </p>
              )}
            </div>
          </div>
        )
      }
    </QueryView>
  );
}

/** Removals and refusals stand out when scanning; issuing is good news. */
function kindTone(kind: string): ChipTone {
  if (/revoked|suspended|removed|withdrawn/.test(kind)) return 'danger';
  if (/issued|reinstated|approved/.test(kind)) return 'success';
  if (/decision|moderation|appeal/.test(kind)) return 'info';
  return 'neutral';
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function humanKey(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function EntryDetail({ detail }: { detail: Record<string, unknown> }) {
  const entries = Object.entries(detail);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <dl className="detail-list">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{humanKey(key)}</dt>
          <dd>{formatValue(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
