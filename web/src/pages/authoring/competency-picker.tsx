import { useId, useState } from 'react';
import type { FrameworkDetail, FrameworkSummary } from '../../api/authoring-api';
import { Alert } from '../../design/alert';
import { Button } from '../../design/button';
import { describedBy, errorId, FieldError, FieldFrame, hintId } from '../../design/field';
import { Icon } from '../../design/icons';
import { Select } from '../../design/select';
import { Spinner } from '../../design/spinner';
import { competencyKey, newKey, type CompetencyRow } from './content-draft';
import { levelLabel, type FrameworkCache } from './use-frameworks';

export interface CompetencyPickerProps {
  rows: readonly CompetencyRow[];
  onChange: (rows: CompetencyRow[]) => void;
  frameworkList: readonly FrameworkSummary[];
  cache: FrameworkCache;
  /** The framework whose competencies the add row offers. */
  frameworkId: string;
  onFrameworkChange: (frameworkId: string) => void;
  errorFor: (key: string) => string | undefined;
}

/** Aligned competencies, each with a target level on its framework's scale, and a row to add more. */
export function CompetencyPicker({
  rows,
  onChange,
  frameworkList,
  cache,
  frameworkId,
  onFrameworkChange,
  errorFor,
}: CompetencyPickerProps) {
  const id = useId();
  const listError = errorFor('competencies');
  const framework = cache.frameworks.get(frameworkId);

  return (
    <fieldset
      className={listError ? 'competency-picker field--invalid' : 'competency-picker'}
      aria-describedby={[hintId(id), listError ? errorId(id) : ''].filter(Boolean).join(' ')}
    >
      <legend className="field__label">Aligned competencies</legend>
      <p className="field__hint" id={hintId(id)}>
        The competencies a learner shows, and the level of the framework’s scale they reach.
      </p>
      <FieldError id={errorId(id)} message={listError} />

      {rows.length === 0 ? (
        <p className="competency-picker__empty muted">None yet. Add the first one below.</p>
      ) : (
        <ul className="competency-picker__rows" aria-label="Aligned competencies">
          {rows.map((row, index) => {
            const rowFramework = cache.frameworks.get(row.frameworkId);
            const rowErrors = [
              errorFor(`competencies/${index}`),
              errorFor(`competencies/${index}/frameworkId`),
              errorFor(`competencies/${index}/code`),
            ].filter((m): m is string => m !== undefined);
            const currentLevel = Number(row.targetLevel);
            const scale = rowFramework?.scale ?? [];
            const options = scale.some((l) => l.level === currentLevel)
              ? scale
              : [...scale, { level: currentLevel, name: '', description: '' }].filter((l) => l.level > 0);
            return (
              <li key={row.key} className="competency-row" data-testid={`competency-${row.code}`}>
                <div className="competency-row__name">
                  <span className="competency-row__code mono">{row.code}</span>{' '}
                  <span>{rowFramework?.competencies.find((c) => c.code === row.code)?.name ?? row.name}</span>
                  {frameworkList.length > 1 && rowFramework ? (
                    <span className="competency-row__framework muted small">{rowFramework.title}</span>
                  ) : null}
                  {rowErrors.map((message) => (
                    <FieldError key={message} id={`${id}-${row.key}-error`} message={message} />
                  ))}
                </div>
                <div className="competency-row__level">
                  <Select
                    label={`Target level for ${row.code}`}
                    value={row.targetLevel}
                    placeholder="Choose a level"
                    options={options.map((l) => ({
                      value: String(l.level),
                      label: levelLabel(rowFramework, l.level),
                    }))}
                    onChange={(event) => {
                      onChange(
                        rows.map((r) => (r.key === row.key ? { ...r, targetLevel: event.target.value } : r)),
                      );
                    }}
                    error={errorFor(`competencies/${index}/targetLevel`)}
                  />
                </div>
                <Button
                  variant="ghost"
                  size="sm"
                  className="competency-row__remove"
                  aria-label={`Remove ${row.code}`}
                  onClick={() => {
                    onChange(rows.filter((r) => r.key !== row.key));
                  }}
                >
                  Remove
                </Button>
              </li>
            );
          })}
        </ul>
      )}

      <AddCompetency
        frameworkList={frameworkList}
        frameworkId={frameworkId}
        onFrameworkChange={onFrameworkChange}
        framework={framework}
        cache={cache}
        taken={new Set(rows.map((r) => competencyKey(r.frameworkId, r.code)))}
        onAdd={(row) => {
          onChange([...rows, row]);
        }}
      />
    </fieldset>
  );
}

