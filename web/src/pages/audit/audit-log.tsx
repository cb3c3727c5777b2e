import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { isAbort, toProblem, type ApiProblem } from '../../api/client';
import type { AuditEvent, AuditPage } from '../../api/types';
import { ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { Chip } from '../../design/chip';
import { EmptyState } from '../../design/empty-state';
import { useAnnounce } from '../../design/live-announcer';
import { ErrorState } from '../../design/query-view';
import { LoadingBlock } from '../../design/spinner';
import { Table } from '../../design/table';
import { auditKindLabel, auditKindTone } from '../../labels/audit-kinds';
import { formatDateTime } from '../../labels/dates';

const PAGE_SIZE = 50;

type LoadPage = (before: string | null, limit: number, signal?: AbortSignal) => Promise<AuditPage>;

interface Feed {
  items: AuditEvent[];
  nextBefore: string | null;
}

/**
 * The audit table with "Load more" paging (newest first, `before` cursor).
 * `feedKey` changes when the feed does, e.g. another organisation.
 */
export function AuditLog({
  feedKey,
  loadPage,
  caption,
  showOrganisation = false,
}: {
  feedKey: string;
  loadPage: LoadPage;
  caption: string;
  showOrganisation?: boolean;
}) {
  const announce = useAnnounce();
  const [feed, setFeed] = useState<{ key: string; data: Feed } | null>(null);
  const [firstProblem, setFirstProblem] = useState<{ key: string; problem: ApiProblem } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreProblem, setMoreProblem] = useState<ApiProblem | null>(null);

  // Callers pass a fresh loadPage each render; feedKey says when the feed really changes.
  const loadFirstPage = useEffectEvent((signal: AbortSignal) => loadPage(null, PAGE_SIZE, signal));

  useEffect(() => {
    const controller = new AbortController();
    loadFirstPage(controller.signal).then(
      (page) => {
        setFeed({ key: feedKey, data: { items: page.items, nextBefore: page.nextBefore } });
      },
      (error: unknown) => {
        if (!isAbort(error)) setFirstProblem({ key: feedKey, problem: toProblem(error) });
      },
    );
    return () => {
      controller.abort();
    };
  }, [feedKey, attempt]);

  const data = feed?.key === feedKey ? feed.data : null;

  const loadMore = useCallback(async () => {
    if (!data?.nextBefore || loadingMore) return;
    setLoadingMore(true);
    setMoreProblem(null);
    try {
      const page = await loadPage(data.nextBefore, PAGE_SIZE);
      setFeed({ key: feedKey, data: { items: [...data.items, ...page.items], nextBefore: page.nextBefore } });
      announce(
        page.items.length === 1 ? 'Loaded 1 more event.' : `Loaded ${page.items.length} more events.`,
        'info',
      );
    } catch (error) {
      setMoreProblem(toProblem(error));
    } finally {
      setLoadingMore(false);
    }
  }, [announce, data, feedKey, loadPage, loadingMore]);

  if (!data) {
    if (firstProblem?.key === feedKey) {
      return (
        <ErrorState
          problem={firstProblem.problem}
          onRetry={() => {
            setFirstProblem(null);
            setAttempt((n) => n + 1);
          }}
        />
      );
    }
    return <LoadingBlock label="Loading events…" />;
  }

  if (data.items.length === 0) {
    return (
      <EmptyState title="No events yet">
        <p>Sign-ins, role changes, invitations and API key changes will be recorded here.</p>
      </EmptyState>
    );
  }

  return (
    <div className="stack">
      <Table caption={caption} testId="audit-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            {showOrganisation ? <th scope="col">Organisation</th> : null}
            <th scope="col">By</th>
            <th scope="col">Subject</th>
            <th scope="col">Details</th>
            <th scope="col">IP address</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((event) => (
            <tr key={event.id}>
              <td className="cell-nowrap">
                <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
              </td>
              <td>
                <Chip
                  tone={auditKindTone(event.kind) === 'neutral' ? 'neutral' : auditKindTone(event.kind)}
                  title={event.kind}
                >
                  {auditKindLabel(event.kind)}
                </Chip>
              </td>
              {showOrganisation ? (
                <td>{event.organisation?.name ?? <span className="muted">Platform</span>}</td>
              ) : null}
              <td>
                <Actor event={event} />
              </td>
              <td className="cell-wrap">{event.subject ?? <span className="muted">—</span>}</td>
              <td>
                <EventDetail detail={event.detail} />
              </td>
              <td className="cell-nowrap mono">{event.ip ?? <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <ProblemAlert problem={moreProblem} />
      <div className="load-more">
        {data.nextBefore ? (
          <Button variant="secondary" pending={loadingMore} onClick={() => void loadMore()}>
            Load more
          </Button>
        ) : (
          <p className="muted small">That’s everything: {data.items.length} events.</p>
        )}
      </div>
    </div>
  );
}

function Actor({ event }: { event: AuditEvent }) {
  if (event.actor) return <>{event.actor.name}</>;
  if (event.apiKey)
    return (
      <>
        {event.apiKey.name}
        <span className="cell-secondary">API key</span>
      </>
    );
  return <span className="muted">System</span>;
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value); // detail came from JSON, so this is always a string
}

function humanKey(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// The contract says detail is an object; tolerate null from older events.
function EventDetail({ detail }: { detail: Record<string, unknown> | null | undefined }) {
  const entries = Object.entries(detail ?? {});
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
