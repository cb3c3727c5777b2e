import { useEffect, useId, useRef, useState, type DragEvent, type RefObject, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiProblem, toProblem } from '../../api/client';
import {
  credentialsApi,
  verifyContentType,
  VERIFY_MAX_BYTES,
  type CheckStatus,
  type VerifyInput,
  type VerifyReport,
} from '../../api/credentials-api';
import { ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { Card } from '../../design/card';
import { Chip } from '../../design/chip';
import { Icon, type IconName } from '../../design/icons';
import { LoadingBlock } from '../../design/spinner';
import { PageHeader } from '../../design/page-header';
import { TextAreaField } from '../../design/text-area-field';
import { TextField } from '../../design/text-field';
import { useApiQuery } from '../../hooks/use-api-query';
import { formatDate } from '../../labels/dates';
import { CHECK_STATUS_LABELS, VERDICTS } from './credential-labels';
import { identityTypeLabel, readOb3 } from './ob3';
import './credentials.css';

type VerifyState =
  | { status: 'idle' }
  | { status: 'verifying'; what: string }
  | { status: 'done'; report: VerifyReport; what: string }
  | { status: 'failed'; problem: ApiProblem; what: string };

function clientProblem(title: string, detail: string): ApiProblem {
  return new ApiProblem({ type: 'about:client-error', title, status: 0, detail });
}

/** Pasted text as the API wants it: a JSON object, or a compact JWT string. */
function parsePasted(text: string): Record<string, unknown> | string {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw clientProblem(
        'That is not valid JSON',
        `Check that you pasted the whole credential. ${error instanceof Error ? error.message : ''}`.trim(),
      );
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw clientProblem('That is not a credential', 'A credential is a JSON object, starting with {.');
    }
    return parsed as Record<string, unknown>;
  }
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(trimmed)) return trimmed;
  throw clientProblem(
    'That does not look like a credential',
    'Paste the credential’s JSON (it starts with {) or a JWT (three parts separated by dots).',
  );
}

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

export function VerifyPage() {
  const [params] = useSearchParams();
  // Arriving from a credential page (?credential=<id>) or a shared link (?url=…): verify at once.
  const credentialId = params.get('credential');
  const linkParam = params.get('url');
  const addressKey = credentialId ? `credential:${credentialId}` : linkParam ? `url:${linkParam}` : 'none';
  const fromAddress = useApiQuery(`verify-address:${addressKey}`, async (signal) => {
    if (credentialId) {
      const credential = await credentialsApi.getJson(credentialId, signal);
      return credentialsApi.verify({ kind: 'credential', credential }, signal);
    }
    if (linkParam) return credentialsApi.verify({ kind: 'url', url: linkParam }, signal);
    return null;
  });
  // What the person verified on this page; it replaces the address's result until the address changes.
  const [manual, setManual] = useState<{ key: string; state: VerifyState } | null>(null);
  const controller = useRef<AbortController | null>(null);
  const verdictRef = useRef<HTMLHeadingElement>(null);
  const problemRef = useRef<HTMLDivElement>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const addressWhat = credentialId ? 'the credential you opened' : (linkParam ?? '');
  let state: VerifyState;
  if (manual && manual.key === addressKey) state = manual.state;
  else if (fromAddress.status === 'loading') state = { status: 'verifying', what: addressWhat };
  else if (fromAddress.status === 'error')
    state = { status: 'failed', problem: fromAddress.problem, what: addressWhat };
  else if (fromAddress.data) state = { status: 'done', report: fromAddress.data, what: addressWhat };
  else state = { status: 'idle' };

  function setState(next: VerifyState) {
    setManual({ key: addressKey, state: next });
  }

  async function verify(what: string, prepare: (signal: AbortSignal) => Promise<VerifyInput>) {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setState({ status: 'verifying', what });
    try {
      const input = await prepare(current.signal);
      const report = await credentialsApi.verify(input, current.signal);
      if (current.signal.aborted) return;
      setState({ status: 'done', report, what });
      requestAnimationFrame(() => verdictRef.current?.focus());
    } catch (error) {
      if (current.signal.aborted) return;
      setState({ status: 'failed', problem: toProblem(error), what });
      requestAnimationFrame(() => problemRef.current?.focus());
    }
  }

  return (
    <>
      <PageHeader
        title="Verify a credential"
        description={
          <p>
            Check that an Open Badges credential is genuine, unchanged and still in force. Upload the file the
            holder gave you, paste its contents, or paste a link to it. Anyone can do this; you don’t need an
            account.
          </p>
        }
      />
      <div className="verify">
        <div className="verify__inputs stack">
          <FileInput
            onFile={(file, contentType) => {
              void verify(file.name, () => Promise.resolve({ kind: 'file', file, contentType }));
            }}
            onRefused={(problem) => {
              setState({ status: 'failed', problem, what: 'the file' });
              requestAnimationFrame(() => problemRef.current?.focus());
            }}
            busy={state.status === 'verifying'}
          />
          <PasteInput
            busy={state.status === 'verifying'}
            onSubmit={(text) => {
              let parsed: Record<string, unknown> | string;
              try {
                parsed = parsePasted(text);
              } catch (error) {
                setState({ status: 'failed', problem: toProblem(error), what: 'the pasted text' });
                requestAnimationFrame(() => problemRef.current?.focus());
                return;
              }
              void verify('the pasted credential', () =>
                Promise.resolve({ kind: 'credential', credential: parsed }),
              );
            }}
          />
          <LinkInput
            initial={linkParam ?? ''}
            busy={state.status === 'verifying'}
            onSubmit={(url) => {
              void verify(url, () => Promise.resolve({ kind: 'url', url }));
            }}
          />
        </div>
        <section
          className="verify__result"
          aria-labelledby="verify-result-heading"
          aria-busy={state.status === 'verifying'}
        >
          <h2 id="verify-result-heading" className="visually-hidden">
            Result
          </h2>
          <VerifyOutcome state={state} verdictRef={verdictRef} problemRef={problemRef} />
        </section>
      </div>
    </>
  );
}

