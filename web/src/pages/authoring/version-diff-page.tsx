import type { ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  authoringApi,
  HOURS_PER_CREDIT,
  type AchievementDetail,
  type AlignedCompetency,
  type FieldChange,
  type ScalarValue,
  type TextDiffOp,
  type VersionSummary,
} from '../../api/authoring-api';
import { LinkButton } from '../../design/button';
import { Card } from '../../design/card';
import { Chip } from '../../design/chip';
import { EmptyState } from '../../design/empty-state';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { Select } from '../../design/select';
import { useApiQuery } from '../../hooks/use-api-query';
import { diffPath, reviewPath } from './authoring-paths';
import {
  achievementTypeLabel,
  BADGE_SHAPE_LABELS,
  LANGUAGE_LABELS,
  STATUS_LABELS,
  STATUS_TONES,
} from './authoring-labels';
import { competencyKey } from './content-draft';
import { levelLabel, useFrameworks, type FrameworkCache } from './use-frameworks';
import './authoring.css';

/** Older first: the list of versions is newest first, so the later index is the older one. */
function orderPair(detail: AchievementDetail, a: string, b: string): { from: string; to: string } {
  const ia = detail.versions.findIndex((v) => v.id === a);
  const ib = detail.versions.findIndex((v) => v.id === b);
  if (ia >= 0 && ib >= 0 && ia < ib) return { from: b, to: a };
  return { from: a === detail.versionId ? b : a, to: a === detail.versionId ? a : b };
}

export function VersionDiffPage() {
  const { versionId = '', otherVersionId = '' } = useParams();
  const detail = useApiQuery(`authoring-version:${versionId}`, (signal) =>
    authoringApi.getVersion(versionId, signal),
  );
  const loaded = detail.status === 'success' ? detail.data : undefined;

  return (
    <>
      <PageHeader
        title={loaded ? `What changed in ${loaded.code}` : 'What changed'}
        eyebrow={loaded ? <Link to={reviewPath(loaded.versionId)}>{loaded.title}</Link> : undefined}
        actions={
          <LinkButton variant="secondary" to={reviewPath(versionId)}>
            Back to review
          </LinkButton>
        }
      />
      <QueryView query={detail} loadingLabel="Loading versions…">
        {(data) => <DiffContent detail={data} otherVersionId={otherVersionId} />}
      </QueryView>
    </>
  );
}

function DiffContent({ detail, otherVersionId }: { detail: AchievementDetail; otherVersionId: string }) {
  const navigate = useNavigate();
  const { from, to } = orderPair(detail, detail.versionId, otherVersionId);
  const diff = useApiQuery(`authoring-diff:${from}:${to}`, (signal) =>
    authoringApi.diffVersions(from, to, signal),
  );
  const others = detail.versions.filter((v) => v.id !== detail.versionId);

  return (
    <div className="stack stack-lg">
      <div className="toolbar">
        {others.length > 1 ? (
          <Select
            label={`Compare version ${detail.version} with`}
            value={otherVersionId}
            options={others.map((v) => ({
              value: v.id,
              label: `Version ${v.version} (${STATUS_LABELS[v.status]})`,
            }))}
            onChange={(event) => {
              void navigate(diffPath(detail.versionId, event.target.value), { replace: true });
            }}
          />
        ) : null}
        <p className="diff-legend small">
          <span>
            <del>Removed text</del> is struck through
          </span>{' '}
          <span>
            <ins>added text</ins> is underlined
          </span>
        </p>
      </div>
      <QueryView query={diff} loadingLabel="Comparing the versions…">
        {(data) => (
          <>
            <VersionPair from={data.from} to={data.to} count={data.changes.length} />
            {data.changes.length === 0 ? (
              <EmptyState title="No differences">
                <p>
                  Versions {data.from.version} and {data.to.version} have the same content.
                </p>
              </EmptyState>
            ) : (
              <ChangeList changes={data.changes} />
            )}
          </>
        )}
      </QueryView>
    </div>
  );
}

