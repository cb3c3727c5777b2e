import { useRef, useState, type SubmitEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { cairnApi } from '../../api/cairn-api';
import { Alert, ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { useDocumentTitle } from '../../design/page-header';
import { TextField } from '../../design/text-field';
import {
  checkEmail,
  compactErrors,
  fieldError,
  focusFirstInvalid,
  safeNextPath,
  type ClientErrors,
} from '../../hooks/form-errors';
import { useAction } from '../../hooks/use-action';
import { PublicPanel } from '../../layout/public-layout';
import { useSession } from '../../session/session-context';

const FIELDS = ['email', 'password'];

export function SignInPage() {
  useDocumentTitle('Sign in');
  const { state, refresh } = useSession();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  const formRef = useRef<HTMLFormElement>(null);

  const signIn = useAction(async () => {
    await cairnApi.signIn({ email: email.trim(), password });
    // Once /me answers, the redirect below takes the person where they were going.
    await refresh();
  });

  if (state.status === 'signed-in') return <Navigate to={next} replace />;

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = compactErrors({
      email: checkEmail(email),
      password: password ? undefined : 'Enter your password.',
    });
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      signIn.reset();
      focusFirstInvalid(formRef.current);
      return;
    }
    await signIn.run();
  }

  const withNext = (path: string) => (next === '/' ? path : `${path}?next=${encodeURIComponent(next)}`);

  return (
    <PublicPanel
      title="Sign in to Cairn"
      intro="Earn, assess and endorse micro-credentials for infrastructure asset management."
    >
      {params.get('expired') ? (
        <Alert tone="info" title="Your session has ended">
          <p>Sign in again to carry on where you left off.</p>
        </Alert>
      ) : null}
      <form
        ref={formRef}
        className="form form--wide-submit"
        noValidate
        onSubmit={(event) => void handleSubmit(event)}
      >
        <ProblemAlert
          problem={signIn.problem}
          fields={FIELDS}
          messages={{
            'invalid-credentials': (
              <p>That email and password don’t match an account. Check them and try again.</p>
            ),
          }}
        />
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
          error={fieldError('email', clientErrors, signIn.problem)}
          required
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => {
            setPassword(event.target.value);
          }}
          error={fieldError('password', clientErrors, signIn.problem)}
          required
        />
        <div className="form__actions">
          <Button type="submit" pending={signIn.pending}>
            Sign in
          </Button>
        </div>
      </form>
      <div className="public-panel__footer">
        <p>
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <p>
          New to Cairn? <Link to={withNext('/sign-up')}>Create an account</Link>
        </p>
      </div>
    </PublicPanel>
  );
}