function FileInput({
  onFile,
  onRefused,
  busy,
}: {
  onFile: (file: File, contentType: string) => void;
  onRefused: (problem: ApiProblem) => void;
  busy: boolean;
}) {
  const id = useId();
  const [dragging, setDragging] = useState(false);

  function take(file: File | undefined) {
    if (!file) return;
    if (file.size > VERIFY_MAX_BYTES) {
      onRefused(
        clientProblem(
          'That file is too large',
          `It is ${describeSize(file.size)}; credentials and baked badges are well under the 10 MB limit.`,
        ),
      );
      return;
    }
    const contentType = verifyContentType(file);
    if (!contentType) {
      onRefused(
        clientProblem(
          'Cairn can’t read that kind of file',
          'Choose a credential saved as JSON or as a JWT, or a badge image (PNG or SVG) with a credential baked in.',
        ),
      );
      return;
    }
    onFile(file, contentType);
  }

  function handleDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    if (!busy) take(event.dataTransfer.files[0]);
  }

  return (
    <Card title="Upload a file" headingLevel={2}>
      <div
        className={dragging ? 'dropzone dropzone--active' : 'dropzone'}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={() => {
          setDragging(false);
        }}
        onDrop={handleDrop}
        data-testid="verify-dropzone"
      >
        <Icon name="upload" size={28} />
        <p className="dropzone__text">Drop a credential file or a badge image here, or</p>
        <label htmlFor={id} className="btn btn--secondary btn--sm dropzone__button">
          <span>Choose a file</span>
        </label>
        <input
          id={id}
          type="file"
          className="dropzone__input"
          accept=".json,.jsonld,.jwt,.txt,.png,.svg,application/json,application/ld+json,text/plain,image/png,image/svg+xml"
          aria-describedby={`${id}-hint`}
          disabled={busy}
          onChange={(event) => {
            take(event.target.files?.[0]);
            // Choosing the same file again should verify again.
            event.target.value = '';
          }}
        />
        <p className="field__hint" id={`${id}-hint`}>
          JSON, JWT, or a baked PNG or SVG badge; up to 10 MB.
        </p>
      </div>
    </Card>
  );
}

