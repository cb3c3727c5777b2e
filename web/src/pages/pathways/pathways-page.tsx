import { Link } from 'react-router';
import { pathwaysApi, type MyPathway, type PathwaySummary } from '../../api/pathways-api';
import { Alert } from '../../design/alert';
import { LinkButton } from '../../design/button';
import { Chip } from '../../design/chip';
import { EmptyState } from '../../design/empty-state';
import { Icon } from '../../design/icons';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { useApiQuery } from '../../hooks/use-api-query';
import { useSession } from '../../session/session-context';
import { CareerLadder } from './career-ladder';
import { leavesOf } from './pathway-graph';
import { pathwayPath } from './pathway-labels';
import { ProgressMeter } from './progress-meter';
import './pathways.css';

/** Every published pathway; signed-in learners also see how far along each one they are. */
export function PathwaysPage() {
  const { state } = useSession();
  const signedIn = state.status === 'signed-in';
  const query = useApiQuery('pathways', async (signal) => (await pathwaysApi.listPathways(signal)).items);

  return (
    <>
      <PageHeader
        title="Pathways"
        description={
          <p>
            Stacks of micro-credentials that lead to a role. Finish a pathway and Cairn awards its stacked
            credential, itself an Open Badge that links the ones you earned.
          </p>
        }
        actions={
          signedIn ? (
            <LinkButton to="/pathways/new" icon={<Icon name="plus" size={18} />}>
              Create a pathway
            </LinkButton>
          ) : undefined
        }
      />
      <QueryView query={query} loadingLabel="Loading pathways…">
        {(items) =>
          signedIn ? (
            <WithProgress items={items} />
          ) : (
            <div className="stack">
              <Ladder items={items} progress={null} />
              <PathwayCards items={items} progress={null} />
            </div>
          )
        }
      </QueryView>
    </>
  );
}

function WithProgress({ items }: { items: PathwaySummary[] }) {
  const mine = useApiQuery('my-pathways', async (signal) => (await pathwaysApi.listMyPathways(signal)).items);
  return (
    <div className="stack">
      {mine.status === 'error' ? (
        <Alert tone="warning" title="Your progress could not be loaded">
          <p>{mine.problem.detail ?? 'The pathways are listed without it. Try again in a moment.'}</p>
        </Alert>
      ) : null}
      <Ladder items={items} progress={mine.status === 'success' ? mine.data : null} />
      <PathwayCards items={items} progress={mine.status === 'success' ? mine.data : null} />
    </div>
  );
}

/** The roles the pathways lead to, as a career ladder; left out quietly when roles cannot load. */
function Ladder({ items, progress }: { items: PathwaySummary[]; progress: MyPathway[] | null }) {
  const roles = useApiQuery('roles', async (signal) => (await pathwaysApi.listRoles(signal)).items);
  if (roles.status !== 'success' || items.length === 0) return null;
  return (
    <section aria-labelledby="career-ladder-heading" className="stack">
      <h2 id="career-ladder-heading" className="career-ladder__heading">
        Where the pathways lead
      </h2>
      <CareerLadder roles={roles.data} pathways={items} progress={progress} />
    </section>
  );
}

function PathwayCards({ items, progress }: { items: PathwaySummary[]; progress: MyPathway[] | null }) {
  if (items.length === 0) {
    return (
      <EmptyState
        title="No pathways yet"
        actions={<LinkButton to="/catalogue">Browse the catalogue</LinkButton>}
      >
        <p>
          When an organisation publishes a pathway, it appears here. Meanwhile the catalogue lists every
          micro-credential.
        </p>
      </EmptyState>
    );
  }
  return (
    <ul className="grid-cards pathway-cards" aria-label="Pathways">
      {items.map((pathway) => {
        const mine = progress?.find((p) => p.pathwayId === pathway.id || p.versionId === pathway.versionId);
        const steps = leavesOf(pathway.requirements).length;
        const titleId = `pathway-${pathway.id}`;
        return (
          <li key={pathway.id}>
            <article className="pathway-card" aria-labelledby={titleId} data-testid="pathway-card">
              <p className="pathway-card__eyebrow">{pathway.owner.name}</p>
              <h2 className="pathway-card__title" id={titleId}>
                <Link to={pathwayPath(pathway.id)}>{pathway.title}</Link>
              </h2>
              {pathway.summary ? <p className="pathway-card__summary">{pathway.summary}</p> : null}
              <dl className="pathway-card__facts">
                <div>
                  <dt>Target role</dt>
                  <dd>
                    {pathway.targetRole ? (
                      <>
                        {pathway.targetRole.title} <Chip>{pathway.targetRole.careerLevel}</Chip>
                      </>
                    ) : (
                      'None'
                    )}
                  </dd>
                </div>
                {pathway.audience ? (
                  <div>
                    <dt>For</dt>
                    <dd>{pathway.audience}</dd>
                  </div>
                ) : null}
                <div>
                  <dt>Credits</dt>
                  <dd>{pathway.credits.required}</dd>
                </div>
                <div>
                  <dt>Steps</dt>
                  <dd>{steps}</dd>
                </div>
              </dl>
              {mine ? (
                <div className="pathway-card__progress">
                  <ProgressMeter percent={mine.percentComplete} label={`Your progress on ${pathway.title}`} />
                  {mine.met ? <Chip tone="success">Complete</Chip> : null}
                </div>
              ) : null}
            </article>
          </li>
        );
      })}
    </ul>
  );
}
