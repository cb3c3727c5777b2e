import { useEffect, useState } from 'react';
import { catalogueApi, type CatalogueItem } from '../../api/catalogue-api';
import { Button } from '../../design/button';
import { ErrorState } from '../../design/query-view';
import { Select } from '../../design/select';
import { Spinner } from '../../design/spinner';
import { TextField } from '../../design/text-field';
import { useApiQuery } from '../../hooks/use-api-query';

/** The value after it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setSettled(value);
    }, ms);
    return () => {
      window.clearTimeout(timer);
    };
  }, [value, ms]);
  return settled;
}

/** Search the published catalogue and pick a micro-credential to add as a step. */
export function AchievementPicker({
  onPick,
  onCancel,
}: {
  onPick: (item: CatalogueItem) => void;
  onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const results = useApiQuery(`pathway-pick:${q}`, (signal) =>
    catalogueApi.searchCatalogue({ q: q || undefined, limit: 8, sort: q ? 'relevance' : 'title' }, signal),
  );
  return (
    <div className="req-picker" role="group" aria-label="Add a micro-credential step">
      <TextField
        label="Search the catalogue"
        hint="By code or title, e.g. IAM-101"
        value={text}
        autoFocus
        onChange={(event) => {
          setText(event.target.value);
        }}
      />
      {results.status === 'loading' ? <Spinner size="sm" label="Searching…" /> : null}
      {results.status === 'error' ? <ErrorState problem={results.problem} onRetry={results.reload} /> : null}
      {results.status === 'success' ? (
        results.data.items.length === 0 ? (
          <p className="muted small">No published micro-credential matches.</p>
        ) : (
          <ul className="req-picker__results" aria-label="Catalogue results">
            {results.data.items.map((item) => (
              <li key={item.id}>
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => {
                    onPick(item);
                  }}
                >
                  Add {item.code} {item.title}
                </Button>{' '}
                <span className="muted small">{item.credits} credits</span>
              </li>
            ))}
          </ul>
        )
      ) : null}
      <div>
        <Button variant="secondary" size="sm" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

export interface PickedCompetency {
  frameworkId: string;
  code: string;
  name: string;
  minLevel: number;
}

/** A framework, one of its competencies and a minimum level: met by any micro-credential certifying it. */
export function CompetencyStepPicker({
  onPick,
  onCancel,
}: {
  onPick: (picked: PickedCompetency) => void;
  onCancel: () => void;
}) {
  const frameworks = useApiQuery(
    'pathway-frameworks',
    async (signal) => (await catalogueApi.listFrameworks(signal)).items,
  );
  const [frameworkId, setFrameworkId] = useState('');
  const [code, setCode] = useState('');
  const [level, setLevel] = useState('3');
  const chosen = frameworkId || (frameworks.status === 'success' ? (frameworks.data[0]?.id ?? '') : '');
  const framework = useApiQuery(`pathway-framework:${chosen}`, (signal) =>
    chosen ? catalogueApi.getFramework(chosen, signal) : Promise.resolve(null),
  );
  const competencies = framework.status === 'success' && framework.data ? framework.data.competencies : [];
  const scale = framework.status === 'success' && framework.data?.scale.length ? framework.data.scale : null;
  const competency = competencies.find((c) => c.code === code);

  return (
    <div className="req-picker" role="group" aria-label="Add a competency step">
      {frameworks.status === 'loading' ? <Spinner size="sm" label="Loading frameworks…" /> : null}
      {frameworks.status === 'error' ? (
        <ErrorState problem={frameworks.problem} onRetry={frameworks.reload} />
      ) : null}
      {frameworks.status === 'success' ? (
        frameworks.data.length === 0 ? (
          <p className="muted small">No competency framework is available yet.</p>
        ) : (
          <>
            <Select
              label="Framework"
              value={chosen}
              options={frameworks.data.map((f) => ({ value: f.id, label: f.title }))}
              onChange={(event) => {
                setFrameworkId(event.target.value);
                setCode('');
              }}
            />
            {framework.status === 'loading' ? <Spinner size="sm" label="Loading competencies…" /> : null}
            {framework.status === 'error' ? (
              <ErrorState problem={framework.problem} onRetry={framework.reload} />
            ) : null}
            <Select
              label="Competency"
              value={code}
              placeholder="Choose a competency"
              options={competencies.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
              onChange={(event) => {
                setCode(event.target.value);
              }}
            />
            <Select
              label="Minimum level"
              value={level}
              options={(scale ?? [1, 2, 3, 4, 5].map((l) => ({ level: l, name: '' }))).map((l) => ({
                value: String(l.level),
                label: l.name ? `${l.level} · ${l.name}` : `Level ${l.level}`,
              }))}
              onChange={(event) => {
                setLevel(event.target.value);
              }}
            />
          </>
        )
      ) : null}
      <div className="cluster">
        <Button
          size="sm"
          disabled={!competency}
          onClick={() => {
            if (competency)
              onPick({
                frameworkId: chosen,
                code: competency.code,
                name: competency.name,
                minLevel: Number(level),
              });
          }}
        >
          Add competency step
        </Button>
        <Button variant="secondary" size="sm" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
