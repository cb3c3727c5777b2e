import { Fragment, useState, type ReactNode } from 'react';
import { cairnApi } from '../../api/cairn-api';
import type { OutboxMessage, OutboxStatus } from '../../api/types';
import { Alert } from '../../design/alert';
import { Button } from '../../design/button';
import { Chip, type ChipTone } from '../../design/chip';
import { Dialog } from '../../design/dialog';
import { EmptyState } from '../../design/empty-state';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { Select } from '../../design/select';
import { Table } from '../../design/table';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatDateTime } from '../../labels/dates';
import { RequirePlatformAdmin } from './require-platform-admin';

const STATUS: Record<OutboxStatus, { label: string; tone: ChipTone }> = {
  pending: { label: 'Pending', tone: 'info' },
  sent: { label: 'Sent', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  held: { label: 'Held', tone: 'warning' },
};

export function OutboxPage() {
  return (
    <RequirePlatformAdmin title="Outbox">
      <OutboxContent />
    </RequirePlatformAdmin>
  );
}

function OutboxContent() {
  const outbox = useApiQuery('admin:outbox', async (signal) => (await cairnApi.listOutbox(signal)).items);
  const [filter, setFilter] = useState<OutboxStatus | 'all'>('all');
  const [reading, setReading] = useState<OutboxMessage | null>(null);

  return (
    <>
      <PageHeader
        title="Outbox"
        eyebrow="Admin"
        description={
          <p>
            Every email Cairn sends: invitations, password resets and notices. <strong>Held</strong> means no
            mail server is configured, so the message waits here for you to read and pass on.
          </p>
        }
        actions={
          <Button
            variant="secondary"
            pending={outbox.status === 'success' && outbox.refreshing}
            onClick={outbox.reload}
          >
            Refresh
          </Button>
        }
      />
      <QueryView query={outbox} loadingLabel="Loading outbox…">
        {(messages) => {
          if (messages.length === 0) {
            return (
              <EmptyState title="The outbox is empty">
                <p>Emails appear here as soon as Cairn queues them.</p>
              </EmptyState>
            );
          }
          const shown = filter === 'all' ? messages : messages.filter((message) => message.status === filter);
          const held = messages.filter((message) => message.status === 'held').length;
          return (
            <div className="stack">
              {held > 0 ? (
                <Alert tone="warning" title={held === 1 ? '1 message is held' : `${held} messages are held`}>
                  <p>
                    Cairn has no SMTP server configured. Open a held message to read its link and send it on
                    yourself.
                  </p>
                </Alert>
              ) : null}
              <div className="toolbar">
                <Select
                  label="Status"
                  value={filter}
                  onChange={(event) => {
                    setFilter(event.target.value as OutboxStatus | 'all');
                  }}
                  options={[
                    { value: 'all', label: `All (${messages.length})` },
                    ...(Object.keys(STATUS) as OutboxStatus[]).map((status) => ({
                      value: status,
                      label: `${STATUS[status].label} (${messages.filter((m) => m.status === status).length})`,
                    })),
                  ]}
                />
              </div>
              {shown.length === 0 ? (
                <EmptyState title="No messages with this status" headingLevel={3} />
              ) : (
                <Table caption="Outbox messages" testId="outbox-table">
                  <thead>
                    <tr>
                      <th scope="col">To</th>
                      <th scope="col">Subject</th>
                      <th scope="col">Status</th>
                      <th scope="col">Queued</th>
                      <th scope="col">Sent</th>
                      <th scope="col">Attempts</th>
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((message) => (
                      <tr key={message.id}>
                        <td className="cell-wrap">{message.to}</td>
                        <th scope="row" className="cell-primary" id={`outbox-subject-${message.id}`}>
                          {message.subject}
                          {message.lastError ? (
                            <span className="cell-secondary cell-error">{message.lastError}</span>
                          ) : null}
                        </th>
                        <td>
                          <Chip tone={STATUS[message.status].tone}>{STATUS[message.status].label}</Chip>
                        </td>
                        <td className="cell-nowrap">
                          <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
                        </td>
                        <td className="cell-nowrap">
                          {message.sentAt ? (
                            <time dateTime={message.sentAt}>{formatDateTime(message.sentAt)}</time>
                          ) : (
                            <span className="muted">—</span>
                          )}
                        </td>
                        <td>{message.attempts}</td>
                        <td className="cell-actions">
                          <Button
                            variant="secondary"
                            size="sm"
                            onClick={() => {
                              setReading(message);
                            }}
                            aria-describedby={`outbox-subject-${message.id}`}
                          >
                            Read
                          </Button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              )}
            </div>
          );
        }}
      </QueryView>
      <Dialog
        open={reading !== null}
        onClose={() => {
          setReading(null);
        }}
        title={reading?.subject ?? 'Message'}
        size="lg"
        testId="outbox-message-dialog"
        footer={
          <Button
            onClick={() => {
              setReading(null);
            }}
          >
            Close
          </Button>
        }
      >
        {reading ? (
          <div className="stack">
            <dl className="definition-list">
              <dt>To</dt>
              <dd>{reading.to}</dd>
              <dt>Status</dt>
              <dd>
                <Chip tone={STATUS[reading.status].tone}>{STATUS[reading.status].label}</Chip>
              </dd>
              <dt>Queued</dt>
              <dd>{formatDateTime(reading.createdAt)}</dd>
              {reading.lastError ? (
                <>
                  <dt>Last error</dt>
                  <dd>{reading.lastError}</dd>
                </>
              ) : null}
            </dl>
            <pre
              className="email-text"
              data-testid="outbox-message-text"
              tabIndex={0}
              aria-label="Message text"
            >
              {linkify(reading.text)}
            </pre>
          </div>
        ) : null}
      </Dialog>
    </>
  );
}

/** Turns URLs in a plain-text email into links, so held reset links can be followed. */
function linkify(text: string): ReactNode[] {
  return text.split(/(https?:\/\/[^\s<>"]+)/g).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part} target="_blank" rel="noreferrer">
        {part}
      </a>
    ) : (
      <Fragment key={index}>{part}</Fragment>
    ),
  );
}
