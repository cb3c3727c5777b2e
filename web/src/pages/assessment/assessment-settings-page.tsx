import { useRef, useState, type SubmitEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  assessmentApi,
  type AssessmentPolicy,
  type ModerationTiming,
  type PolicyView,
  type StaffMember,
  type StaffRole,
} from '../../api/assessment-api';
import { catalogueApi } from '../../api/catalogue-api';
import { Alert, ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { Card } from '../../design/card';
import { EmptyState } from '../../design/empty-state';
import { useAnnounce } from '../../design/live-announcer';
import { PageHeader } from '../../design/page-header';
import { QueryView } from '../../design/query-view';
import { Select } from '../../design/select';
import { Table } from '../../design/table';
import { TextField } from '../../design/text-field';
import {
  checkEmail,
  compactErrors,
  fieldError,
  focusFirstInvalid,
  type ClientErrors,
} from '../../hooks/form-errors';
import { useAction } from '../../hooks/use-action';
import { useApiQuery, type QueryResult } from '../../hooks/use-api-query';
import { formatDate } from '../../labels/dates';
import { STAFF_ROLE_LABELS } from './assessment-labels';
import { SingleCheckbox } from './choice-row';
import { AgreementSection } from './agreement-section';
import './assessment.css';

/** `/achievements/:id/assessment`: the owning organisation's admins set the policy and approve staff. */
export function AssessmentSettingsPage() {
  const { id = '' } = useParams();
  const achievement = useApiQuery(`achievement:${id}`, (signal) => catalogueApi.getAchievement(id, signal));
  const data = achievement.status === 'success' ? achievement.data : null;
  // Policy and staff belong to the micro-credential, not one version.
  const achievementId = data?.id ?? id;
  return (
    <>
      <PageHeader
        title="Assessment settings"
        documentTitle={data ? `Assessment settings · ${data.title}` : 'Assessment settings'}
        eyebrow={
          data ? (
            <>
              <Link to={`/catalogue/${encodeURIComponent(data.versionId)}`}>{data.title}</Link>{' '}
              <span className="mono">{data.code}</span>
            </>
          ) : undefined
        }
        description={
          <p>
            Who may assess and moderate this micro-credential, how much of their work moderators check, and
            how long learners have to appeal. Only the owning organisation’s admins can change these.
          </p>
        }
      />
      {achievement.status === 'loading' ? (
        <QueryView query={achievement} loadingLabel="Loading micro-credential…">
          {() => null}
        </QueryView>
      ) : (
        <div className="stack stack-lg">
          <PolicyCard achievementId={achievementId} />
          <StaffCard achievementId={achievementId} />
          <AgreementSection achievementId={achievementId} />
        </div>
      )}
    </>
  );
}

interface PolicyDraft {
  samplePercent: string;
  newAssessorFirstN: string;
  moderateAllRpl: boolean;
  moderateAll: boolean;
  timing: ModerationTiming;
  forbidOwnStaff: boolean;
  appealWindowDays: string;
}

function toDraft(policy: AssessmentPolicy): PolicyDraft {
  return {
    samplePercent: String(Math.round(policy.sampleRate * 1000) / 10),
    newAssessorFirstN: String(policy.newAssessorFirstN),
    moderateAllRpl: policy.moderateAllRpl,
    moderateAll: policy.moderateAll,
    timing: policy.timing,
    forbidOwnStaff: policy.forbidOwnStaff,
    appealWindowDays: String(policy.appealWindowDays),
  };
}

function PolicyCard({ achievementId }: { achievementId: string }) {
  const query = useApiQuery(`assessment-policy:${achievementId}`, (signal) =>
    assessmentApi.getAssessmentPolicy(achievementId, signal),
  );
  return (
    <Card title="Moderation and appeals policy">
      <QueryView query={query} loadingLabel="Loading the policy…">
        {(view) => (
          <div className="stack">
            {view.canManage ? null : (
              <Alert tone="info" title="Read only">
                <p>Only the owning organisation’s admins can change the policy.</p>
              </Alert>
            )}
            <PolicyForm
              key={JSON.stringify(view.policy)}
              achievementId={achievementId}
              policy={view.policy}
              canManage={view.canManage}
              query={query}
            />
          </div>
        )}
      </QueryView>
    </Card>
  );
}

function wholeNumber(value: string, min: number, max: number, message: string): string | undefined {
  const number = Number(value);
  return value.trim() === '' || !Number.isInteger(number) || number < min || number > max
    ? message
    : undefined;
}

function PolicyForm({
  achievementId,
  policy,
  canManage,
  query,
}: {
  achievementId: string;
  policy: AssessmentPolicy;
  canManage: boolean;
  query: QueryResult<PolicyView>;
}) {
  const announce = useAnnounce();
  const [draft, setDraft] = useState<PolicyDraft>(() => toDraft(policy));
  const [errors, setErrors] = useState<ClientErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const save = useAction(async (next: AssessmentPolicy) => {
    const saved = await assessmentApi.setAssessmentPolicy(achievementId, next);
    announce('Assessment policy saved.');
    query.update(() => saved);
    return true;
  });

  function change(patch: Partial<PolicyDraft>) {
    setDraft((current) => ({ ...current, ...patch }));
  }

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const rate = Number(draft.samplePercent);
    const next = compactErrors({
      sampleRate:
        draft.samplePercent.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 100
          ? 'Enter a percentage from 0 to 100.'
          : undefined,
      newAssessorFirstN: wholeNumber(
        draft.newAssessorFirstN,
        0,
        1000,
        'Enter a whole number from 0 to 1000.',
      ),
      appealWindowDays: wholeNumber(
        draft.appealWindowDays,
        0,
        365,
        'Enter a whole number of days from 0 to 365.',
      ),
    });
    setErrors(next);
    if (Object.keys(next).length > 0) {
      save.reset();
      focusFirstInvalid(formRef.current);
      return;
    }
    const ok = await save.run({
      sampleRate: rate / 100,
      newAssessorFirstN: Number(draft.newAssessorFirstN),
      moderateAllRpl: draft.moderateAllRpl,
      moderateAll: draft.moderateAll,
      timing: draft.timing,
      forbidOwnStaff: draft.forbidOwnStaff,
      appealWindowDays: Number(draft.appealWindowDays),
    });
    if (!ok) focusFirstInvalid(formRef.current);
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <ProblemAlert
        problem={save.problem}
        fields={['sampleRate', 'newAssessorFirstN', 'appealWindowDays', 'timing']}
      />
      <fieldset className="plain-fieldset" disabled={!canManage}>
        <legend className="visually-hidden">Policy</legend>
        <TextField
          label="Sample rate (%)"
          name="sampleRate"
          type="number"
          inputMode="decimal"
          min={0}
          max={100}
          step="any"
          hint="The share of each assessor’s decisions a moderator checks. The choice is fixed per decision, so retrying does not change it."
          value={draft.samplePercent}
          onChange={(event) => {
            change({ samplePercent: event.target.value });
          }}
          error={fieldError('sampleRate', errors, save.problem)}
          required
        />
        <TextField
          label="Moderate a new assessor’s first decisions"
          name="newAssessorFirstN"
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          hint="All of each assessor’s first N decisions on this micro-credential are moderated."
          value={draft.newAssessorFirstN}
          onChange={(event) => {
            change({ newAssessorFirstN: event.target.value });
          }}
          error={fieldError('newAssessorFirstN', errors, save.problem)}
          required
        />
        <SingleCheckbox
          label="Moderate every RPL decision"
          checked={draft.moderateAllRpl}
          onChange={(checked) => {
            change({ moderateAllRpl: checked });
          }}
        />
        <SingleCheckbox
          label="Moderate every decision"
          hint="Overrides the sample rate."
          checked={draft.moderateAll}
          onChange={(checked) => {
            change({ moderateAll: checked });
          }}
        />
        <Select
          label="When moderation happens"
          name="timing"
          options={[
            {
              value: 'after_issue',
              label: 'After issuing: issue now, check afterwards (an overturn revokes)',
            },
            { value: 'before_issue', label: 'Before issuing: a competent decision waits for its moderator' },
          ]}
          value={draft.timing}
          onChange={(event) => {
            change({ timing: event.target.value as ModerationTiming });
          }}
          error={fieldError('timing', errors, save.problem)}
        />
        <SingleCheckbox
          label="Assessors may not assess their own organisation’s staff"
          checked={draft.forbidOwnStaff}
          onChange={(checked) => {
            change({ forbidOwnStaff: checked });
          }}
        />
        <TextField
          label="Appeal window (days)"
          name="appealWindowDays"
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          hint="How long after a “not yet competent” decision the learner may appeal."
          value={draft.appealWindowDays}
          onChange={(event) => {
            change({ appealWindowDays: event.target.value });
          }}
          error={fieldError('appealWindowDays', errors, save.problem)}
          required
        />
      </fieldset>
      {canManage ? (
        <div className="form__actions">
          <Button type="submit" pending={save.pending}>
            Save policy
          </Button>
        </div>
      ) : null}
    </form>
  );
}