function PasteInput({ busy, onSubmit }: { busy: boolean; onSubmit: (text: string) => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!text.trim()) {
      setError('Paste the credential first.');
      return;
    }
    setError(undefined);
    onSubmit(text);
  }

  return (
    <Card title="Paste the credential" headingLevel={2}>
      <form className="form" noValidate onSubmit={handleSubmit}>
        <TextAreaField
          label="Credential JSON or JWT"
          name="credential"
          rows={5}
          spellCheck={false}
          className="mono"
          hint="The whole JSON document, starting with {, or a JWT (three parts separated by dots)."
          value={text}
          onChange={(event) => {
            setText(event.target.value);
          }}
          error={error}
        />
        <div className="form__actions">
          <Button type="submit" pending={busy} icon={<Icon name="shieldCheck" />}>
            Verify pasted credential
          </Button>
        </div>
      </form>
    </Card>
  );
}

function LinkInput({
  initial,
  busy,
  onSubmit,
}: {
  initial: string;
  busy: boolean;
  onSubmit: (url: string) => void;
}) {
  const [url, setUrl] = useState(initial);
  const [error, setError] = useState<string | undefined>();

  function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = url.trim();
    let valid = false;
    try {
      valid = ['http:', 'https:'].includes(new URL(trimmed).protocol);
    } catch {
      valid = false;
    }
    if (!valid) {
      setError('Enter a web address starting with https://');
      return;
    }
    setError(undefined);
    onSubmit(trimmed);
  }

  return (
    <Card title="Paste a link" headingLevel={2}>
      <form className="form" noValidate onSubmit={handleSubmit}>
        <TextField
          label="Link to a credential"
          name="url"
          type="url"
          inputMode="url"
          autoComplete="off"
          hint="A link that serves the credential’s JSON, JWT or baked badge image."
          value={url}
          onChange={(event) => {
            setUrl(event.target.value);
          }}
          error={error}
        />
        <div className="form__actions">
          <Button type="submit" variant="secondary" pending={busy} icon={<Icon name="shieldCheck" />}>
            Verify link
          </Button>
        </div>
      </form>
    </Card>
  );
}

function VerifyOutcome({
  state,
  verdictRef,
  problemRef,
}: {
  state: VerifyState;
  verdictRef: RefObject<HTMLHeadingElement | null>;
  problemRef: RefObject<HTMLDivElement | null>;
}) {
  switch (state.status) {
    case 'idle':
      return (
        <div className="verify__placeholder">
          <Icon name="shieldCheck" size={40} />
          <p>The result appears here: a verdict, and each check explained.</p>
        </div>
      );
    case 'verifying':
      return <LoadingBlock label={`Verifying ${state.what}…`} />;
    case 'failed':
      return (
        <div ref={problemRef} tabIndex={-1} className="verify__problem">
          <ProblemAlert
            problem={state.problem}
            messages={{
              'unusable-credential': state.problem.detail ?? 'No credential could be read from it.',
            }}
          />
        </div>
      );
    case 'done':
      return <VerifyReportView report={state.report} verdictRef={verdictRef} />;
  }
}

const CHECK_ICONS: Record<CheckStatus, IconName> = {
  passed: 'checkCircle',
  failed: 'xCircle',
  warning: 'alertTriangle',
  skipped: 'minusCircle',
};

const FORMAT_LABELS: Record<VerifyReport['format'], string> = {
  ldp: 'Data Integrity proof (JSON-LD)',
  jwt: 'VC-JWT',
};

const SOURCE_LABELS: Record<VerifyReport['source'], string> = {
  json: 'a JSON file',
  jwt: 'a JWT',
  png: 'a baked PNG badge',
  svg: 'a baked SVG badge',
};

