import { authoringApi } from '../../api/authoring-api';
import { Alert } from '../../design/alert';
import { useApiQuery } from '../../hooks/use-api-query';
import { percent } from './authoring-labels';

/**
 * Published micro-credentials this version overlaps most (competencies and wording), so authors
 * can stack on them rather than duplicate them. Quiet when there are none or they can't be read.
 */
export function OverlapWarning({ versionId, updatedAt }: { versionId: string; updatedAt: string }) {
  const overlaps = useApiQuery(
    `overlaps:${versionId}:${updatedAt}`,
    async (signal) => (await authoringApi.overlaps(versionId, signal)).items,
  );
  if (overlaps.status !== 'success' || overlaps.data.length === 0) return null;
  const [first, ...rest] = overlaps.data;
  if (!first) return null;
  return (
    <div data-testid="overlap-warning">
      <Alert tone="warning" title={overlapSentence(first)}>
        {rest.length > 0 ? (
          <ul className="alert__list">
            {rest.map((o) => (
              <li key={o.versionId}>{overlapSentence(o)}</li>
            ))}
          </ul>
        ) : null}
        <p>
          Learners and employers may not see the difference. Consider stacking on it, or narrowing the
          competencies.
        </p>
      </Alert>
    </div>
  );
}

function overlapSentence(o: { score: number; code: string; title: string; provider: { name: string } }) {
  return `Overlaps ${percent(o.score)} with ${o.code} ${o.title} from ${o.provider.name}`;
}
