/** What the assessment use cases share: loading a submission with its version, standing, notifying. */
import type { Actor } from '../domain/actor.js';
import { DEFAULT_ASSESSMENT_POLICY, type AssessmentPolicy } from '../domain/assessment.js';
import { NotFound, SignInRequired } from '../domain/errors.js';
import type { User } from '../domain/identity.js';
import { canSeeSubmission, type StaffStanding } from '../policies/assessment.js';
import { ensure } from '../policies/ensure.js';
import type { PersonRef, SubmissionRecord } from '../domain/assessment.js';
import type { VersionRecord } from './catalogue-ports.js';
import type { Deps, Store } from './ports.js';
import { queueEmail } from './queue-email.js';

export interface LoadedSubmission {
  submission: SubmissionRecord;
  version: VersionRecord;
  standing: StaffStanding;
}

/** @throws SignInRequired for anonymous callers and API keys (submissions belong to people). */
export function requirePerson(actor: Actor): User {
  if (actor.kind !== 'user') throw new SignInRequired();
  return actor.user;
}

export async function standingOf(store: Store, actor: Actor, achievementId: string): Promise<StaffStanding> {
  if (actor.kind !== 'user') return { assessor: false, moderator: false };
  const [assessor, moderator] = await Promise.all([
    store.assessment.isStaff(achievementId, actor.user.id, 'assessor'),
    store.assessment.isStaff(achievementId, actor.user.id, 'moderator'),
  ]);
  return { assessor, moderator };
}

/**
 * A submission the caller may see, with the version it answers. Pass the transaction's store
 * (and `lock`) when the caller is about to change it.
 * @throws NotFound (also when the caller may not see it: its existence is personal), SignInRequired
 */
export async function loadSubmission(
  store: Store,
  actor: Actor,
  submissionId: string,
  options: { lock?: boolean } = {},
): Promise<LoadedSubmission> {
  const submission = options.lock
    ? await store.assessment.lockSubmission(submissionId)
    : await store.assessment.findSubmission(submissionId);
  if (!submission) throw new NotFound('submission', submissionId);
  const standing = await standingOf(store, actor, submission.achievementId);
  if (
    !canSeeSubmission(
      actor,
      { learnerId: submission.learner.id, ownerOrganisationId: submission.organisationId },
      standing,
    )
  ) {
    if (actor.kind === 'anonymous') throw new SignInRequired();
    throw new NotFound('submission', submissionId);
  }
  const version = await store.achievements.findVersion(submission.versionId);
  if (!version) throw new NotFound('micro-credential version', submission.versionId);
  return { submission, version, standing };
}

/** Only the learner changes their own submission. @throws NotAllowed */
export function ensureLearner(actor: Actor, submission: SubmissionRecord, action: string): void {
  ensure(actor.kind === 'user' && actor.user.id === submission.learner.id, actor, action);
}

export async function policyFor(store: Store, achievementId: string): Promise<AssessmentPolicy> {
  return (await store.assessment.policy(achievementId)) ?? DEFAULT_ASSESSMENT_POLICY;
}

/** The page a notification links to, inside the web app. */
export const submissionPath = (id: string) => `/submissions/${id}`;

/**
 * An in-app notification and its email copy, in the caller's transaction: the outbox delivers the
 * email with retries, so a crash or an SMTP outage loses neither.
 */
export async function notify(
  deps: Pick<Deps, 'clock' | 'config' | 'secrets' | 'onEmailQueued'>,
  store: Store,
  to: PersonRef,
  message: { kind: string; title: string; body: string; link: string | null },
): Promise<void> {
  await store.notifications.insert({
    id: deps.secrets.uuid(),
    userId: to.id,
    kind: message.kind,
    title: message.title,
    body: message.body,
    link: message.link,
    createdAt: deps.clock.now(),
  });
  const link = message.link ? `\n\n${deps.config.publicUrl}${message.link}` : '';
  await queueEmail(deps, store, {
    to: to.email,
    subject: message.title,
    text: `Kia ora ${to.name},\n\n${message.body}${link}\n\n— Cairn`,
    kind: `notification.${message.kind}`,
  });
}

/** Everyone who should hear that a submission arrived: its approved assessors. */
export async function assessorsOf(store: Store, achievementId: string): Promise<PersonRef[]> {
  return (await store.assessment.staff(achievementId))
    .filter((s) => s.role === 'assessor')
    .map(({ id, name, email }) => ({ id, name, email }));
}

export async function moderatorsOf(store: Store, achievementId: string): Promise<PersonRef[]> {
  return (await store.assessment.staff(achievementId))
    .filter((s) => s.role === 'moderator')
    .map(({ id, name, email }) => ({ id, name, email }));
}