function VersionPair({ from, to, count }: { from: VersionSummary; to: VersionSummary; count: number }) {
  return (
    <div className="version-pair" data-testid="version-pair">
      <h2 className="version-pair__title">
        Version {from.version} <span aria-hidden="true">→</span>
        <span className="visually-hidden"> to </span> version {to.version}
      </h2>
      <p className="muted">
        <Chip tone={STATUS_TONES[from.status]}>{STATUS_LABELS[from.status]}</Chip>{' '}
        <Chip tone={STATUS_TONES[to.status]}>{STATUS_LABELS[to.status]}</Chip>{' '}
        {count === 1 ? '1 field changed' : `${String(count)} fields changed`}
      </p>
      {to.changeNote ? (
        <p className="change-note">
          <span className="muted">Change note for {to.version}:</span> {to.changeNote}
        </p>
      ) : null}
    </div>
  );
}

function ChangeList({ changes }: { changes: FieldChange[] }) {
  const frameworkIds = changes.flatMap((c) =>
    c.kind === 'competencies' ? [...c.added, ...c.removed, ...c.levelChanged].map((x) => x.frameworkId) : [],
  );
  const cache = useFrameworks(frameworkIds);
  return (
    <ol className="change-list">
      {changes.map((change) => (
        <li key={`${change.kind}:${change.field}`} data-testid={`change-${change.field}`}>
          <Card title={change.label} headingLevel={3} className="change">
            <ChangeBody change={change} cache={cache} />
          </Card>
        </li>
      ))}
    </ol>
  );
}