function StaffCard({ achievementId }: { achievementId: string }) {
  const announce = useAnnounce();
  const staff = useApiQuery(
    `assessment-staff:${achievementId}`,
    async (signal) => (await assessmentApi.listAssessmentStaff(achievementId, signal)).items,
  );
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('assessor');
  const [errors, setErrors] = useState<ClientErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const approve = useAction(async () => {
    await assessmentApi.approveAssessmentStaff(achievementId, { email: email.trim(), role });
    announce(`${email.trim()} approved as ${STAFF_ROLE_LABELS[role].toLowerCase()}.`);
    setEmail('');
    staff.reload();
    return true;
  });

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = compactErrors({ email: checkEmail(email) });
    setErrors(next);
    if (Object.keys(next).length > 0 || !(await approve.run())) focusFirstInvalid(formRef.current);
  }

  return (
    <Card
      title="Assessment staff"
      description="People approved to assess or moderate this micro-credential. They need a Cairn account. Moderators of your organisation may also moderate."
    >
      <div className="stack">
        <QueryView query={staff} loadingLabel="Loading assessment staff…">
          {(items) => (
            <StaffTable
              achievementId={achievementId}
              items={items}
              onRemoved={(member) => {
                staff.update((list) => list.filter((m) => !(m.id === member.id && m.role === member.role)));
              }}
            />
          )}
        </QueryView>
        <h3>Approve a person</h3>
        <form ref={formRef} className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
          <ProblemAlert
            problem={approve.problem}
            fields={['email', 'role']}
            messages={{
              'user-not-found': 'Nobody has a Cairn account with that email. Ask them to sign up first.',
            }}
          />
          <TextField
            label="Email"
            name="email"
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
            }}
            error={fieldError('email', errors, approve.problem)}
            required
          />
          <Select
            label="Role"
            name="role"
            options={(['assessor', 'moderator'] as const).map((value) => ({
              value,
              label: STAFF_ROLE_LABELS[value],
            }))}
            value={role}
            onChange={(event) => {
              setRole(event.target.value as StaffRole);
            }}
            error={fieldError('role', errors, approve.problem)}
          />
          <div className="form__actions">
            <Button type="submit" pending={approve.pending}>
              Approve staff member
            </Button>
          </div>
        </form>
      </div>
    </Card>
  );
}

