import { sql } from 'drizzle-orm';
import type { NotificationRecord } from '../../domain/assessment.js';
import type { Orm } from '../db.js';
import { rows, toDate } from './sql.js';

interface NotificationRow extends Record<string, unknown> {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Date | string;
  read_at: Date | string | null;
}

const toNotification = (r: NotificationRow): NotificationRecord => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: toDate(r.created_at),
  readAt: r.read_at === null ? null : toDate(r.read_at),
});

export function notificationRepository(db: Orm) {
  return {
    async insert(n: Omit<NotificationRecord, 'readAt'> & { userId: string }) {
      await db.execute(sql`INSERT INTO notifications (id, user_id, kind, title, body, link, created_at)
        VALUES (${n.id}, ${n.userId}, ${n.kind}, ${n.title}, ${n.body}, ${n.link}, ${n.createdAt})`);
    },

    async list(userId: string, limit: number) {
      const items = await rows<NotificationRow>(
        db,
        sql`SELECT * FROM notifications WHERE user_id = ${userId} ORDER BY created_at DESC, id LIMIT ${limit}`,
      );
      const unread = await rows<{ n: number | string }>(
        db,
        sql`SELECT count(*) AS n FROM notifications WHERE user_id = ${userId} AND read_at IS NULL`,
      );
      return { items: items.map(toNotification), unread: Number(unread[0]?.n ?? 0) };
    },

    async markRead(userId: string, ids: readonly string[] | 'all', at: Date) {
      if (ids !== 'all' && ids.length === 0) return 0;
      const which =
        ids === 'all'
          ? sql``
          : sql`AND id = ANY(ARRAY[${sql.join(
              ids.map((id) => sql`${id}`),
              sql`, `,
            )}]::uuid[])`;
      const done = await rows(
        db,
        sql`UPDATE notifications SET read_at = ${at}
          WHERE user_id = ${userId} AND read_at IS NULL ${which} RETURNING id`,
      );
      return done.length;
    },
  };
}