function AddCompetency({
  frameworkList,
  frameworkId,
  onFrameworkChange,
  framework,
  cache,
  taken,
  onAdd,
}: {
  frameworkList: readonly FrameworkSummary[];
  frameworkId: string;
  onFrameworkChange: (frameworkId: string) => void;
  framework: FrameworkDetail | undefined;
  cache: FrameworkCache;
  taken: ReadonlySet<string>;
  onAdd: (row: CompetencyRow) => void;
}) {
  const id = useId();
  const [code, setCode] = useState('');
  const [level, setLevel] = useState('');
  const [errors, setErrors] = useState<{ code?: string; level?: string }>({});
  const error = errors.code;

  function add() {
    if (!framework) return;
    const competency = framework.competencies.find((c) => c.code === code);
    const next = {
      ...(competency ? {} : { code: 'Choose a competency to add.' }),
      ...(level ? {} : { level: 'Choose the level learners reach.' }),
    };
    setErrors(next);
    if (!competency || !level) return;
    onAdd({
      key: newKey(),
      frameworkId: framework.id,
      code: competency.code,
      name: competency.name,
      targetLevel: level,
    });
    setCode('');
    setLevel('');
  }

  const competencySelectId = `${id}-competency`;
  const available = framework?.competencies.filter((c) => !taken.has(competencyKey(framework.id, c.code)));
  return (
    <div className="competency-add" role="group" aria-labelledby={`${id}-heading`}>
      <p className="competency-add__heading" id={`${id}-heading`}>
        Add a competency
      </p>
      <div className="competency-add__fields">
        <Select
          label="Framework"
          value={frameworkId}
          placeholder={frameworkList.length === 0 ? 'No frameworks yet' : 'Choose a framework'}
          options={frameworkList.map((f) => ({ value: f.id, label: f.title }))}
          onChange={(event) => {
            onFrameworkChange(event.target.value);
            setCode('');
            setLevel('');
          }}
        />
        {frameworkId && !framework ? (
          cache.problem ? (
            <Alert
              tone="danger"
              title="The framework could not be loaded"
              actions={
                <Button variant="secondary" size="sm" onClick={cache.retry}>
                  Try again
                </Button>
              }
            />
          ) : (
            <Spinner label="Loading the framework…" />
          )
        ) : null}
        {framework && available ? (
          <>
            <FieldFrame id={competencySelectId} label="Competency" error={error}>
              <div className="select">
                <select
                  id={competencySelectId}
                  className="select__control"
                  value={code}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy(competencySelectId, undefined, error)}
                  onChange={(event) => {
                    setCode(event.target.value);
                  }}
                >
                  <option value="" disabled>
                    {available.length === 0 ? 'All competencies are aligned' : 'Choose a competency'}
                  </option>
                  {framework.groups.map((group) => {
                    const inGroup = available.filter((c) => c.groupCode === group.code);
                    if (inGroup.length === 0) return null;
                    return (
                      <optgroup key={group.code} label={group.name}>
                        {inGroup.map((c) => (
                          <option key={c.code} value={c.code}>
                            {c.code} {c.name}
                          </option>
                        ))}
                      </optgroup>
                    );
                  })}
                </select>
                <svg
                  className="select__chevron"
                  viewBox="0 0 16 16"
                  width="16"
                  height="16"
                  aria-hidden="true"
                  focusable="false"
                >
                  <path
                    d="M4 6l4 4 4-4"
                    fill="none"
                    stroke="currentColor"
                    strokeWidth="1.8"
                    strokeLinecap="round"
                  />
                </svg>
              </div>
            </FieldFrame>
            <Select
              label="Target level"
              value={level}
              placeholder="Choose a level"
              options={framework.scale.map((l) => ({
                value: String(l.level),
                label: levelLabel(framework, l.level),
              }))}
              hint={
                framework.scale.find((l) => String(l.level) === level)?.description ??
                'What a learner can do at the end.'
              }
              onChange={(event) => {
                setLevel(event.target.value);
              }}
              error={errors.level}
            />
            <div className="competency-add__button">
              <Button variant="secondary" icon={<Icon name="plus" />} onClick={add}>
                Add competency
              </Button>
            </div>
          </>
        ) : null}
      </div>
    </div>
  );
}