function StaffTable({
  achievementId,
  items,
  onRemoved,
}: {
  achievementId: string;
  items: StaffMember[];
  onRemoved: (member: StaffMember) => void;
}) {
  if (items.length === 0) {
    return (
      <EmptyState title="No assessment staff yet" headingLevel={3}>
        <p>Approve at least one assessor so learners’ submissions can be decided.</p>
      </EmptyState>
    );
  }
  return (
    <Table caption="Approved assessment staff" testId="assessment-staff">
      <thead>
        <tr>
          <th scope="col">Person</th>
          <th scope="col">Role</th>
          <th scope="col">Approved</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((member) => (
          <StaffRow
            key={`${member.id}:${member.role}`}
            achievementId={achievementId}
            member={member}
            onRemoved={onRemoved}
          />
        ))}
      </tbody>
    </Table>
  );
}

function StaffRow({
  achievementId,
  member,
  onRemoved,
}: {
  achievementId: string;
  member: StaffMember;
  onRemoved: (member: StaffMember) => void;
}) {
  const announce = useAnnounce();
  const remove = useAction(async () => {
    await assessmentApi.removeAssessmentStaff(achievementId, member.id, member.role);
    announce(`${member.name} is no longer ${STAFF_ROLE_LABELS[member.role].toLowerCase()}.`, 'info');
    onRemoved(member);
  });
  return (
    <tr>
      <th scope="row" className="cell-primary">
        {member.name}
        <span className="cell-secondary">{member.email}</span>
      </th>
      <td>{STAFF_ROLE_LABELS[member.role]}</td>
      <td className="cell-nowrap">
        <time dateTime={member.approvedAt}>{formatDate(member.approvedAt)}</time>
      </td>
      <td className="cell-actions">
        {remove.problem ? (
          <Alert tone="danger" assertive>
            <p>{remove.problem.detail ?? remove.problem.title}</p>
          </Alert>
        ) : null}
        <Button
          variant="ghost"
          size="sm"
          pending={remove.pending}
          aria-label={`Remove ${member.name} as ${STAFF_ROLE_LABELS[member.role].toLowerCase()}`}
          onClick={() => void remove.run()}
        >
          Remove
        </Button>
      </td>
    </tr>
  );
}
