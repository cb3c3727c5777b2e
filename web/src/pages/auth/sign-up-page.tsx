import { useRef, useState, type SubmitEvent } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { cairnApi } from '../../api/cairn-api';
import { ProblemAlert } from '../../design/alert';
import { Button } from '../../design/button';
import { useDocumentTitle } from '../../design/page-header';
import { TextField } from '../../design/text-field';
import {
  checkEmail,
  checkNewPassword,
  compactErrors,
  fieldError,
  focusFirstInvalid,
  MIN_PASSWORD_LENGTH,
  safeNextPath,
  type ClientErrors,
} from '../../hooks/form-errors';
import { useAction } from '../../hooks/use-action';
import { PublicPanel } from '../../layout/public-layout';
import { useSession } from '../../session/session-context';

const FIELDS = ['name', 'email', 'password'];

export function SignUpPage() {
  useDocumentTitle('Create an account');
  const { state, refresh } = useSession();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const [name, setName] = useState('');
  const [email, setEmail] = useState(params.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<ClientErrors>({});
  const formRef = useRef<HTMLFormElement>(null);

  const signUp = useAction(async () => {
    await cairnApi.signUp({ name: name.trim(), email: email.trim(), password });
    await refresh();
  });

  if (state.status === 'signed-in') return <Navigate to={next} replace />;

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = compactErrors({
      name: name.trim() ? undefined : 'Enter your name.',
      email: checkEmail(email),
      password: checkNewPassword(password),
    });
    setClientErrors(errors);
    if (Object.keys(errors).length > 0) {
      signUp.reset();
      focusFirstInvalid(formRef.current);
      return;
    }
    const ok = await signUp.run();
    if (ok === undefined) focusFirstInvalid(formRef.current);
  }

  return (
    <PublicPanel
      title="Create your Cairn account"
      intro="One account for learning, assessing, mentoring and endorsing, across every organisation you work with."
    >
      <form
        ref={formRef}
        className="form form--wide-submit"
        noValidate
        onSubmit={(event) => void handleSubmit(event)}
      >
        <ProblemAlert problem={signUp.problem} fields={FIELDS} />
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          hint="As you’d like it to appear on your credentials."
          value={name}
          onChange={(event) => {
            setName(event.target.value);
          }}
          error={fieldError('name', clientErrors, signUp.problem)}
          required
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
          error={fieldError('email', clientErrors, signUp.problem)}
          required
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. A short phrase is easier to remember.`}
          value={password}
          onChange={(event) => {
            setPassword(event.target.value);
          }}
          error={fieldError('password', clientErrors, signUp.problem)}
          minLength={MIN_PASSWORD_LENGTH}
          required
        />
        <div className="form__actions">
          <Button type="submit" pending={signUp.pending}>
            Create account
          </Button>
        </div>
      </form>
      <div className="public-panel__footer">
        <p>
          Already have an account?{' '}
          <Link to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`}>Sign in</Link>
        </p>
      </div>
    </PublicPanel>
  );
}
