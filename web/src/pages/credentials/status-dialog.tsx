import { useId, useRef, useState, type SubmitEvent } from 'react';
import { credentialsApi, type CredentialView, type StatusAction } from '../../api/credentials-api';
import { ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { Dialog } from '../../design/dialog';
import { TextAreaField } from '../../design/text-area-field';
import { compactErrors, fieldError, focusFirstInvalid, type ClientErrors } from '../../hooks/form-errors';
import { useAction } from '../../hooks/use-action';
import { ACTION_LABELS } from './credential-labels';

const EXPLANATIONS: Record<StatusAction, string> = {
  revoke:
    'Revoking is final. Anyone who verifies the credential from now on is told it was revoked. The holder keeps a record of it, marked revoked.',
  suspend:
    'While suspended, anyone who verifies the credential is told it is suspended. You can reinstate it later.',
  reinstate: 'The credential verifies as active again (or expired, if its time is up).',
};

const REASON_HINTS: Record<StatusAction, string> = {
  revoke: 'For example: issued to the wrong person, or the assessment was found to be flawed.',
  suspend: 'For example: the assessment is under review after a complaint.',
  reinstate: 'For example: the review found the assessment sound.',
};

export interface StatusTarget {
  id: string;
  title: string;
  recipient: string;
}

/** Revoke, suspend or reinstate, with the reason the status history records. */
export function StatusDialog({
  target,
  action,
  onClose,
  onChanged,
}: {
  target: StatusTarget | null;
  action: StatusAction;
  onClose: () => void;
  onChanged: (view: CredentialView) => void;
}) {
  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      title={target ? `${ACTION_LABELS[action]} “${target.title}”?` : ACTION_LABELS[action]}
      size="md"
      testId="credential-status-dialog"
    >
      {target ? <StatusForm target={target} action={action} onClose={onClose} onChanged={onChanged} /> : null}
    </Dialog>
  );
}

function StatusForm({
  target,
  action,
  onClose,
  onChanged,
}: {
  target: StatusTarget;
  action: StatusAction;
  onClose: () => void;
  onChanged: (view: CredentialView) => void;
}) {
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const explanationId = useId();
  const change = useAction(async (text: string) => {
    const view = await credentialsApi.changeStatus(target.id, action, text);
    onChanged(view);
    onClose();
    return view;
  });

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = compactErrors({
      reason: reason.trim() ? undefined : 'Give a reason: it is kept in the credential’s history.',
    });
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      change.reset();
      focusFirstInvalid(formRef.current);
      return;
    }
    const ok = await change.run(reason.trim());
    if (!ok) focusFirstInvalid(formRef.current);
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <p id={explanationId}>
        {target.recipient ? `Awarded to ${target.recipient}. ` : ''}
        {EXPLANATIONS[action]}
      </p>
      <ProblemAlert
        problem={change.problem}
        fields={['reason']}
        messages={{
          'credential-status-conflict':
            'The credential’s status has changed since this page loaded. Close this and reload.',
        }}
      />
      <TextAreaField
        label="Reason"
        name="reason"
        rows={3}
        maxLength={500}
        hint={REASON_HINTS[action]}
        value={reason}
        onChange={(event) => {
          setReason(event.target.value);
        }}
        error={fieldError('reason', clientErrors, change.problem)}
        required
        aria-describedby={explanationId}
      />
      <div className="form__actions form__actions--split">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button
          type="submit"
          variant={action === 'reinstate' ? 'primary' : 'danger'}
          pending={change.pending}
        >
          {ACTION_LABELS[action]}
        </Button>
      </div>
    </form>
  );
}
