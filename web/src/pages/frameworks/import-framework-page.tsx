import { useId, useRef, useState, type ChangeEvent, type SubmitEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  catalogueApi,
  type FrameworkImportBody,
  type FrameworkImportReport,
  type ImportIssue,
} from '../../api/catalogue-api';
import { toProblem, type ApiProblem } from '../../api/client';
import { Alert, ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { Card } from '../../design/card';
import { EmptyState } from '../../design/empty-state';
import { errorId, FieldError, hintId } from '../../design/field';
import { useAnnounce } from '../../design/live-announcer';
import { PageHeader } from '../../design/page-header';
import { Select } from '../../design/select';
import { Table } from '../../design/table';
import { TextField } from '../../design/text-field';
import { compactErrors, fieldError, focusFirstInvalid, type ClientErrors } from '../../hooks/form-errors';
import { countLabel } from '../catalogue/labels';
import { useImportableOrganisations } from './importable-organisations';
import './frameworks.css';

type Format = 'case' | 'csv';

const FIELDS = ['organisationId', 'format', 'file', 'data', 'title'];
const MAX_FILE_BYTES = 10 * 1024 * 1024;

const FORMATS: { value: Format; label: string; hint: string; accept: string }[] = [
  {
    value: 'case',
    label: 'CASE 1.1 JSON',
    hint: 'A 1EdTech CASE package (CFPackage), e.g. exported from another Cairn or a CASE registry.',
    accept: '.json,application/json',
  },
  {
    value: 'csv',
    label: 'CSV',
    hint: 'One competency a row: group_code, group_name, code, name, description, tags, level_1 … level_n, alignments.',
    accept: '.csv,text/csv',
  },
];

interface LoadedFile {
  name: string;
  /** Parsed JSON for CASE, the text for CSV. */
  data: unknown;
}

type Check =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'passed'; report: FrameworkImportReport; signature: string }
  | { status: 'rejected'; problem: ApiProblem; issues: ImportIssue[] };

function problemIssues(problem: ApiProblem): ImportIssue[] {
  const raw = problem.document['problems'];
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (item): item is ImportIssue =>
      typeof item === 'object' && item !== null && 'message' in item && 'row' in item,
  );
}

export function ImportFrameworkPage() {
  const organisations = useImportableOrganisations();
  return (
    <>
      <PageHeader
        title="Import a framework"
        eyebrow={<Link to="/frameworks">Frameworks</Link>}
        description={
          <p>
            Bring in a competency framework from a CASE JSON package or a CSV file. Cairn checks the whole
            file first and imports all of it or nothing.
          </p>
        }
      />
      {organisations.length === 0 ? (
        <EmptyState title="You can’t import frameworks yet">
          <p>
            Authors and organisation admins import frameworks for their organisation. Ask an admin for the
            author role.
          </p>
        </EmptyState>
      ) : (
        <ImportForm organisations={organisations} />
      )}
    </>
  );
}

