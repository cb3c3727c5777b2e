import { clampPercent } from './pathway-labels';

/** A labelled progress bar; the percentage is also written out. */
export function ProgressMeter({ percent, label }: { percent: number; label: string }) {
  const value = clampPercent(percent);
  return (
    <div className="progress-meter">
      <div
        className="progress-meter__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={`${value}% complete`}
      >
        <div className="progress-meter__fill" style={{ width: `${value}%` }} />
      </div>
      <span className="progress-meter__text">{value}% complete</span>
    </div>
  );
}
