import { useRef, useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { cairnApi } from '../../api/cairn-api';
import { Alert, ProblemAlert } from '../../design/alert';
import { Button, LinkButton } from '../../design/button';
import { useDocumentTitle } from '../../design/page-header';
import { TextField } from '../../design/text-field';
import {
  checkNewPassword,
  fieldError,
  focusFirstInvalid,
  MIN_PASSWORD_LENGTH,
  type ClientErrors,
} from '../../hooks/form-errors';
import { useAction } from '../../hooks/use-action';
import { PublicPanel } from '../../layout/public-layout';

export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [newPassword, setNewPassword] = useState('');
  const [done, setDone] = useState(false);
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  const formRef = useRef<HTMLFormElement>(null);

  const confirm = useAction(async () => {
    await cairnApi.confirmPasswordReset({ token, newPassword });
    setDone(true);
  });

  if (!token) {
    return (
      <PublicPanel title="This reset link is incomplete">
        <Alert tone="warning" title="No reset token in the link">
          <p>Open the link from your email again, or ask for a new one.</p>
        </Alert>
        <div className="form__actions">
          <LinkButton to="/forgot-password">Send a new link</LinkButton>
        </div>
      </PublicPanel>
    );
  }

  if (done) {
    return (
      <PublicPanel title="Password changed">
        <Alert tone="success" title="Your new password is set" assertive>
          <p>Sign in with it to carry on.</p>
        </Alert>
        <div className="form__actions">
          <LinkButton to="/sign-in">Go to sign in</LinkButton>
        </div>
      </PublicPanel>
    );
  }

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const passwordError = checkNewPassword(newPassword);
    setClientErrors(passwordError ? { newPassword: passwordError } : {});
    if (passwordError) {
      focusFirstInvalid(formRef.current);
      return;
    }
    await confirm.run();
  }

  const tokenProblem =
    confirm.problem && !confirm.problem.fieldMessage('newPassword') && confirm.problem.status < 500;

  return (
    <PublicPanel title="Choose a new password">
      <form
        ref={formRef}
        className="form form--wide-submit"
        noValidate
        onSubmit={(event) => void handleSubmit(event)}
      >
        <ProblemAlert
          problem={confirm.problem}
          fields={['newPassword']}
          actions={tokenProblem ? <Link to="/forgot-password">Ask for a new reset link</Link> : undefined}
        />
        <TextField
          label="New password"
          type="password"
          name="newPassword"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          value={newPassword}
          onChange={(event) => {
            setNewPassword(event.target.value);
          }}
          error={fieldError('newPassword', clientErrors, confirm.problem)}
          minLength={MIN_PASSWORD_LENGTH}
          required
        />
        <div className="form__actions">
          <Button type="submit" pending={confirm.pending}>
            Set new password
          </Button>
        </div>
      </form>
    </PublicPanel>
  );
}
