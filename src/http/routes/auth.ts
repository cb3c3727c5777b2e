import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { changePassword } from '../../app/change-password.js';
import { requestPasswordReset } from '../../app/request-password-reset.js';
import { resetPassword } from '../../app/reset-password.js';
import { signIn } from '../../app/sign-in.js';
import { signOut } from '../../app/sign-out.js';
import { signUp } from '../../app/sign-up.js';
import { clearSessionCookies, requestContext, requireSession, setSessionCookies } from '../auth.js';
import { presentUser } from '../presenters.js';
import { Body, Email, Password, PersonName, UserView } from '../schemas.js';

const SignUpBody = Body({ email: Email, password: Password, name: PersonName });
const SignInBody = Body({ email: Email, password: Password });
const ChangePasswordBody = Body({ currentPassword: Password, newPassword: Password });
const ResetRequestBody = Body({ email: Email });
const ResetConfirmBody = Body({
  token: Type.String({ minLength: 1, maxLength: 200 }),
  newPassword: Password,
});
const SignedIn = Type.Object({ user: UserView });

export const authRoutes = (secureCookies: boolean): FastifyPluginAsyncTypebox =>
  async function (app) {
    app.post(
      '/auth/sign-up',
      {
        schema: {
          operationId: 'signUp',
          tags: ['auth'],
          summary: 'Create an account and sign in',
          body: SignUpBody,
          response: { 201: SignedIn },
        },
      },
      async (req, reply) => {
        const { user, session } = await signUp(app.deps, req.body, requestContext(req));
        setSessionCookies(reply, session, secureCookies);
        return reply.code(201).send({ user: presentUser(user) });
      },
    );

    app.post(
      '/auth/sign-in',
      {
        schema: {
          operationId: 'signIn',
          tags: ['auth'],
          summary: 'Sign in with email and password; sets the session cookie',
          description:
            'Failed attempts are limited per email and per address across all app processes (429 with Retry-After).',
          body: SignInBody,
          response: { 200: SignedIn },
        },
      },
      async (req, reply) => {
        const { user, session } = await signIn(app.deps, req.body, requestContext(req));
        setSessionCookies(reply, session, secureCookies);
        return { user: presentUser(user) };
      },
    );

    app.post(
      '/auth/sign-out',
      {
        schema: {
          operationId: 'signOut',
          tags: ['auth'],
          summary: 'End this session',
          response: { 204: Type.Null() },
        },
      },
      async (req, reply) => {
        if (req.session) await signOut(app.deps, req.session, requestContext(req));
        clearSessionCookies(reply);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/auth/password',
      {
        schema: {
          operationId: 'changePassword',
          tags: ['auth'],
          summary: 'Change the password; signs out every other session',
          body: ChangePasswordBody,
          response: { 204: Type.Null() },
        },
      },
      async (req, reply) => {
        await changePassword(app.deps, requireSession(req), req.body, requestContext(req));
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/auth/password-reset',
      {
        schema: {
          operationId: 'requestPasswordReset',
          tags: ['auth'],
          summary: 'Email a password reset link',
          description: 'Always 202, whether or not the address has an account.',
          body: ResetRequestBody,
          response: { 202: Type.Object({ message: Type.String() }) },
        },
      },
      async (req, reply) => {
        await requestPasswordReset(app.deps, req.body, requestContext(req));
        return reply
          .code(202)
          .send({ message: 'If an account exists for that email, a reset link is on its way.' });
      },
    );

    app.post(
      '/auth/password-reset/confirm',
      {
        schema: {
          operationId: 'resetPassword',
          tags: ['auth'],
          summary: 'Choose a new password with the token from a reset link',
          body: ResetConfirmBody,
          response: { 204: Type.Null() },
        },
      },
      async (req, reply) => {
        await resetPassword(app.deps, req.body, requestContext(req));
        return reply.code(204).send(null);
      },
    );
  };