function VerifyReportView({
  report,
  verdictRef,
}: {
  report: VerifyReport;
  verdictRef: RefObject<HTMLHeadingElement | null>;
}) {
  const verdict = VERDICTS[report.result];
  const ob3 = readOb3(report.credential);
  const issuerName = report.issuer.name ?? ob3.issuerName;
  const issuerId = report.issuer.id ?? ob3.issuerId;

  return (
    <div className="stack" data-testid="verify-report">
      <div className={`verdict verdict--${verdict.tone}`} data-result={report.result}>
        <Icon
          name={
            verdict.tone === 'success'
              ? 'checkCircle'
              : verdict.tone === 'danger'
                ? 'xCircle'
                : 'alertTriangle'
          }
          size={36}
        />
        <div>
          <h3 className="verdict__title" ref={verdictRef} tabIndex={-1} data-testid="verify-verdict">
            {verdict.title}
          </h3>
          <p>{verdict.body}</p>
        </div>
      </div>

      <Card title="What the credential says" headingLevel={3}>
        <dl className="definition-list">
          <dt>Achievement</dt>
          <dd>{ob3.achievementName ?? <span className="muted">Not named</span>}</dd>
          <dt>Issuer</dt>
          <dd>
            <span className="verify__issuer">
              {issuerName ?? <span className="muted">Not named</span>}
              {report.issuer.known ? (
                <Chip tone="success">Known to Cairn</Chip>
              ) : (
                <Chip tone="neutral">Not a Cairn organisation</Chip>
              )}
            </span>
            {report.issuer.known && report.issuer.known.name !== issuerName ? (
              <span className="block small">Cairn knows this issuer as {report.issuer.known.name}.</span>
            ) : null}
            {issuerId ? <code className="block small break-anywhere">{issuerId}</code> : null}
          </dd>
          <dt>Recipient</dt>
          <dd>
            {ob3.recipientName ? <span className="block">{ob3.recipientName}</span> : null}
            {ob3.identifiers.map((identity, index) => (
              <span className="block small" key={index}>
                {identityTypeLabel(identity.identityType)}
                {identity.hashed ? (
                  <> (hashed: ask the holder for it and compare, the credential does not reveal it)</>
                ) : (
                  <>: {identity.identityHash}</>
                )}
              </span>
            ))}
            {ob3.recipientId ? <code className="block small break-anywhere">{ob3.recipientId}</code> : null}
            {!ob3.recipientName && ob3.identifiers.length === 0 && !ob3.recipientId ? (
              <span className="muted">Not named</span>
            ) : null}
          </dd>
          {ob3.validFrom ? (
            <>
              <dt>Valid from</dt>
              <dd>
                <time dateTime={ob3.validFrom}>{formatDate(ob3.validFrom)}</time>
              </dd>
            </>
          ) : null}
          <dt>Valid until</dt>
          <dd>
            {ob3.validUntil ? (
              <time dateTime={ob3.validUntil}>{formatDate(ob3.validUntil)}</time>
            ) : (
              'Does not expire'
            )}
          </dd>
          <dt>Read from</dt>
          <dd>
            {SOURCE_LABELS[report.source]}, signed as a {FORMAT_LABELS[report.format]}
          </dd>
        </dl>
      </Card>

      <Card title="Checks" headingLevel={3}>
        <ul className="check-list" data-testid="verify-checks">
          {report.checks.map((check) => (
            <li key={check.id} className={`check check--${check.status}`} data-check={check.id}>
              <Icon name={CHECK_ICONS[check.status]} size={22} />
              <div>
                <p className="check__title">
                  <span className="visually-hidden">{CHECK_STATUS_LABELS[check.status]}: </span>
                  {check.title}
                  <span className="check__status" aria-hidden="true">
                    {CHECK_STATUS_LABELS[check.status]}
                  </span>
                </p>
                <p className="check__message">{check.message}</p>
              </div>
            </li>
          ))}
        </ul>
      </Card>
      {report.issuer.known ? (
        <p className="small muted">
          Cairn issues credentials for this organisation.{' '}
          <Link to={`/catalogue?provider=${encodeURIComponent(report.issuer.known.organisationId)}`}>
            See its micro-credentials
          </Link>
        </p>
      ) : null}
    </div>
  );
}
