import { useRef, useState, type SubmitEvent } from 'react';
import { assessmentApi } from '../../api/assessment-api';
import { ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { Card } from '../../design/card';
import { useAnnounce } from '../../design/live-announcer';
import { QueryView } from '../../design/query-view';
import { Table } from '../../design/table';
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
import { useApiQuery } from '../../hooks/use-api-query';
import { formatDate } from '../../labels/dates';

/** An assessor's declared conflicts of interest, and the form to declare one. */
export function ConflictsCard() {
  const announce = useAnnounce();
  const conflicts = useApiQuery(
    'my-conflicts',
    async (signal) => (await assessmentApi.listMyConflicts(signal)).items,
  );
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<ClientErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const declare = useAction(async () => {
    await assessmentApi.declareConflict({ learnerEmail: email.trim(), reason: reason.trim() });
    announce(`Conflict declared. You will not be asked to assess ${email.trim()}.`);
    setEmail('');
    setReason('');
    conflicts.reload();
    return true;
  });

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = compactErrors({
      learnerEmail: checkEmail(email),
      reason: reason.trim() ? undefined : 'Say why, for example “my sister” or “I manage them”.',
    });
    setErrors(next);
    if (Object.keys(next).length > 0 || !(await declare.run())) focusFirstInvalid(formRef.current);
  }

  return (
    <Card
      title="Declare a conflict of interest"
      description="If you know a learner personally or manage them, declare it: their submissions are then never given to you."
    >
      <div className="stack">
        <form ref={formRef} className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
          <ProblemAlert problem={declare.problem} fields={['learnerEmail', 'reason']} />
          <TextField
            label="Learner email"
            name="learnerEmail"
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => {
              setEmail(event.target.value);
            }}
            error={fieldError('learnerEmail', errors, declare.problem)}
            required
          />
          <TextAreaField
            label="Reason"
            name="reason"
            rows={2}
            maxLength={2000}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
            }}
            error={fieldError('reason', errors, declare.problem)}
            required
          />
          <div className="form__actions">
            <Button type="submit" pending={declare.pending}>
              Declare conflict
            </Button>
          </div>
        </form>
        <h3>Your declared conflicts</h3>
        <QueryView query={conflicts} loadingLabel="Loading your conflicts…">
          {(items) =>
            items.length === 0 ? (
              <p className="muted">You have not declared any conflicts.</p>
            ) : (
              <Table caption="Your declared conflicts of interest" testId="conflicts-table">
                <thead>
                  <tr>
                    <th scope="col">Learner</th>
                    <th scope="col">Reason</th>
                    <th scope="col">Declared</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((conflict) => (
                    <tr key={`${conflict.learner.id}:${conflict.declaredAt}`}>
                      <th scope="row" className="cell-primary">
                        {conflict.learner.name}
                        <span className="cell-secondary">{conflict.learner.email}</span>
                      </th>
                      <td className="cell-wrap">{conflict.reason}</td>
                      <td className="cell-nowrap">
                        <time dateTime={conflict.declaredAt}>{formatDate(conflict.declaredAt)}</time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )
          }
        </QueryView>
      </div>
    </Card>
  );
}
