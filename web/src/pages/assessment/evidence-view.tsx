import type { ReactNode } from 'react';
import { assessmentApi, type EvidenceItem, type Submission } from '../../api/assessment-api';
import { Chip } from '../../design/chip';
import { Icon } from '../../design/icons';
import { formatDateTime } from '../../labels/dates';
import {
  ATTESTATION_STATE_LABELS,
  ATTESTATION_STATE_TONES,
  fileSizeLabel,
  rplKindLabel,
} from './assessment-labels';

const KIND_LABELS: Record<EvidenceItem['kind'], string> = {
  text: 'Written evidence',
  link: 'Link',
  file: 'File',
  attestation: 'Supervisor attestation',
};

/** A short name for an item, for "Remove …" buttons and announcements. */
export function evidenceName(item: EvidenceItem): string {
  switch (item.kind) {
    case 'file':
      return item.file ? `file ${item.file.filename}` : 'file';
    case 'link':
      return item.url ? `link ${item.url}` : 'link';
    case 'attestation':
      return item.attestation ? `attestation from ${item.attestation.supervisorName}` : 'attestation';
    case 'text':
      return `text “${(item.text ?? '').slice(0, 40)}${(item.text ?? '').length > 40 ? '…' : ''}”`;
  }
}

/** Only http(s) links are made clickable; anything else is shown as text. */
function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** One piece of evidence, read-only; `actions` adds buttons (the learner's "Remove"). */
export function EvidenceItemView({
  submissionId,
  item,
  actions,
}: {
  submissionId: string;
  item: EvidenceItem;
  actions?: ReactNode;
}) {
  return (
    <li className="evidence-item" data-testid={`evidence-${item.id}`}>
      <div className="evidence-item__head">
        <span className="cluster cluster--tight">
          <span className="evidence-item__kind">{KIND_LABELS[item.kind]}</span>
          {item.rplKind ? <Chip tone="primary">{rplKindLabel(item.rplKind)}</Chip> : null}
          {item.attestation ? (
            <Chip tone={ATTESTATION_STATE_TONES[item.attestation.state]}>
              {ATTESTATION_STATE_LABELS[item.attestation.state]}
            </Chip>
          ) : null}
        </span>
        {actions}
      </div>
      <EvidenceBody submissionId={submissionId} item={item} />
      <p className="muted small">
        Added <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
      </p>
    </li>
  );
}

function EvidenceBody({ submissionId, item }: { submissionId: string; item: EvidenceItem }) {
  switch (item.kind) {
    case 'text':
      return <p className="evidence-item__text">{item.text}</p>;
    case 'link': {
      const href = item.url ? safeHref(item.url) : undefined;
      return href ? (
        <p className="break-anywhere">
          <a href={href} target="_blank" rel="noopener noreferrer">
            {item.url} <Icon name="external" size={14} />
            <span className="visually-hidden"> (opens in a new tab)</span>
          </a>
          {item.text ? <span className="block small">{item.text}</span> : null}
        </p>
      ) : (
        <p className="break-anywhere mono small">{item.url}</p>
      );
    }
    case 'file': {
      const file = item.file;
      if (!file) return <p className="muted">The file is missing.</p>;
      return (
        <p className="break-anywhere">
          <a
            href={file.downloadUrl || assessmentApi.evidenceFileUrl(submissionId, file.id)}
            download={file.filename}
          >
            <Icon name="download" size={16} /> {file.filename}
          </a>{' '}
          <span className="muted small">
            ({file.mediaType}, {fileSizeLabel(file.sizeBytes)})
          </span>
          <span className="block muted small mono" title="SHA-256 of the file">
            SHA-256 {file.sha256.slice(0, 16)}…
          </span>
        </p>
      );
    }
    case 'attestation': {
      const attestation = item.attestation;
      if (!attestation) return null;
      return (
        <div className="stack stack-sm">
          <p>
            Asked <strong>{attestation.supervisorName}</strong>{' '}
            <span className="muted small">({attestation.supervisorEmail})</span> to confirm:
          </p>
          <blockquote className="evidence-item__text">{attestation.statement}</blockquote>
          {attestation.respondedAt ? (
            <p className="small">
              {ATTESTATION_STATE_LABELS[attestation.state]}{' '}
              <time dateTime={attestation.respondedAt}>{formatDateTime(attestation.respondedAt)}</time>
              {attestation.responseComment ? `: “${attestation.responseComment}”` : null}
            </p>
          ) : null}
        </div>
      );
    }
  }
}

/** Every criterion with its evidence, read-only: what assessors and moderators judge. */
export function EvidenceByCriterion({ submission }: { submission: Submission }) {
  const { achievement, evidence } = submission;
  return (
    <section aria-labelledby="evidence-heading" className="stack">
      <h2 id="evidence-heading">Evidence</h2>
      {submission.route === 'rpl' && achievement.rplEvidence ? (
        <div className="card card--muted">
          <p className="small">
            <strong>RPL evidence the provider asks for:</strong>
          </p>
          <p className="pre-line small">{achievement.rplEvidence}</p>
        </div>
      ) : null}
      <ol className="criterion-list">
        {achievement.criteria.map((criterion, index) => {
          const items = evidence.filter((item) => item.criterionId === criterion.id);
          const headingId = `evidence-criterion-${criterion.id}`;
          return (
            <li key={criterion.id}>
              <section className="criterion-card" aria-labelledby={headingId}>
                <div className="criterion-card__head">
                  <h3 className="criterion-card__title" id={headingId}>
                    {index + 1}. {criterion.title}
                  </h3>
                  <span className="muted small">
                    {items.length === 1 ? '1 item' : `${items.length} items`}
                  </span>
                </div>
                <CriterionRequirements requirements={criterion.evidenceRequirements} />
                {items.length > 0 ? (
                  <ul className="evidence-list" aria-label={`Evidence for ${criterion.title}`}>
                    {items.map((item) => (
                      <EvidenceItemView key={item.id} submissionId={submission.id} item={item} />
                    ))}
                  </ul>
                ) : (
                  <p className="muted">No evidence for this criterion.</p>
                )}
              </section>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function CriterionRequirements({ requirements }: { requirements: string[] }) {
  if (requirements.length === 0) return null;
  return (
    <div>
      <p className="small">
        <strong>Evidence asked for</strong>
      </p>
      <ul className="criterion-card__requirements">
        {requirements.map((requirement, index) => (
          <li key={index}>{requirement}</li>
        ))}
      </ul>
    </div>
  );
}
