import type { ProficiencyLevel } from '../../api/catalogue-api';

/** Frameworks default to five levels; used until the framework's own scale has loaded. */
const FALLBACK_LEVELS = 5;

/**
 * A target level against the framework's proficiency scale: one segment per level, filled up to the
 * target, with the level's name beside it. The text carries the meaning; the bar only illustrates it.
 */
export function LevelBar({
  level,
  scale,
  compact = false,
  hideText = false,
}: {
  level: number;
  scale: readonly ProficiencyLevel[] | undefined;
  compact?: boolean;
  /** For a caller that names the level itself, e.g. the scale legend. */
  hideText?: boolean;
}) {
  const levels = scale && scale.length > 0 ? scale.map((l) => l.level) : range(FALLBACK_LEVELS);
  const name = scale?.find((l) => l.level === level)?.name;
  return (
    <span className={compact ? 'level-bar level-bar--compact' : 'level-bar'}>
      <span className="level-bar__track" aria-hidden="true">
        {levels.map((l) => (
          <span key={l} className={l <= level ? 'level-bar__step level-bar__step--on' : 'level-bar__step'} />
        ))}
      </span>
      {hideText ? null : (
        <span className="level-bar__text">
          Level {level} of {levels.length}
          {name ? <span className="level-bar__name"> · {name}</span> : null}
        </span>
      )}
    </span>
  );
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index + 1);
}
