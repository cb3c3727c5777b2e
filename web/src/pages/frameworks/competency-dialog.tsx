import { useRef, useState, type SubmitEvent } from 'react';
import {
  catalogueApi,
  type Competency,
  type ExternalAlignment,
  type Framework,
} from '../../api/catalogue-api';
import { ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { CheckboxGroup } from '../../design/checkbox-group';
import { Dialog } from '../../design/dialog';
import { Icon } from '../../design/icons';
import { Select } from '../../design/select';
import { TextField } from '../../design/text-field';
import { compactErrors, fieldError, focusFirstInvalid, type ClientErrors } from '../../hooks/form-errors';
import { useAction } from '../../hooks/use-action';
import { isSkillArea, SKILL_AREAS, tagLabel } from '../catalogue/labels';
import { TextAreaField } from '../../design/text-area-field';

export type CompetencyDialogTarget = { mode: 'add' } | { mode: 'edit'; competency: Competency };

const FIELDS = ['code', 'groupCode', 'name', 'description', 'tags', 'indicators', 'alignments'];
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
const NAME_MAX = 200;
const DESCRIPTION_MAX = 4000;

interface AlignmentDraft {
  key: number;
  framework: string;
  code: string;
  targetName: string;
  targetUrl: string;
}

interface Draft {
  code: string;
  groupCode: string;
  name: string;
  description: string;
  skillAreas: string[];
  /** Tags that are not skill areas, comma separated. */
  otherTags: string;
  indicators: Record<number, string>;
  alignments: AlignmentDraft[];
}

let nextAlignmentKey = 1;

function draftFor(framework: Framework, target: CompetencyDialogTarget | null): Draft {
  const competency = target?.mode === 'edit' ? target.competency : undefined;
  return {
    code: competency?.code ?? '',
    groupCode: competency?.groupCode ?? framework.groups[0]?.code ?? '',
    name: competency?.name ?? '',
    description: competency?.description ?? '',
    skillAreas: (competency?.tags ?? []).filter(isSkillArea),
    otherTags: (competency?.tags ?? []).filter((tag) => !isSkillArea(tag)).join(', '),
    indicators: Object.fromEntries((competency?.indicators ?? []).map((i) => [i.level, i.indicator])),
    alignments: (competency?.alignments ?? []).map((a) => ({
      key: nextAlignmentKey++,
      framework: a.framework,
      code: a.code,
      targetName: a.targetName ?? '',
      targetUrl: a.targetUrl ?? '',
    })),
  };
}

function toCompetency(draft: Draft): Competency {
  const otherTags = draft.otherTags
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  return {
    code: draft.code.trim(),
    groupCode: draft.groupCode,
    name: draft.name.trim(),
    description: draft.description.trim(),
    tags: [...new Set([...draft.skillAreas, ...otherTags])],
    indicators: Object.entries(draft.indicators)
      .map(([level, indicator]) => ({ level: Number(level), indicator: indicator.trim() }))
      .filter((i) => i.indicator !== '')
      .sort((a, b) => a.level - b.level),
    alignments: draft.alignments
      .filter((a) => a.framework.trim() || a.code.trim() || a.targetName.trim() || a.targetUrl.trim())
      .map((a): ExternalAlignment => ({
        framework: a.framework.trim(),
        code: a.code.trim(),
        ...(a.targetName.trim() ? { targetName: a.targetName.trim() } : {}),
        ...(a.targetUrl.trim() ? { targetUrl: a.targetUrl.trim() } : {}),
      })),
  };
}

function checkDraft(framework: Framework, draft: Draft, adding: boolean): ClientErrors {
  const code = draft.code.trim();
  const taken = framework.competencies.some((c) => c.code.toLowerCase() === code.toLowerCase());
  const alignments = toCompetency(draft).alignments;
  return compactErrors({
    code: !adding
      ? undefined
      : !code
        ? 'Give the competency a code, e.g. FND-07.'
        : !CODE_PATTERN.test(code)
          ? 'Use up to 32 letters, digits, dots, dashes or underscores, starting with a letter or digit.'
          : taken
            ? `${code} is already in this framework. Edit that competency instead.`
            : undefined,
    groupCode: draft.groupCode ? undefined : 'Choose a group.',
    name: !draft.name.trim()
      ? 'Give the competency a name.'
      : draft.name.trim().length > NAME_MAX
        ? `Keep the name under ${NAME_MAX} characters.`
        : undefined,
    description:
      draft.description.trim().length > DESCRIPTION_MAX
        ? `Keep the description under ${DESCRIPTION_MAX} characters.`
        : undefined,
    alignments: alignments.some((a) => !a.framework || !a.code)
      ? 'Each alignment needs a framework and a code.'
      : alignments.some((a) => a.targetUrl !== undefined && !/^https?:\/\/\S+$/i.test(a.targetUrl))
        ? 'Links must start with http:// or https://.'
        : undefined,
  });
}

/** Add a competency to the framework, or edit one (its code stays: micro-credentials refer to it). */
export function CompetencyDialog({
  framework,
  target,
  onClose,
  onSaved,
}: {
  framework: Framework;
  target: CompetencyDialogTarget | null;
  onClose: () => void;
  onSaved: (saved: Framework, competency: Competency, mode: 'add' | 'edit') => void;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<Draft>(() => draftFor(framework, target));
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  // A fresh draft each time the dialog opens for something else.
  const [draftTarget, setDraftTarget] = useState(target);
  if (draftTarget !== target) {
    setDraftTarget(target);
    setDraft(draftFor(framework, target));
    setClientErrors({});
  }

  const adding = target?.mode === 'add';
  const save = useAction(async (competency: Competency) => {
    const saved = await catalogueApi.saveCompetency(framework.id, competency);
    onSaved(saved, competency, adding ? 'add' : 'edit');
    onClose();
  });

  function close() {
    save.reset();
    onClose();
  }

  function change(patch: Partial<Draft>) {
    setDraft((current) => ({ ...current, ...patch }));
  }

  function changeAlignment(key: number, patch: Partial<AlignmentDraft>) {
    setDraft((current) => ({
      ...current,
      alignments: current.alignments.map((a) => (a.key === key ? { ...a, ...patch } : a)),
    }));
  }

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = checkDraft(framework, draft, adding);
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      save.reset();
      focusFirstInvalid(formRef.current);
      return;
    }
    await save.run(toCompetency(draft));
  }

  const error = (field: string) => fieldError(field, clientErrors, save.problem);
  const formId = 'competency-form';
  const title =
    target?.mode === 'edit' ? `Edit ${target.competency.code}` : `Add a competency to ${framework.title}`;

  return (
    <Dialog
      open={target !== null}
      onClose={close}
      title={title}
      size="lg"
      testId="competency-dialog"
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" form={formId} pending={save.pending}>
            {adding ? 'Add competency' : 'Save competency'}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        ref={formRef}
        className="form"
        noValidate
        onSubmit={(event) => void handleSubmit(event)}
      >
        <ProblemAlert problem={save.problem} fields={FIELDS} />
        {adding ? (
          <TextField
            label="Code"
            hint="Short and stable, e.g. FND-07. Micro-credentials refer to it, so it cannot change later."
            value={draft.code}
            maxLength={32}
            autoComplete="off"
            spellCheck={false}
            error={error('code')}
            onChange={(event) => {
              change({ code: event.target.value });
            }}
          />
        ) : null}
        <Select
          label="Group"
          value={draft.groupCode}
          options={framework.groups.map((group) => ({
            value: group.code,
            label: `${group.name} (${group.code})`,
          }))}
          error={error('groupCode')}
          onChange={(event) => {
            change({ groupCode: event.target.value });
          }}
        />
        <TextField
          label="Name"
          data-autofocus={adding ? undefined : true}
          value={draft.name}
          maxLength={NAME_MAX}
          error={error('name')}
          onChange={(event) => {
            change({ name: event.target.value });
          }}
        />
        <TextAreaField
          label="Description"
          optional
          value={draft.description}
          maxLength={DESCRIPTION_MAX}
          error={error('description')}
          onChange={(event) => {
            change({ description: event.target.value });
          }}
        />
        <CheckboxGroup
          legend="Skill areas"
          options={SKILL_AREAS.map((area) => ({ value: area, label: tagLabel(area) }))}
          value={draft.skillAreas}
          columns={2}
          error={error('tags')}
          onChange={(skillAreas) => {
            change({ skillAreas });
          }}
        />
        <TextField
          label="Other tags"
          optional
          hint="Separate tags with commas."
          value={draft.otherTags}
          onChange={(event) => {
            change({ otherTags: event.target.value });
          }}
        />
        <fieldset className="form-fieldset">
          <legend className="field__label">Indicators by level</legend>
          <p className="field__hint">What someone at each level can do. Leave a level empty to skip it.</p>
          {error('indicators') ? <p className="field__error">{error('indicators')}</p> : null}
          {framework.scale.map((step) => (
            <TextAreaField
              key={step.level}
              label={`Level ${step.level}: ${step.name}`}
              optional
              rows={2}
              value={draft.indicators[step.level] ?? ''}
              maxLength={DESCRIPTION_MAX}
              onChange={(event) => {
                change({ indicators: { ...draft.indicators, [step.level]: event.target.value } });
              }}
            />
          ))}
        </fieldset>
        <fieldset className="form-fieldset">
          <legend className="field__label">Alignments to other frameworks</legend>
          <p className="field__hint">E.g. GFMAM Landscape GF01, or an ISO 55001 clause.</p>
          {error('alignments') ? <p className="field__error">{error('alignments')}</p> : null}
          {draft.alignments.map((alignment, index) => (
            <div
              key={alignment.key}
              className="alignment-row"
              role="group"
              aria-label={`Alignment ${index + 1}`}
            >
              <TextField
                label="Framework"
                value={alignment.framework}
                maxLength={200}
                onChange={(event) => {
                  changeAlignment(alignment.key, { framework: event.target.value });
                }}
              />
              <TextField
                label="Code"
                value={alignment.code}
                maxLength={100}
                onChange={(event) => {
                  changeAlignment(alignment.key, { code: event.target.value });
                }}
              />
              <TextField
                label="Target name"
                optional
                value={alignment.targetName}
                maxLength={500}
                onChange={(event) => {
                  changeAlignment(alignment.key, { targetName: event.target.value });
                }}
              />
              <TextField
                label="Link"
                optional
                type="url"
                value={alignment.targetUrl}
                maxLength={2000}
                onChange={(event) => {
                  changeAlignment(alignment.key, { targetUrl: event.target.value });
                }}
              />
              <Button
                variant="ghost"
                size="sm"
                className="alignment-row__remove"
                icon={<Icon name="close" size={16} />}
                aria-label={`Remove alignment ${index + 1}`}
                onClick={() => {
                  change({ alignments: draft.alignments.filter((a) => a.key !== alignment.key) });
                }}
              >
                Remove
              </Button>
            </div>
          ))}
          <div>
            <Button
              variant="secondary"
              size="sm"
              icon={<Icon name="plus" size={16} />}
              onClick={() => {
                change({
                  alignments: [
                    ...draft.alignments,
                    { key: nextAlignmentKey++, framework: '', code: '', targetName: '', targetUrl: '' },
                  ],
                });
              }}
            >
              Add alignment
            </Button>
          </div>
        </fieldset>
      </form>
    </Dialog>
  );
}
