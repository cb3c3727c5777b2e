import { Link } from 'react-router';
import { authoringApi, type MyAchievement } from '../../api/authoring-api';
import { LinkButton } from '../../design/button';
import { Chip } from '../../design/chip';
import { EmptyState } from '../../design/empty-state';
import { Icon } from '../../design/icons';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { Table } from '../../design/table';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatDate } from '../../labels/dates';
import { useMe } from '../../session/session-context';
import { NEW_ACHIEVEMENT_PATH, reviewPath } from './authoring-paths';
import { STATUS_LABELS, STATUS_TONES } from './authoring-labels';
import './authoring.css';

export function MyAchievementsPage() {
  const me = useMe();
  const canAuthor = me.user.isPlatformAdmin || me.memberships.some((m) => m.roles.includes('author'));
  const items = useApiQuery(
    'my-achievements',
    async (signal) => (await authoringApi.listMyAchievements(signal)).items,
  );
  const newButton = canAuthor ? (
    <LinkButton to={NEW_ACHIEVEMENT_PATH} icon={<Icon name="plus" />}>
      New micro-credential
    </LinkButton>
  ) : undefined;

  return (
    <>
      <PageHeader
        title="My micro-credentials"
        description={
          <p>
            Micro-credentials your organisations own or co-design, with the latest version of each. Newest
            changes first.
          </p>
        }
        actions={newButton}
      />
      <QueryView query={items} loadingLabel="Loading your micro-credentials…">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No micro-credentials yet" actions={newButton}>
              <p>
                {canAuthor
                  ? 'Start one with the employers and educators you work with. It stays a draft until the design team signs it off.'
                  : 'When your organisations co-design micro-credentials, they appear here for you to review.'}
              </p>
            </EmptyState>
          ) : (
            <AchievementTable items={list} />
          )
        }
      </QueryView>
    </>
  );
}

function AchievementTable({ items }: { items: MyAchievement[] }) {
  return (
    <Table caption="Micro-credentials your organisations own or co-design" testId="my-achievements">
      <thead>
        <tr>
          <th scope="col">Micro-credential</th>
          <th scope="col">Version</th>
          <th scope="col">Provider</th>
          <th scope="col">Co-designers</th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id} data-testid={`my-achievement-${item.code}`}>
            <th scope="row" className="cell-primary cell-wrap">
              <Link to={reviewPath(item.latest.id)}>{item.title}</Link>
              <span className="cell-secondary mono">{item.code}</span>
            </th>
            <td className="cell-nowrap">
              <span className="version-cell">
                <span>{item.latest.version}</span>
                <Chip tone={STATUS_TONES[item.latest.status]}>{STATUS_LABELS[item.latest.status]}</Chip>
              </span>
            </td>
            <td className="cell-wrap">{item.provider.name}</td>
            <td className="cell-wrap">
              {item.collaborators.length === 0 ? (
                <span className="muted">None</span>
              ) : (
                <ul className="plain-inline-list">
                  {item.collaborators.map((c) => (
                    <li key={c.id}>{c.name}</li>
                  ))}
                </ul>
              )}
            </td>
            <td className="cell-nowrap">
              <time dateTime={item.updatedAt}>{formatDate(item.updatedAt)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
