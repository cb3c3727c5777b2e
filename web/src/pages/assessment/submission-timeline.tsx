import type { TimelineEntry } from '../../api/assessment-api';
import { formatDateTime } from '../../labels/dates';

/** What happened to a submission, oldest first. */
export function SubmissionTimeline({ entries }: { entries: TimelineEntry[] }) {
  const sorted = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <section aria-labelledby="timeline-heading" className="stack">
      <h2 id="timeline-heading">Timeline</h2>
      {sorted.length === 0 ? (
        <p className="muted">Nothing has happened yet.</p>
      ) : (
        <ol className="timeline" data-testid="submission-timeline">
          {sorted.map((entry, index) => (
            <li key={`${entry.at}:${entry.kind}:${index}`} className="timeline__item">
              <span className="timeline__what">{entry.summary}</span>
              <span className="muted small">
                {entry.actor ? `${entry.actor} · ` : ''}
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
