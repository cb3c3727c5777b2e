import { Link } from 'react-router';
import type { AlignedCompetency, CatalogueItem, Endorsement } from '../../api/catalogue-api';
import { Chip } from '../../design/chip';
import { creditsLabel, hoursLabel } from './labels';

/** One search result: the badge, what it is, who offers and endorses it, and what it teaches. */
export function AchievementCard({ item }: { item: CatalogueItem }) {
  const titleId = `result-${item.id}`;
  return (
    <article className="result-card" aria-labelledby={titleId} data-testid="catalogue-result">
      <img
        className="result-card__badge"
        src={item.imageUrl}
        alt=""
        width={96}
        height={96}
        loading="lazy"
        decoding="async"
      />
      <div className="result-card__body">
        <p className="result-card__code">
          <span className="mono">{item.code}</span>
          <span aria-hidden="true"> · </span>
          <span className="visually-hidden">, </span>
          version {item.version}
        </p>
        <h3 className="result-card__title" id={titleId}>
          <Link to={`/catalogue/${encodeURIComponent(item.id)}`}>{item.title}</Link>
        </h3>
        <p className="result-card__summary">{item.summary}</p>
        <dl className="facts">
          <div>
            <dt>NZQF level</dt>
            <dd>{item.level}</dd>
          </div>
          <div>
            <dt>Credits</dt>
            <dd>
              {creditsLabel(item.credits)} ({hoursLabel(item.notionalHours)})
            </dd>
          </div>
          <div>
            <dt>Provider</dt>
            <dd>{item.provider.name}</dd>
          </div>
          {item.rplAllowed ? (
            <div>
              <dt>RPL</dt>
              <dd>Available</dd>
            </div>
          ) : null}
        </dl>
        <EndorsementChips endorsements={item.endorsements} />
        <CompetencyChips competencies={item.competencies} />
      </div>
    </article>
  );
}

export function EndorsementChips({ endorsements }: { endorsements: readonly Endorsement[] }) {
  if (endorsements.length === 0) return null;
  return (
    <div className="chip-row">
      <span className="chip-row__label">Endorsed by</span>
      <ul className="chip-list chip-list--wrap" aria-label="Endorsed by">
        {endorsements.map((endorsement) => (
          <li key={endorsement.id}>
            <Chip tone="success">{endorsement.organisation.name}</Chip>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function CompetencyChips({ competencies }: { competencies: readonly AlignedCompetency[] }) {
  if (competencies.length === 0) return null;
  return (
    <div className="chip-row">
      <span className="chip-row__label">Competencies</span>
      <ul className="chip-list chip-list--wrap" aria-label="Competencies taught, with target level">
        {competencies.map((competency) => (
          <li key={`${competency.frameworkId}:${competency.code}`}>
            <Chip tone="primary" title={`${competency.name}, to level ${competency.targetLevel}`}>
              <span aria-hidden="true">
                {competency.code} · L{competency.targetLevel}
              </span>
              <span className="visually-hidden">
                {competency.code} {competency.name}, level {competency.targetLevel}
              </span>
            </Chip>
          </li>
        ))}
      </ul>
    </div>
  );
}
