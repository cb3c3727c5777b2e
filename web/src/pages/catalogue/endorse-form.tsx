import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { catalogueApi, type AchievementDetail } from '../../api/catalogue-api';
import type { Me } from '../../api/types';
import { ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { useAnnounce } from '../../design/live-announcer';
import { Select } from '../../design/select';
import { compactErrors, fieldError, focusFirstInvalid, type ClientErrors } from '../../hooks/form-errors';
import { useAction } from '../../hooks/use-action';
import { TextAreaField } from '../../design/text-area-field';

const FIELDS = ['organisationId', 'statement'];
const STATEMENT_MIN = 10;
const STATEMENT_MAX = 4000;

/** Endorse the version on the page for one of the organisations where the person is an endorser. */
export function EndorseForm({
  achievement,
  me,
  onEndorsed,
}: {
  achievement: AchievementDetail;
  me: Me;
  onEndorsed: (updated: AchievementDetail) => void;
}) {
  const announce = useAnnounce();
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const already = new Set(achievement.endorsements.map((e) => e.organisation.id));
  const endorsing = me.memberships.filter((m) => m.roles.includes('endorser'));
  const available = endorsing.filter((m) => !already.has(m.organisation.id));

  const [picked, setPicked] = useState('');
  // The first available organisation until the person picks one (or after theirs has endorsed).
  const organisationId = available.some((m) => m.organisation.id === picked)
    ? picked
    : (available[0]?.organisation.id ?? '');
  const [statement, setStatement] = useState('');
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  const [endorsed, setEndorsed] = useState(false);
  const doneRef = useRef<HTMLParagraphElement>(null);

  const endorse = useAction(async () => {
    const updated = await catalogueApi.endorseVersion(achievement.versionId, {
      organisationId,
      statement: statement.trim(),
    });
    const name =
      available.find((m) => m.organisation.id === organisationId)?.organisation.name ?? 'Your organisation';
    announce(`${name} now endorses ${achievement.code} version ${achievement.version}.`);
    setStatement('');
    setEndorsed(true);
    onEndorsed(updated);
  });

  // The form goes away once the last organisation has endorsed: keep focus on what replaced it.
  const allDone = available.length === 0;
  useEffect(() => {
    if (endorsed && allDone) doneRef.current?.focus();
  }, [endorsed, allDone]);

  if (endorsing.length === 0) return null;
  if (allDone) {
    return (
      <p className="muted small" ref={doneRef} tabIndex={-1}>
        {endorsing.length === 1
          ? `${endorsing[0]?.organisation.name ?? 'Your organisation'} already endorses this version.`
          : 'All your organisations already endorse this version.'}
      </p>
    );
  }

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = statement.trim();
    const errors = compactErrors({
      organisationId: organisationId ? undefined : 'Choose the organisation you endorse for.',
      statement:
        trimmed.length < STATEMENT_MIN
          ? `Write a statement of at least ${STATEMENT_MIN} characters.`
          : trimmed.length > STATEMENT_MAX
            ? `Keep the statement under ${STATEMENT_MAX} characters.`
            : undefined,
    });
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      endorse.reset();
      focusFirstInvalid(formRef.current);
      return;
    }
    await endorse.run();
  }

  return (
    <section className="endorse" aria-labelledby={headingId}>
      <h3 id={headingId}>Endorse version {achievement.version}</h3>
      <p className="muted small">
        An endorsement says, in your organisation’s name, that this micro-credential reflects current
        practice. It is shown to everyone and stays with this version.
      </p>
      <form ref={formRef} className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
        <ProblemAlert
          problem={endorse.problem}
          fields={FIELDS}
          messages={{ 'already-endorsed': <p>That organisation already endorses this version.</p> }}
        />
        <Select
          label="Endorse on behalf of"
          value={organisationId}
          options={available.map((m) => ({ value: m.organisation.id, label: m.organisation.name }))}
          error={fieldError('organisationId', clientErrors, endorse.problem)}
          onChange={(event) => {
            setPicked(event.target.value);
          }}
        />
        <TextAreaField
          label="Endorsement statement"
          hint="Why your organisation stands behind it, e.g. how it fits roles you recruit for."
          value={statement}
          rows={4}
          maxLength={STATEMENT_MAX}
          error={fieldError('statement', clientErrors, endorse.problem)}
          onChange={(event) => {
            setStatement(event.target.value);
          }}
        />
        <div className="form__actions">
          <Button type="submit" pending={endorse.pending}>
            Endorse
          </Button>
        </div>
      </form>
    </section>
  );
}
