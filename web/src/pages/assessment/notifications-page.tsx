import { Link } from 'react-router';
import { assessmentApi, type Notification, type NotificationList } from '../../api/assessment-api';
import { ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { Chip } from '../../design/chip';
import { EmptyState } from '../../design/empty-state';
import { useAnnounce } from '../../design/live-announcer';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { useAction } from '../../hooks/use-action';
import { useApiQuery, type QueryResult } from '../../hooks/use-api-query';
import { formatDateTime } from '../../labels/dates';
import { notifyNotificationsChanged } from '../../layout/notification-bell';
import './assessment.css';

/** `/notifications`: what happened to the person's submissions, decisions and reviews. */
export function NotificationsPage() {
  const query = useApiQuery('my-notifications', (signal) => assessmentApi.listMyNotifications(signal));
  return (
    <>
      <PageHeader
        title="Notifications"
        description={
          <p>Submissions received, decisions, moderation outcomes, credentials issued and appeal outcomes.</p>
        }
      />
      <QueryView query={query} loadingLabel="Loading notifications…">
        {(list) => <Notifications list={list} query={query} />}
      </QueryView>
    </>
  );
}

function Notifications({ list, query }: { list: NotificationList; query: QueryResult<NotificationList> }) {
  const announce = useAnnounce();
  const markAll = useAction(async () => {
    await assessmentApi.markNotificationsRead();
    const now = new Date().toISOString();
    query.update((data) => ({
      unread: 0,
      items: data.items.map((item) => (item.readAt ? item : { ...item, readAt: now })),
    }));
    notifyNotificationsChanged();
    announce('All notifications marked as read.', 'info');
  });

  function markOne(item: Notification) {
    if (item.readAt) return;
    const now = new Date().toISOString();
    query.update((data) => ({
      unread: Math.max(0, data.unread - 1),
      items: data.items.map((other) => (other.id === item.id ? { ...other, readAt: now } : other)),
    }));
    assessmentApi.markNotificationsRead([item.id]).then(notifyNotificationsChanged, () => undefined);
  }

  if (list.items.length === 0) {
    return (
      <EmptyState title="No notifications">
        <p>When something happens to your submissions or reviews, you hear about it here and by email.</p>
      </EmptyState>
    );
  }
  return (
    <div className="stack">
      <div className="cluster">
        <p className="muted" aria-live="polite">
          {list.unread === 0 ? 'Everything is read.' : `${list.unread} unread`}
        </p>
        <Button
          variant="secondary"
          size="sm"
          pending={markAll.pending}
          disabled={list.unread === 0}
          onClick={() => void markAll.run()}
        >
          Mark all as read
        </Button>
      </div>
      <ProblemAlert problem={markAll.problem} />
      <ul className="notification-list" aria-label="Notifications, newest first">
        {[...list.items]
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
          .map((item) => (
            <li
              key={item.id}
              className={item.readAt ? 'notification' : 'notification notification--unread'}
              data-testid={`notification-${item.id}`}
            >
              <h2 className="notification__title">
                {item.link?.startsWith('/') ? (
                  <Link
                    to={item.link}
                    onClick={() => {
                      markOne(item);
                    }}
                  >
                    {item.title}
                  </Link>
                ) : (
                  item.title
                )}{' '}
                {item.readAt ? null : <Chip tone="primary">New</Chip>}
              </h2>
              {item.body ? <p className="pre-line">{item.body}</p> : null}
              <p className="muted small">
                <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
              </p>
            </li>
          ))}
      </ul>
    </div>
  );
}
