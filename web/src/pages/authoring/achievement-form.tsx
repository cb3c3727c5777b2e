import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { useBlocker } from 'react-router';
import {
  ACHIEVEMENT_TYPES,
  authoringApi,
  CREDITS_MAX,
  CREDITS_MIN,
  HOURS_PER_CREDIT,
  NZQF_LEVEL_MAX,
  NZQF_LEVEL_MIN,
  type AchievementContent,
  type AchievementDetail,
  type FrameworkSummary,
  type MyAchievement,
} from '../../api/authoring-api';
import type { Organisation } from '../../api/types';
import { Alert, ProblemAlert } from '../../design/alert';
import { Button, LinkButton } from '../../design/button';
import { Card } from '../../design/card';
import { Dialog } from '../../design/dialog';
import { Select } from '../../design/select';
import { TextField } from '../../design/text-field';
import { focusFirstInvalid, type ClientErrors } from '../../hooks/form-errors';
import { useAction } from '../../hooks/use-action';
import { useCurrentOrganisation } from '../../session/current-organisation';
import { useMe } from '../../session/session-context';
import { achievementTypeLabel, KIND_PHRASES, LANGUAGE_LABELS } from './authoring-labels';
import { AUTHORING_PATH, reviewPath } from './authoring-paths';
import { BadgeDesigner } from './badge-designer';
import { CompetencyPicker } from './competency-picker';
import {
  competencyKey,
  contentFieldError,
  contentFromDraft,
  draftFromContent,
  emptyDraft,
  tidyDraft,
  type ContentDraft,
} from './content-draft';
import { CriteriaEditor } from './criteria-editor';
import { DesignTeamFields, useTeamOptions, type TeamOption } from './design-team-fields';
import { StringListField } from './string-list-field';
import { TextAreaField } from '../../design/text-area-field';
import { useFrameworks } from './use-frameworks';

/** What the form needs besides the micro-credential itself. */
export interface FormSupport {
  frameworks: FrameworkSummary[];
  mine: MyAchievement[];
  /** Every organisation, for platform admins only; empty for everyone else. */
  organisations: Organisation[];
}

export interface AchievementFormProps {
  support: FormSupport;
  /** The version being edited; absent when starting a new micro-credential. */
  existing?: AchievementDetail;
  onSaved: (detail: AchievementDetail) => void;
}

const STATIC_FIELDS = [
  'organisationId',
  'collaboratorIds',
  'title',
  'code',
  'summary',
  'description',
  'criteriaNarrative',
  'achievementType',
  'nzqfLevel',
  'credits',
  'competencies',
  'assessmentMethods',
  'criteria',
  'rplAllowed',
  'rplEvidence',
  'validityDays',
  'tags',
  'language',
  'badge/shape',
  'badge/colour',
  'nzqa/nzscedCode',
  'nzqa/reviewPeriodYears',
  'nzqa/purposeStatement',
  'changeNote',
];

/** Field keys the form shows errors beside; any other server error is listed in the summary. */
function shownFields(draft: ContentDraft, collaboratorCount: number): string[] {
  return [
    ...STATIC_FIELDS,
    ...draft.competencies.flatMap((_, i) => [
      `competencies/${String(i)}`,
      `competencies/${String(i)}/frameworkId`,
      `competencies/${String(i)}/code`,
      `competencies/${String(i)}/targetLevel`,
    ]),
    ...draft.criteria.flatMap((row, i) => [
      `criteria/${String(i)}/id`,
      `criteria/${String(i)}/title`,
      `criteria/${String(i)}/evidenceRequirements`,
      ...row.evidenceRequirements.map((_, j) => `criteria/${String(i)}/evidenceRequirements/${String(j)}`),
    ]),
    ...draft.assessmentMethods.map((_, i) => `assessmentMethods/${String(i)}`),
    ...draft.tags.map((_, i) => `tags/${String(i)}`),
    ...Array.from({ length: collaboratorCount }, (_, i) => `collaboratorIds/${String(i)}`),
  ];
}

