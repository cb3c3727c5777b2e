import { useRef, useState, type ReactNode, type RefObject, type SubmitEvent } from 'react';
import {
  assessmentApi,
  EVIDENCE_FILE_MAX_BYTES,
  RPL_KINDS,
  type EvidenceItem,
  type Submission,
  type SubmissionCriterion,
} from '../../api/assessment-api';
import type { ApiProblem } from '../../api/client';
import { ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { Chip } from '../../design/chip';
import { Icon } from '../../design/icons';
import { useAnnounce } from '../../design/live-announcer';
import { Select } from '../../design/select';
import { TextAreaField } from '../../design/text-area-field';
import { TextField } from '../../design/text-field';
import {
  checkEmail,
  compactErrors,
  fieldError,
  focusFirstInvalid,
  type ClientErrors,
} from '../../hooks/form-errors';
import { useAction } from '../../hooks/use-action';
import { fileSizeLabel, quotedEnd, RPL_KIND_LABELS } from './assessment-labels';
import { CriterionRequirements, EvidenceItemView, evidenceName } from './evidence-view';

type Adder = 'text' | 'link' | 'file' | 'attestation';

const ADDER_LABELS: Record<Adder, string> = {
  text: 'Add text',
  link: 'Add a link',
  file: 'Upload file',
  attestation: 'Request attestation',
};

const ADDER_ICONS = { text: 'pencil', link: 'external', file: 'upload', attestation: 'mail' } as const;

/** One criterion of a draft: its evidence, with ways to add and remove items. */
export function CriterionBuilder({
  submission,
  criterion,
  index,
  onChanged,
}: {
  submission: Submission;
  criterion: SubmissionCriterion;
  index: number;
  onChanged: () => void;
}) {
  const [open, setOpen] = useState<Adder | null>(null);
  const items = submission.evidence.filter((item) => item.criterionId === criterion.id);
  const missing = submission.missingCriteria.includes(criterion.id);
  const headingId = `criterion-${criterion.id}`;
  const editable = submission.abilities.edit;

  return (
    <section
      className={`criterion-card ${missing ? 'criterion-card--missing' : 'criterion-card--covered'}`}
      aria-labelledby={headingId}
      data-testid={`criterion-${criterion.id}`}
    >
      <div className="criterion-card__head">
        <h3 className="criterion-card__title" id={headingId}>
          {index + 1}. {criterion.title}
        </h3>
        {missing ? <Chip tone="warning">Needs evidence</Chip> : <Chip tone="success">Has evidence</Chip>}
      </div>
      <CriterionRequirements requirements={criterion.evidenceRequirements} />
      {items.length > 0 ? (
        <ul className="evidence-list" aria-label={`Evidence for ${criterion.title}`}>
          {items.map((item) => (
            <EvidenceItemView
              key={item.id}
              submissionId={submission.id}
              item={item}
              actions={
                editable ? (
                  <RemoveEvidenceButton submissionId={submission.id} item={item} onRemoved={onChanged} />
                ) : undefined
              }
            />
          ))}
        </ul>
      ) : (
        <p className="muted">No evidence yet.</p>
      )}
      {editable ? (
        <>
          <div className="evidence-adders" role="group" aria-label={`Add evidence for ${criterion.title}`}>
            {(Object.keys(ADDER_LABELS) as Adder[]).map((adder) => (
              <Button
                key={adder}
                variant={open === adder ? 'primary' : 'secondary'}
                size="sm"
                icon={<Icon name={ADDER_ICONS[adder]} size={16} />}
                aria-expanded={open === adder}
                onClick={() => {
                  setOpen((current) => (current === adder ? null : adder));
                }}
              >
                {ADDER_LABELS[adder]}
              </Button>
            ))}
          </div>
          {open ? (
            <AdderForm
              adder={open}
              submission={submission}
              criterion={criterion}
              onDone={() => {
                setOpen(null);
                onChanged();
              }}
              onCancel={() => {
                setOpen(null);
              }}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function RemoveEvidenceButton({
  submissionId,
  item,
  onRemoved,
}: {
  submissionId: string;
  item: EvidenceItem;
  onRemoved: () => void;
}) {
  const announce = useAnnounce();
  const remove = useAction(async () => {
    await assessmentApi.removeEvidence(submissionId, item.id);
    announce(`Removed the ${evidenceName(item)}.`, 'info');
    onRemoved();
  });
  return (
    <span className="cluster cluster--tight">
      {remove.problem ? (
        <span className="field__error small" role="alert">
          {remove.problem.detail ?? remove.problem.title}
        </span>
      ) : null}
      <Button
        variant="ghost"
        size="sm"
        pending={remove.pending}
        aria-label={`Remove ${evidenceName(item)}`}
        onClick={() => void remove.run()}
      >
        Remove
      </Button>
    </span>
  );
}

interface AdderProps {
  submission: Submission;
  criterion: SubmissionCriterion;
  onDone: () => void;
  onCancel: () => void;
}

function AdderForm({ adder, ...props }: AdderProps & { adder: Adder }) {
  switch (adder) {
    case 'text':
      return <TextForm {...props} />;
    case 'link':
      return <LinkForm {...props} />;
    case 'file':
      return <FileForm {...props} />;
    case 'attestation':
      return <AttestationForm {...props} />;
  }
}

/** For RPL: what the piece of evidence is (CV, reference…). */
function RplKindSelect({
  submission,
  value,
  onChange,
  error,
}: {
  submission: Submission;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
}) {
  if (submission.route !== 'rpl') return null;
  return (
    <Select
      label="Evidence kind"
      name="rplKind"
      placeholder="Choose what this is"
      options={RPL_KINDS.map((kind) => ({ value: kind, label: RPL_KIND_LABELS[kind] }))}
      value={value}
      onChange={(event) => {
        onChange(event.target.value);
      }}
      error={error}
      required
    />
  );
}

function rplKindError(submission: Submission, rplKind: string): string | undefined {
  return submission.route === 'rpl' && !rplKind ? 'Choose what kind of evidence this is.' : undefined;
}

function FormFrame({
  title,
  children,
  formRef,
  onSubmit,
  submitLabel,
  pending,
  onCancel,
  problem,
  fields,
}: {
  title: string;
  children: ReactNode;
  formRef: RefObject<HTMLFormElement | null>;
  onSubmit: (event: SubmitEvent<HTMLFormElement>) => void;
  submitLabel: string;
  pending: boolean;
  onCancel: () => void;
  problem: ApiProblem | null;
  fields: readonly string[];
}) {
  return (
    <form ref={formRef} className="form evidence-form" noValidate onSubmit={onSubmit} aria-label={title}>
      <ProblemAlert
        problem={problem}
        fields={fields}
        messages={{
          'submission-state-conflict':
            'This submission can no longer be changed. Reload the page to see where it is.',
        }}
      />
      {children}
      <div className="form__actions">
        <Button type="submit" pending={pending}>
          {submitLabel}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function TextForm({ submission, criterion, onDone, onCancel }: AdderProps) {
  const announce = useAnnounce();
  const [text, setText] = useState('');
  const [rplKind, setRplKind] = useState('');
  const [errors, setErrors] = useState<ClientErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const add = useAction(async () => {
    await assessmentApi.addEvidence(submission.id, {
      criterionId: criterion.id,
      kind: 'text',
      text: text.trim(),
      ...(rplKind ? { rplKind } : {}),
    });
    announce(`Added written evidence for ${quotedEnd(criterion.title)}`);
    onDone();
    return true;
  });

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = compactErrors({
      text: text.trim() ? undefined : 'Write your evidence.',
      rplKind: rplKindError(submission, rplKind),
    });
    setErrors(next);
    if (Object.keys(next).length > 0 || !(await add.run())) focusFirstInvalid(formRef.current);
  }

  return (
    <FormFrame
      title={`Add text for ${criterion.title}`}
      formRef={formRef}
      onSubmit={(event) => void handleSubmit(event)}
      submitLabel="Save text"
      pending={add.pending}
      onCancel={onCancel}
      problem={add.problem}
      fields={['text', 'rplKind']}
    >
      <RplKindSelect
        submission={submission}
        value={rplKind}
        onChange={setRplKind}
        error={fieldError('rplKind', errors, add.problem)}
      />
      <TextAreaField
        label="Evidence text"
        name="text"
        rows={6}
        maxLength={20000}
        hint="Describe what you did and how it meets the criterion."
        value={text}
        onChange={(event) => {
          setText(event.target.value);
        }}
        error={fieldError('text', errors, add.problem)}
        required
      />
    </FormFrame>
  );
}

function LinkForm({ submission, criterion, onDone, onCancel }: AdderProps) {
  const announce = useAnnounce();
  const [url, setUrl] = useState('');
  const [text, setText] = useState('');
  const [rplKind, setRplKind] = useState('');
  const [errors, setErrors] = useState<ClientErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const add = useAction(async () => {
    await assessmentApi.addEvidence(submission.id, {
      criterionId: criterion.id,
      kind: 'link',
      url: url.trim(),
      ...(text.trim() ? { text: text.trim() } : {}),
      ...(rplKind ? { rplKind } : {}),
    });
    announce(`Added a link for ${quotedEnd(criterion.title)}`);
    onDone();
    return true;
  });

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = compactErrors({
      url: checkUrl(url),
      rplKind: rplKindError(submission, rplKind),
    });
    setErrors(next);
    if (Object.keys(next).length > 0 || !(await add.run())) focusFirstInvalid(formRef.current);
  }

  return (
    <FormFrame
      title={`Add a link for ${criterion.title}`}
      formRef={formRef}
      onSubmit={(event) => void handleSubmit(event)}
      submitLabel="Save link"
      pending={add.pending}
      onCancel={onCancel}
      problem={add.problem}
      fields={['url', 'text', 'rplKind']}
    >
      <RplKindSelect
        submission={submission}
        value={rplKind}
        onChange={setRplKind}
        error={fieldError('rplKind', errors, add.problem)}
      />
      <TextField
        label="Link"
        name="url"
        type="url"
        inputMode="url"
        autoComplete="url"
        hint="An https:// address the assessor can open, such as a portfolio page or a shared document."
        value={url}
        onChange={(event) => {
          setUrl(event.target.value);
        }}
        error={fieldError('url', errors, add.problem)}
        required
      />
      <TextField
        label="What it shows"
        name="text"
        optional
        value={text}
        onChange={(event) => {
          setText(event.target.value);
        }}
        error={fieldError('text', errors, add.problem)}
      />
    </FormFrame>
  );
}

function checkUrl(value: string): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) return 'Enter a link.';
  try {
    const parsed = new URL(trimmed);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      return 'Use an http:// or https:// link.';
  } catch {
    return 'Enter a full link, like https://example.com/my-work.';
  }
  return undefined;
}

function FileForm({ submission, criterion, onDone, onCancel }: AdderProps) {
  const announce = useAnnounce();
  const [file, setFile] = useState<File | null>(null);
  const [rplKind, setRplKind] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<ClientErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const upload = useAction(async (chosen: File) => {
    setProgress(0);
    try {
      await assessmentApi.uploadEvidenceFile(submission.id, {
        criterionId: criterion.id,
        file: chosen,
        ...(rplKind ? { rplKind } : {}),
        onProgress: setProgress,
      });
    } finally {
      setProgress(null);
    }
    announce(`Uploaded ${chosen.name} for ${quotedEnd(criterion.title)}`);
    onDone();
    return true;
  });

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = compactErrors({
      file: !file
        ? 'Choose a file.'
        : file.size > EVIDENCE_FILE_MAX_BYTES
          ? `${file.name} is ${fileSizeLabel(file.size)}; files can be up to 20 MB.`
          : file.size === 0
            ? `${file.name} is empty.`
            : undefined,
      rplKind: rplKindError(submission, rplKind),
    });
    setErrors(next);
    if (Object.keys(next).length > 0 || !file) {
      upload.reset();
      focusFirstInvalid(formRef.current);
      return;
    }
    if (!(await upload.run(file))) focusFirstInvalid(formRef.current);
  }

  const fileError = errors['file'];
  return (
    <FormFrame
      title={`Upload a file for ${criterion.title}`}
      formRef={formRef}
      onSubmit={(event) => void handleSubmit(event)}
      submitLabel="Upload"
      pending={upload.pending}
      onCancel={onCancel}
      problem={upload.problem}
      fields={['file', 'rplKind']}
    >
      <RplKindSelect
        submission={submission}
        value={rplKind}
        onChange={setRplKind}
        error={fieldError('rplKind', errors, upload.problem)}
      />
      <div className={fileError ? 'field field--invalid' : 'field'}>
        <label className="field__label" htmlFor={`file-${criterion.id}`}>
          File
        </label>
        <p className="field__hint" id={`file-${criterion.id}-hint`}>
          PDF, image (PNG, JPEG, GIF, WebP), video (MP4, QuickTime), Word, Excel, PowerPoint, plain text or
          CSV. Up to 20 MB.
        </p>
        <input
          id={`file-${criterion.id}`}
          name="file"
          type="file"
          className="input"
          accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.mp4,.mov,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt,.csv"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={`file-${criterion.id}-hint${fileError ? ` file-${criterion.id}-error` : ''}`}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            upload.reset();
          }}
        />
        {fileError ? (
          <p className="field__error" id={`file-${criterion.id}-error`}>
            <span>{fileError}</span>
          </p>
        ) : null}
      </div>
      {progress !== null && file ? (
        <div className="upload-progress">
          <label htmlFor={`file-${criterion.id}-progress`}>
            Uploading {file.name}: {Math.round(progress * 100)}%
          </label>
          <progress id={`file-${criterion.id}-progress`} max={1} value={progress} />
        </div>
      ) : null}
    </FormFrame>
  );
}

function AttestationForm({ submission, criterion, onDone, onCancel }: AdderProps) {
  const announce = useAnnounce();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [statement, setStatement] = useState('');
  const [errors, setErrors] = useState<ClientErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const request = useAction(async () => {
    await assessmentApi.requestAttestation(submission.id, {
      criterionId: criterion.id,
      supervisorName: name.trim(),
      supervisorEmail: email.trim(),
      statement: statement.trim(),
    });
    announce(`Asked ${name.trim()} to confirm your statement. They get an email with a link.`);
    onDone();
    return true;
  });

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = compactErrors({
      supervisorName: name.trim() ? undefined : 'Enter your supervisor’s name.',
      supervisorEmail: checkEmail(email),
      statement: statement.trim() ? undefined : 'Write what you want them to confirm.',
    });
    setErrors(next);
    if (Object.keys(next).length > 0 || !(await request.run())) focusFirstInvalid(formRef.current);
  }

  return (
    <FormFrame
      title={`Request a supervisor attestation for ${criterion.title}`}
      formRef={formRef}
      onSubmit={(event) => void handleSubmit(event)}
      submitLabel="Send request"
      pending={request.pending}
      onCancel={onCancel}
      problem={request.problem}
      fields={['supervisorName', 'supervisorEmail', 'statement']}
    >
      <p className="small muted">
        Your supervisor gets an email with a link. They do not need a Cairn account to confirm or decline.
      </p>
      <TextField
        label="Supervisor’s name"
        name="supervisorName"
        autoComplete="off"
        value={name}
        onChange={(event) => {
          setName(event.target.value);
        }}
        error={fieldError('supervisorName', errors, request.problem)}
        required
      />
      <TextField
        label="Supervisor’s email"
        name="supervisorEmail"
        type="email"
        autoComplete="off"
        value={email}
        onChange={(event) => {
          setEmail(event.target.value);
        }}
        error={fieldError('supervisorEmail', errors, request.problem)}
        required
      />
      <TextAreaField
        label="Statement to confirm"
        name="statement"
        rows={4}
        maxLength={5000}
        hint="For example: “Between March and June I led the weekly access reviews for the finance team.”"
        value={statement}
        onChange={(event) => {
          setStatement(event.target.value);
        }}
        error={fieldError('statement', errors, request.problem)}
        required
      />
    </FormFrame>
  );
}