function ImportForm({ organisations }: { organisations: { id: string; name: string }[] }) {
  const navigate = useNavigate();
  const announce = useAnnounce();
  const formRef = useRef<HTMLFormElement>(null);
  const fileId = useId();
  const resultRef = useRef<HTMLDivElement>(null);

  const [organisationId, setOrganisationId] = useState(organisations[0]?.id ?? '');
  const [format, setFormat] = useState<Format>('case');
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  const [check, setCheck] = useState<Check>({ status: 'idle' });
  const [importing, setImporting] = useState(false);
  const [importProblem, setImportProblem] = useState<ApiProblem | null>(null);

  const formatInfo = FORMATS.find((f) => f.value === format) ?? FORMATS[0];
  // What a dry run checked; the real import is offered only for exactly that.
  const signature = JSON.stringify([
    organisationId,
    format,
    format === 'csv' ? title.trim() : '',
    file?.name,
  ]);
  const passed = check.status === 'passed' && check.signature === signature ? check.report : null;

  function resetCheck() {
    setCheck({ status: 'idle' });
    setImportProblem(null);
  }

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    resetCheck();
    setFile(null);
    setFileError(undefined);
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    if (chosen.size > MAX_FILE_BYTES) {
      setFileError('The file is larger than 10 MB.');
      return;
    }
    try {
      const text = await chosen.text();
      if (format === 'case') {
        try {
          setFile({ name: chosen.name, data: JSON.parse(text) as unknown });
        } catch {
          setFileError(
            'This file is not valid JSON. Choose a CASE JSON package, or switch the format to CSV.',
          );
        }
      } else {
        setFile({ name: chosen.name, data: text });
      }
    } catch {
      setFileError('The file could not be read. Try choosing it again.');
    }
  }

  function body(dryRun: boolean): FrameworkImportBody {
    return {
      organisationId,
      format,
      data: file?.data,
      ...(format === 'csv' ? { title: title.trim() } : {}),
      dryRun,
    };
  }

  function showResult() {
    requestAnimationFrame(() => {
      resultRef.current?.focus();
    });
  }

  async function handleDryRun(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = compactErrors({
      organisationId: organisationId ? undefined : 'Choose the organisation the framework belongs to.',
      file: fileError ?? (file ? undefined : 'Choose a file to import.'),
      title:
        format === 'csv' && !title.trim()
          ? 'Give the framework a title: CSV files do not carry one.'
          : undefined,
    });
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setCheck({ status: 'checking' });
    setImportProblem(null);
    try {
      const report = await catalogueApi.importFramework(body(true));
      setCheck({ status: 'passed', report, signature });
    } catch (error) {
      const problem = toProblem(error);
      setCheck({ status: 'rejected', problem, issues: problemIssues(problem) });
    }
    showResult();
  }

  async function handleImport() {
    if (!passed || importing) return;
    setImporting(true);
    setImportProblem(null);
    try {
      const report = await catalogueApi.importFramework(body(false));
      announce(`Imported ${report.title}: ${countLabel(report.competencies, 'competency', 'competencies')}.`);
      if (report.frameworkId) void navigate(`/frameworks/${encodeURIComponent(report.frameworkId)}`);
    } catch (error) {
      setImportProblem(toProblem(error));
    } finally {
      setImporting(false);
    }
  }

  const describedBy = [hintId(fileId), clientErrors['file'] || fileError ? errorId(fileId) : '']
    .filter(Boolean)
    .join(' ');
  const fileMessage = fileError ?? clientErrors['file'];
  const rejected = check.status === 'rejected' ? check : null;

  return (
    <div className="stack stack-lg import">
      <Card title="1. Choose the file" className="form-card">
        <form ref={formRef} className="form" noValidate onSubmit={(event) => void handleDryRun(event)}>
          <Select
            label="Organisation"
            hint="The framework will belong to this organisation; its authors and admins can edit it."
            value={organisationId}
            options={organisations.map((o) => ({ value: o.id, label: o.name }))}
            error={fieldError('organisationId', clientErrors, null)}
            onChange={(event) => {
              setOrganisationId(event.target.value);
              resetCheck();
            }}
          />
          <fieldset className="radio-group">
            <legend className="field__label">Format</legend>
            {FORMATS.map((option) => (
              <div className="checkbox" key={option.value}>
                <input
                  type="radio"
                  id={`${fileId}-${option.value}`}
                  name="format"
                  value={option.value}
                  checked={format === option.value}
                  aria-describedby={`${fileId}-${option.value}-hint`}
                  onChange={() => {
                    setFormat(option.value);
                    setFile(null);
                    setFileError(undefined);
                    resetCheck();
                  }}
                />
                <div className="checkbox__text">
                  <label htmlFor={`${fileId}-${option.value}`}>{option.label}</label>
                  <span className="checkbox__hint" id={`${fileId}-${option.value}-hint`}>
                    {option.hint}
                  </span>
                </div>
              </div>
            ))}
          </fieldset>
          {format === 'csv' ? (
            <TextField
              label="Framework title"
              hint="CSV files carry competencies only, so name the framework here."
              value={title}
              maxLength={200}
              error={fieldError('title', clientErrors, null)}
              onChange={(event) => {
                setTitle(event.target.value);
                resetCheck();
              }}
            />
          ) : null}
          <div className={fileMessage ? 'field field--invalid' : 'field'}>
            <label className="field__label" htmlFor={fileId}>
              File
            </label>
            <p className="field__hint" id={hintId(fileId)}>
              {format === 'case' ? 'A .json file' : 'A .csv file'}, up to 10 MB. It is read in your browser
              and sent only when you check or import it.
            </p>
            {/* key: choosing another format clears the chosen file. */}
            <input
              key={format}
              id={fileId}
              type="file"
              className="file-input"
              accept={formatInfo?.accept}
              aria-describedby={describedBy}
              aria-invalid={fileMessage ? true : undefined}
              onChange={(event) => void readFile(event)}
            />
            <FieldError id={errorId(fileId)} message={fileMessage} />
          </div>
          <div className="form__actions">
            <Button
              type="submit"
              variant={passed ? 'secondary' : 'primary'}
              pending={check.status === 'checking'}
            >
              Check file (dry run)
            </Button>
          </div>
        </form>
      </Card>

      <div ref={resultRef} tabIndex={-1} className="import__result">
        {passed ? (
          <Card title="2. Check passed" tone="accent" className="form-card" data-testid="import-summary">
            <p>
              <strong>{passed.title}</strong> is ready to import:{' '}
              {countLabel(passed.groups, 'group', 'groups')} and{' '}
              {countLabel(passed.competencies, 'competency', 'competencies')}. Nothing has been saved yet.
            </p>
            {passed.warnings.length > 0 ? (
              <IssueTable
                caption={`${countLabel(passed.warnings.length, 'warning', 'warnings')} (these will not stop the import)`}
                issues={passed.warnings}
              />
            ) : (
              <p className="muted">No warnings.</p>
            )}
            <ProblemAlert problem={importProblem} />
            <div className="form__actions">
              <Button pending={importing} onClick={() => void handleImport()}>
                Import framework
              </Button>
            </div>
          </Card>
        ) : null}
        {rejected ? (
          <div className="stack" data-testid="import-rejected">
            <ProblemAlert
              problem={rejected.problem}
              fields={FIELDS}
              assertive={false}
              messages={
                rejected.issues.length > 0
                  ? {
                      'framework-file-invalid': (
                        <p>
                          Nothing was imported. Fix the rows listed below in your file, then check it again.
                        </p>
                      ),
                    }
                  : undefined
              }
            />
            {rejected.issues.length > 0 ? (
              <IssueTable
                caption={`Rejected: ${countLabel(rejected.issues.length, 'problem', 'problems')}`}
                issues={rejected.issues}
              />
            ) : null}
          </div>
        ) : null}
        {check.status === 'passed' && !passed ? (
          <Alert tone="info" title="Check again">
            <p>You changed the organisation, format, title or file since the last check.</p>
          </Alert>
        ) : null}
      </div>
    </div>
  );
}

function IssueTable({ caption, issues }: { caption: string; issues: ImportIssue[] }) {
  return (
    <Table caption={caption} captionHidden={false} testId="import-issues">
      <thead>
        <tr>
          <th scope="col">Row</th>
          <th scope="col">Field</th>
          <th scope="col">Problem</th>
        </tr>
      </thead>
      <tbody>
        {issues.map((issue, index) => (
          <tr key={`${String(issue.row)}:${issue.field ?? ''}:${index}`}>
            <td className="cell-nowrap mono">{String(issue.row)}</td>
            <td className="mono">{issue.field ?? '—'}</td>
            <td className="cell-wrap">{issue.message}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