/** Organisations where the person may start a micro-credential: where they are an author. */
function ownerChoices(me: ReturnType<typeof useMe>, organisations: readonly Organisation[]): TeamOption[] {
  if (me.user.isPlatformAdmin && organisations.length > 0) {
    return organisations.map((o) => ({ id: o.id, name: o.name, kind: o.kind, source: 'platform' }));
  }
  return me.memberships
    .filter((m) => m.roles.includes('author'))
    .map((m) => ({ ...m.organisation, source: 'member' }));
}

/** Every content field of a micro-credential, for a new one or a draft being edited. */
export function AchievementForm({ support, existing, onSaved }: AchievementFormProps) {
  const me = useMe();
  const { organisationId: currentOrgId } = useCurrentOrganisation();
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);

  const owners = ownerChoices(me, support.organisations);
  const [draft, setDraft] = useState<ContentDraft>(() =>
    existing
      ? draftFromContent(
          existing.content,
          new Map(existing.competencies.map((c) => [competencyKey(c.frameworkId, c.code), c.name])),
        )
      : emptyDraft(),
  );
  const [ownerId, setOwnerId] = useState(
    () =>
      existing?.provider.id ??
      owners.find((o) => o.id === currentOrgId)?.id ??
      (owners.length === 1 ? (owners[0]?.id ?? '') : ''),
  );
  const [collaboratorIds, setCollaboratorIds] = useState<string[]>(
    () => existing?.collaborators.map((c) => c.id) ?? [],
  );
  const [changeNote, setChangeNote] = useState(existing?.changeNote ?? '');
  const [frameworkId, setFrameworkId] = useState(
    () =>
      existing?.content.competencies[0]?.frameworkId ??
      (support.frameworks.length === 1 ? (support.frameworks[0]?.id ?? '') : ''),
  );
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  const [dirty, setDirty] = useState(false);
  const leaving = useRef(false);

  const cache = useFrameworks([frameworkId, ...draft.competencies.map((c) => c.frameworkId)]);
  const teamOptions = useTeamOptions(
    me,
    support.mine,
    existing ? [existing.provider, ...existing.collaborators] : [],
    support.organisations,
  );

  const save = useAction(async (content: AchievementContent) => {
    const note = changeNote.trim();
    const saved = existing
      ? await authoringApi.updateDraft(existing.versionId, {
          content,
          collaboratorIds,
          ...(note ? { changeNote: note } : {}),
        })
      : await authoringApi.createAchievement({
          organisationId: ownerId,
          collaboratorIds: collaboratorIds.filter((id) => id !== ownerId),
          content,
          ...(note ? { changeNote: note } : {}),
        });
    leaving.current = !existing;
    setDirty(false);
    onSaved(saved);
    return saved;
  });

  // Leaving with unsaved changes asks first, inside the app and when closing the tab.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
    };
  }, [dirty]);

  function change(patch: Partial<ContentDraft>) {
    setDraft((current) => ({ ...current, ...patch }));
    setDirty(true);
  }

  const errorFor = (key: string) => contentFieldError(key, clientErrors, save.problem);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const tidy = tidyDraft(draft);
    setDraft(tidy);
    const result = contentFromDraft(tidy);
    const errors: ClientErrors = {
      ...(result.ok ? {} : result.errors),
      ...(!existing && !ownerId ? { organisationId: 'Choose the organisation that owns it.' } : {}),
    };
    setClientErrors(errors);
    if (!result.ok || Object.keys(errors).length > 0) {
      save.reset();
      focusFirstInvalid(formRef.current);
      return;
    }
    const saved = await save.run(result.content);
    if (saved === undefined) focusFirstInvalid(formRef.current);
  }

  const ownerName = existing?.provider.name ?? teamOptions.find((o) => o.id === ownerId)?.name ?? '';
  const credits = Number.parseInt(draft.credits, 10);
  const hours = Number.isFinite(credits) && credits > 0 ? credits * HOURS_PER_CREDIT : undefined;
  const staleSignOffs = existing?.signOffs.filter((s) => s.current) ?? [];
  const typeOptions: string[] = [...ACHIEVEMENT_TYPES];
  if (!typeOptions.includes(draft.achievementType)) typeOptions.push(draft.achievementType);
  const languageOptions = Object.keys(LANGUAGE_LABELS);
  if (!languageOptions.includes(draft.language)) languageOptions.push(draft.language);

  return (
    <form
      ref={formRef}
      id={formId}
      className="form authoring-form"
      noValidate
      onSubmit={(event) => void handleSubmit(event)}
      aria-label={existing ? `Edit ${existing.title}` : 'New micro-credential'}
    >
      <ProblemAlert
        problem={save.problem}
        fields={shownFields(draft, collaboratorIds.length)}
        messages={{ 'invalid-input': <p>Some fields need changing; each one says how.</p> }}
      />
      {staleSignOffs.length > 0 ? (
        <Alert tone="info" title="Saving changes asks for new sign-offs">
          <p>
            {staleSignOffs.map((s) => s.organisation.name).join(' and ')}{' '}
            {staleSignOffs.length === 1 ? 'has' : 'have'} signed off this content. A sign-off covers the exact
            content, so after you save they sign off again.
          </p>
        </Alert>
      ) : null}

      <Card title="About the micro-credential" headingLevel={2}>
        <div className="form-grid">
          <TextField
            label="Title"
            className="form-grid__wide"
            value={draft.title}
            maxLength={200}
            required
            onChange={(event) => {
              change({ title: event.target.value });
            }}
            error={errorFor('title')}
          />
          <TextField
            label="Code"
            hint="Letters, digits, dot, dash or underscore, e.g. RLA-101."
            value={draft.code}
            maxLength={32}
            required
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => {
              change({ code: event.target.value });
            }}
            error={errorFor('code')}
          />
          <Select
            label="Achievement type"
            hint="The Open Badges 3.0 type."
            value={draft.achievementType}
            options={typeOptions.map((t) => ({ value: t, label: achievementTypeLabel(t) }))}
            onChange={(event) => {
              change({ achievementType: event.target.value });
            }}
            error={errorFor('achievementType')}
          />
        </div>
        <TextAreaField
          label="Summary"
          hint="One or two sentences for catalogue cards and search results."
          rows={2}
          maxLength={500}
          required
          value={draft.summary}
          onChange={(event) => {
            change({ summary: event.target.value });
          }}
          error={errorFor('summary')}
        />
        <TextAreaField
          label="Description"
          hint="Learning outcomes, delivery and duration."
          rows={6}
          maxLength={10_000}
          optional
          value={draft.description}
          onChange={(event) => {
            change({ description: event.target.value });
          }}
          error={errorFor('description')}
        />
      </Card>

      <Card title="Level and size" headingLevel={2}>
        <div className="form-grid">
          <Select
            label="NZQF level"
            placeholder="Choose a level"
            value={draft.nzqfLevel}
            options={Array.from({ length: NZQF_LEVEL_MAX - NZQF_LEVEL_MIN + 1 }, (_, i) => {
              const level = String(NZQF_LEVEL_MIN + i);
              return { value: level, label: `Level ${level}` };
            })}
            onChange={(event) => {
              change({ nzqfLevel: event.target.value });
            }}
            error={errorFor('nzqfLevel')}
          />
          <TextField
            label="Credits"
            type="number"
            inputMode="numeric"
            min={CREDITS_MIN}
            max={CREDITS_MAX}
            step={1}
            hint={
              hours === undefined
                ? `${String(CREDITS_MIN)} to ${String(CREDITS_MAX)}. One credit is ${String(HOURS_PER_CREDIT)} notional learning hours.`
                : `${String(hours)} notional learning hours (${draft.credits.trim()} × ${String(HOURS_PER_CREDIT)}).`
            }
            value={draft.credits}
            onChange={(event) => {
              change({ credits: event.target.value });
            }}
            error={errorFor('credits')}
            data-testid="credits"
          />
        </div>
      </Card>

      <Card title="Competencies" headingLevel={2}>
        <CompetencyPicker
          rows={draft.competencies}
          onChange={(rows) => {
            change({ competencies: rows });
          }}
          frameworkList={support.frameworks}
          cache={cache}
          frameworkId={frameworkId}
          onFrameworkChange={setFrameworkId}
          errorFor={errorFor}
        />
      </Card>

      <Card title="Assessment" headingLevel={2}>
        <TextAreaField
          label="Criteria narrative"
          hint="How learners are judged overall: who assesses, on what, and how decisions are moderated."
          rows={3}
          maxLength={10_000}
          required
          value={draft.criteriaNarrative}
          onChange={(event) => {
            change({ criteriaNarrative: event.target.value });
          }}
          error={errorFor('criteriaNarrative')}
        />
        <StringListField
          legend="Assessment methods"
          hint="E.g. workplace project, professional conversation."
          itemLabel={(i) => `Assessment method ${String(i + 1)}`}
          addLabel="Add method"
          items={draft.assessmentMethods}
          maxLength={200}
          onChange={(items) => {
            change({ assessmentMethods: items });
          }}
          error={errorFor('assessmentMethods')}
          itemError={(i) => errorFor(`assessmentMethods/${String(i)}`)}
        />
        <CriteriaEditor
          rows={draft.criteria}
          onChange={(rows) => {
            change({ criteria: rows });
          }}
          errorFor={errorFor}
        />
        <div className="stack stack-sm">
          <div className="checkbox">
            <input
              type="checkbox"
              id={`${formId}-rpl`}
              checked={draft.rplAllowed}
              onChange={(event) => {
                change({ rplAllowed: event.target.checked });
              }}
            />
            <div className="checkbox__text">
              <label htmlFor={`${formId}-rpl`}>Recognition of prior learning (RPL) allowed</label>
              <span className="checkbox__hint">Experienced people can show existing work instead.</span>
            </div>
          </div>
          {draft.rplAllowed ? (
            <TextAreaField
              label="What prior-learning evidence counts"
              rows={3}
              maxLength={4000}
              value={draft.rplEvidence}
              onChange={(event) => {
                change({ rplEvidence: event.target.value });
              }}
              error={errorFor('rplEvidence')}
            />
          ) : null}
        </div>
      </Card>

      <Card title="Listing" headingLevel={2}>
        <div className="form-grid">
          <TextField
            label="Valid for (days)"
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            optional
            hint="Leave empty if the credential does not expire."
            value={draft.validityDays}
            onChange={(event) => {
              change({ validityDays: event.target.value });
            }}
            error={errorFor('validityDays')}
          />
          <Select
            label="Language"
            value={draft.language}
            options={languageOptions.map((code) => ({ value: code, label: LANGUAGE_LABELS[code] ?? code }))}
            onChange={(event) => {
              change({ language: event.target.value });
            }}
            error={errorFor('language')}
          />
        </div>
        <StringListField
          legend="Tags"
          hint="Short words people search for, e.g. roading, three waters."
          itemLabel={(i) => `Tag ${String(i + 1)}`}
          addLabel="Add tag"
          items={draft.tags}
          maxLength={40}
          onChange={(items) => {
            change({ tags: items });
          }}
          error={errorFor('tags')}
          itemError={(i) => errorFor(`tags/${String(i)}`)}
        />
        <fieldset className="subsection">
          <legend className="subsection__legend">NZQA listing</legend>
          <div className="form-grid">
            <TextField
              label="NZSCED code"
              hint="Six digits, e.g. 030999."
              inputMode="numeric"
              maxLength={6}
              optional
              value={draft.nzscedCode}
              onChange={(event) => {
                change({ nzscedCode: event.target.value });
              }}
              error={errorFor('nzqa/nzscedCode')}
            />
            <Select
              label="Review period"
              value={draft.reviewPeriodYears}
              options={[
                { value: '', label: 'Not set' },
                { value: '1', label: '1 year' },
                { value: '2', label: '2 years' },
                { value: '3', label: '3 years' },
              ]}
              onChange={(event) => {
                change({ reviewPeriodYears: event.target.value });
              }}
              error={errorFor('nzqa/reviewPeriodYears')}
            />
          </div>
          <TextAreaField
            label="Purpose statement"
            rows={3}
            maxLength={4000}
            optional
            value={draft.purposeStatement}
            onChange={(event) => {
              change({ purposeStatement: event.target.value });
            }}
            error={errorFor('nzqa/purposeStatement')}
          />
        </fieldset>
      </Card>

      <Card
        title="Design team"
        headingLevel={2}
        description={
          existing
            ? `Publishing needs sign-offs on the final content from an author of ${existing.requiredSignOffKinds.map((k) => KIND_PHRASES[k]).join(' and ')}.`
            : 'Publishing needs sign-offs on the final content, usually from an author of an employer and of an education provider.'
        }
      >
        <DesignTeamFields
          {...(existing ? {} : { ownerOptions: owners })}
          ownerId={ownerId}
          ownerName={ownerName}
          onOwnerChange={(id) => {
            setOwnerId(id);
            setDirty(true);
          }}
          options={teamOptions}
          collaboratorIds={collaboratorIds}
          onCollaboratorsChange={(ids) => {
            setCollaboratorIds(ids);
            setDirty(true);
          }}
          errorFor={errorFor}
        />
      </Card>

      <Card title="Badge" headingLevel={2}>
        <BadgeDesigner
          shape={draft.badgeShape}
          colour={draft.badgeColour}
          onShapeChange={(shape) => {
            change({ badgeShape: shape });
          }}
          onColourChange={(colour) => {
            change({ badgeColour: colour });
          }}
          preview={{
            title: draft.title,
            code: draft.code,
            level: draft.nzqfLevel,
            credits: draft.credits,
            issuerName: ownerName,
          }}
          errorFor={errorFor}
          upload={
            existing
              ? { versionId: existing.versionId, imageUrl: existing.imageUrl, updatedAt: existing.updatedAt }
              : undefined
          }
        />
        {existing ? null : (
          <p className="muted small">You can upload your own badge image once the draft is saved.</p>
        )}
      </Card>

      <Card title={existing ? `About version ${existing.version}` : 'About this draft'} headingLevel={2}>
        <TextAreaField
          label="Change note"
          hint="What this version changes and why; reviewers read it first."
          rows={2}
          maxLength={2000}
          optional
          value={changeNote}
          onChange={(event) => {
            setChangeNote(event.target.value);
            setDirty(true);
          }}
          error={errorFor('changeNote')}
        />
      </Card>

      <div className="authoring-form__actions">
        <Button type="submit" pending={save.pending}>
          {existing ? 'Save changes' : 'Save draft'}
        </Button>
        <LinkButton variant="ghost" to={existing ? reviewPath(existing.versionId) : AUTHORING_PATH}>
          {existing ? 'Back to review' : 'Cancel'}
        </LinkButton>
        {dirty ? <span className="authoring-form__dirty muted small">Unsaved changes</span> : null}
      </div>

      <Dialog
        open={blocker.state === 'blocked'}
        title="Leave without saving?"
        size="sm"
        onClose={() => {
          blocker.reset?.();
        }}
        footer={
          <>
            <Button
              variant="secondary"
              onClick={() => {
                blocker.reset?.();
              }}
              data-autofocus
            >
              Stay and keep editing
            </Button>
            <Button
              variant="danger"
              onClick={() => {
                blocker.proceed?.();
              }}
            >
              Leave
            </Button>
          </>
        }
      >
        <p>Your changes to this micro-credential are not saved yet.</p>
      </Dialog>
    </form>
  );
}
