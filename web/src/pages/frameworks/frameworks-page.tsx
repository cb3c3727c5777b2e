import { Link } from 'react-router';
import { catalogueApi, type FrameworkSummary } from '../../api/catalogue-api';
import { LinkButton } from '../../design/button';
import { EmptyState } from '../../design/empty-state';
import { Icon } from '../../design/icons';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatDate } from '../../labels/dates';
import { countLabel } from '../catalogue/labels';
import { useImportableOrganisations } from './importable-organisations';
import './frameworks.css';

export function FrameworksPage() {
  const frameworks = useApiQuery(
    'frameworks',
    async (signal) => (await catalogueApi.listFrameworks(signal)).items,
  );
  const canImport = useImportableOrganisations().length > 0;

  return (
    <>
      <PageHeader
        title="Competency frameworks"
        description={
          <p>
            The shared language for what asset managers need to know and do. Each micro-credential says which
            competencies it teaches, and to what level.
          </p>
        }
        actions={
          canImport ? (
            <LinkButton to="/frameworks/import" variant="secondary" icon={<Icon name="plus" />}>
              Import framework
            </LinkButton>
          ) : undefined
        }
      />
      <QueryView query={frameworks} loadingLabel="Loading frameworks…">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No frameworks yet">
              <p>Frameworks appear here once an organisation imports one in CASE JSON or CSV.</p>
            </EmptyState>
          ) : (
            <ul className="framework-list">
              {items.map((framework) => (
                <li key={framework.id}>
                  <FrameworkCard framework={framework} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </>
  );
}

function FrameworkCard({ framework }: { framework: FrameworkSummary }) {
  return (
    <article className="framework-card" aria-labelledby={`framework-${framework.id}`}>
      <h2 className="framework-card__title" id={`framework-${framework.id}`}>
        <Link to={`/frameworks/${encodeURIComponent(framework.id)}`}>{framework.title}</Link>
      </h2>
      {framework.description ? <p className="framework-card__description">{framework.description}</p> : null}
      <dl className="facts">
        <div>
          <dt>Owner</dt>
          <dd>{framework.owner?.name ?? 'Cairn platform'}</dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>{framework.version || '—'}</dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>
            {countLabel(framework.groupCount, 'group', 'groups')},{' '}
            {countLabel(framework.competencyCount, 'competency', 'competencies')}
          </dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>
            <time dateTime={framework.updatedAt}>{formatDate(framework.updatedAt)}</time>
          </dd>
        </div>
      </dl>
    </article>
  );
}