function ChangeBody({ change, cache }: { change: FieldChange; cache: FrameworkCache }) {
  switch (change.kind) {
    case 'scalar':
      return (
        <p className="diff-scalar">
          <del>
            <span className="visually-hidden">Before: </span>
            {formatScalar(change.field, change.before)}
          </del>{' '}
          <span aria-hidden="true" className="diff-arrow">
            →
          </span>{' '}
          <ins>
            <span className="visually-hidden">After: </span>
            {formatScalar(change.field, change.after)}
          </ins>
        </p>
      );
    case 'text':
      return change.wordByWord ? (
        <TextDiff ops={change.diff} />
      ) : (
        <div className="stack stack-sm">
          <p className="muted small">Rewritten: too different to compare word by word.</p>
          <TextDiff ops={change.diff} />
        </div>
      );
    case 'list':
      return <ListDiff added={change.added} removed={change.removed} />;
    case 'competencies':
      return (
        <ul className="diff-items">
          {change.added.map((c) => (
            <li key={`+${competencyKey(c.frameworkId, c.code)}`}>
              <Chip tone="success">Added</Chip>{' '}
              <ins>
                <CompetencyName competency={c} cache={cache} />
              </ins>{' '}
              at {levelLabel(cache.frameworks.get(c.frameworkId), c.targetLevel)}
            </li>
          ))}
          {change.removed.map((c) => (
            <li key={`-${competencyKey(c.frameworkId, c.code)}`}>
              <Chip tone="danger">Removed</Chip>{' '}
              <del>
                <CompetencyName competency={c} cache={cache} />
              </del>
            </li>
          ))}
          {change.levelChanged.map((c) => {
            const framework = cache.frameworks.get(c.frameworkId);
            return (
              <li key={`~${competencyKey(c.frameworkId, c.code)}`}>
                <Chip tone="info">Level changed</Chip> <CompetencyName competency={c} cache={cache} />:{' '}
                <del>
                  <span className="visually-hidden">from </span>
                  {levelLabel(framework, c.before)}
                </del>{' '}
                <span aria-hidden="true" className="diff-arrow">
                  →
                </span>{' '}
                <ins>
                  <span className="visually-hidden">to </span>
                  {levelLabel(framework, c.after)}
                </ins>
              </li>
            );
          })}
        </ul>
      );
    case 'criteria':
      return (
        <div className="stack">
          {change.reordered ? <p className="muted">The criteria are in a new order.</p> : null}
          <ul className="diff-items">
            {change.added.map((c) => (
              <li key={`+${c.id}`}>
                <Chip tone="success">Added</Chip>{' '}
                <ins>
                  <span className="mono">{c.id}</span> {c.title}
                </ins>
                <ListDiff added={c.evidenceRequirements} removed={[]} label="Evidence" />
              </li>
            ))}
            {change.removed.map((c) => (
              <li key={`-${c.id}`}>
                <Chip tone="danger">Removed</Chip>{' '}
                <del>
                  <span className="mono">{c.id}</span> {c.title}
                </del>
              </li>
            ))}
            {change.changed.map((c) => (
              <li key={`~${c.id}`}>
                <Chip tone="info">Changed</Chip> <span className="mono">{c.id}</span>{' '}
                {c.titleBefore === c.titleAfter ? (
                  c.titleAfter
                ) : (
                  <>
                    <del>
                      <span className="visually-hidden">Before: </span>
                      {c.titleBefore}
                    </del>{' '}
                    <span aria-hidden="true" className="diff-arrow">
                      →
                    </span>{' '}
                    <ins>
                      <span className="visually-hidden">After: </span>
                      {c.titleAfter}
                    </ins>
                  </>
                )}
                {c.evidenceAdded.length + c.evidenceRemoved.length > 0 ? (
                  <ListDiff added={c.evidenceAdded} removed={c.evidenceRemoved} label="Evidence" />
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      );
  }
}

function CompetencyName({
  competency,
  cache,
}: {
  competency: Pick<AlignedCompetency, 'frameworkId' | 'code'>;
  cache: FrameworkCache;
}) {
  const name = cache.frameworks
    .get(competency.frameworkId)
    ?.competencies.find((c) => c.code.toUpperCase() === competency.code.toUpperCase())?.name;
  return (
    <>
      <span className="mono">{competency.code}</span>
      {name ? ` ${name}` : ''}
    </>
  );
}

/** Prose with deleted words struck through and inserted ones underlined (not colour alone). */
function TextDiff({ ops }: { ops: TextDiffOp[] }) {
  return (
    <p className="diff-text">
      {ops.map((op, index) => {
        const key = `${String(index)}:${op.op}`;
        switch (op.op) {
          case 'equal':
            return <span key={key}>{op.text}</span>;
          case 'delete':
            return (
              <del key={key}>
                <span className="visually-hidden">[removed: </span>
                {op.text}
                <span className="visually-hidden">]</span>
              </del>
            );
          case 'insert':
            return (
              <ins key={key}>
                <span className="visually-hidden">[added: </span>
                {op.text}
                <span className="visually-hidden">]</span>
              </ins>
            );
        }
      })}
    </p>
  );
}

function ListDiff({ added, removed, label }: { added: string[]; removed: string[]; label?: string }) {
  const items: { sign: '+' | '-'; text: string }[] = [
    ...added.map((text) => ({ sign: '+' as const, text })),
    ...removed.map((text) => ({ sign: '-' as const, text })),
  ];
  return (
    <ul className="diff-items diff-items--plain" aria-label={label}>
      {items.map((item) =>
        item.sign === '+' ? (
          <li key={`+${item.text}`}>
            <Chip tone="success">Added</Chip> <ins>{item.text}</ins>
          </li>
        ) : (
          <li key={`-${item.text}`}>
            <Chip tone="danger">Removed</Chip> <del>{item.text}</del>
          </li>
        ),
      )}
    </ul>
  );
}

function formatScalar(field: string, value: ScalarValue): ReactNode {
  if (value === null) return field === 'validityDays' ? 'No expiry' : 'Not set';
  switch (field) {
    case 'credits':
      return `${String(value)} credits (${String(Number(value) * HOURS_PER_CREDIT)} hours)`;
    case 'nzqfLevel':
      return `Level ${String(value)}`;
    case 'rplAllowed':
      return value ? 'Allowed' : 'Not allowed';
    case 'validityDays':
      return `${String(value)} days`;
    case 'achievementType':
      return achievementTypeLabel(String(value));
    case 'language':
      return LANGUAGE_LABELS[String(value)] ?? String(value);
    case 'badge.shape':
      return (BADGE_SHAPE_LABELS as Record<string, string | undefined>)[String(value)] ?? String(value);
    case 'badge.colour':
      return (
        <span className="colour-value">
          <span className="colour-value__swatch" style={{ background: String(value) }} aria-hidden="true" />
          {String(value)}
        </span>
      );
    case 'nzqa.reviewPeriodYears':
      return value === 1 ? '1 year' : `${String(value)} years`;
    default:
      return typeof value === 'boolean' ? (value ? 'Yes' : 'No') : String(value);
  }
}
