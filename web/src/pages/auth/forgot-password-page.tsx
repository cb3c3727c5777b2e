import { useRef, useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { cairnApi } from '../../api/cairn-api';
import { Alert, ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { useDocumentTitle } from '../../design/page-header';
import { TextField } from '../../design/text-field';
import { checkEmail, fieldError, focusFirstInvalid, type ClientErrors } from '../../hooks/form-errors';
import { useAction } from '../../hooks/use-action';
import { PublicPanel } from '../../layout/public-layout';

export function ForgotPasswordPage() {
  useDocumentTitle('Reset your password');
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  const formRef = useRef<HTMLFormElement>(null);

  const request = useAction(async (address: string) => {
    await cairnApi.requestPasswordReset({ email: address });
    setSentTo(address);
  });

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const emailError = checkEmail(email);
    setClientErrors(emailError ? { email: emailError } : {});
    if (emailError) {
      focusFirstInvalid(formRef.current);
      return;
    }
    await request.run(email.trim());
  }

  if (sentTo) {
    return (
      <PublicPanel title="Check your email">
        {/* The server answers 202 whether or not the account exists, so we say the same. */}
        <Alert tone="success" title="Reset link sent" assertive>
          <p>
            If there is a Cairn account for <strong>{sentTo}</strong>, we have emailed it a link to choose a
            new password. The link works once and expires soon.
          </p>
        </Alert>
        <div className="public-panel__footer">
          <p>
            Didn’t get it? Check your spam folder, or{' '}
            <button
              type="button"
              className="text-link-button"
              onClick={() => {
                setSentTo(null);
              }}
            >
              try another address
            </button>
            .
          </p>
          <p>
            <Link to="/sign-in">Back to sign in</Link>
          </p>
        </div>
      </PublicPanel>
    );
  }

  return (
    <PublicPanel
      title="Reset your password"
      intro="Enter the email you sign in with and we’ll send you a link to choose a new password."
    >
      <form
        ref={formRef}
        className="form form--wide-submit"
        noValidate
        onSubmit={(event) => void handleSubmit(event)}
      >
        <ProblemAlert problem={request.problem} fields={['email']} />
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          value={email}
          onChange={(event) => {
            setEmail(event.target.value);
          }}
          error={fieldError('email', clientErrors, request.problem)}
          required
        />
        <div className="form__actions">
          <Button type="submit" pending={request.pending}>
            Send reset link
          </Button>
        </div>
      </form>
      <div className="public-panel__footer">
        <p>
          Remembered it? <Link to="/sign-in">Sign in</Link>
        </p>
      </div>
    </PublicPanel>
  );
}
