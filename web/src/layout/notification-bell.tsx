import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { assessmentApi } from '../api/assessment-api';
import { isAbort } from '../api/client';
import { Icon } from '../design/icons';
import '../pages/assessment/assessment.css';

const POLL_MS = 60_000;

/** Fired by the notifications page after marking some read, so the bell's count follows. */
export const NOTIFICATIONS_CHANGED = 'cairn:notifications-changed';

export function notifyNotificationsChanged() {
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}

/** The header's bell: unread count, polled every minute and whenever the window regains focus. */
export function NotificationBell() {
  const [unread, setUnread] = useState(0);

  const load = useCallback((signal?: AbortSignal) => {
    assessmentApi.listMyNotifications(signal).then(
      (list) => {
        setUnread(list.unread);
      },
      (error: unknown) => {
        // A failed poll keeps the last count; the notifications page shows errors when opened.
        if (isAbort(error)) return;
      },
    );
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') load(controller.signal);
    }, POLL_MS);
    const refresh = () => {
      load(controller.signal);
    };
    window.addEventListener('focus', refresh);
    window.addEventListener(NOTIFICATIONS_CHANGED, refresh);
    return () => {
      controller.abort();
      window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
      window.removeEventListener(NOTIFICATIONS_CHANGED, refresh);
    };
  }, [load]);

  const label = unread === 0 ? 'Notifications' : `Notifications, ${unread} unread`;
  return (
    <Link
      to="/notifications"
      className="notification-bell"
      aria-label={label}
      title={label}
      data-testid="notification-bell"
    >
      <Icon name="bell" />
      {unread > 0 ? (
        <span className="notification-bell__count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}
