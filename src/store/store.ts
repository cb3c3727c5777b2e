import type { Orm } from './db.js';
import { achievementRepository } from './repositories/achievements.js';
import { assessmentRepository } from './repositories/assessment.js';
import { auditLogRepository } from './repositories/audit-log.js';
import { notificationRepository } from './repositories/notifications.js';
import { pathwayRepository } from './repositories/pathways.js';
import { apiKeyRepository } from './repositories/api-keys.js';
import { catalogueRepository } from './repositories/catalogue.js';
import { credentialRepository } from './repositories/credentials.js';
import { frameworkRepository } from './repositories/frameworks.js';
import { invitationRepository } from './repositories/invitations.js';
import { issuerKeyRepository } from './repositories/issuer-keys.js';
import { membershipRepository } from './repositories/memberships.js';
import { organisationRepository } from './repositories/organisations.js';
import { outboxRepository } from './repositories/outbox.js';
import { passwordResetRepository } from './repositories/password-resets.js';
import { securityEventRepository } from './repositories/security-events.js';
import { sessionRepository } from './repositories/sessions.js';
import { signInAttemptRepository } from './repositories/sign-in-attempts.js';
import { userRepository } from './repositories/users.js';

/** Every repository bound to one connection or transaction; structurally the app's Store port. */
export interface SqlStore {
  transaction<T>(fn: (store: SqlStore) => Promise<T>): Promise<T>;
  users: ReturnType<typeof userRepository>;
  sessions: ReturnType<typeof sessionRepository>;
  signInAttempts: ReturnType<typeof signInAttemptRepository>;
  passwordResets: ReturnType<typeof passwordResetRepository>;
  organisations: ReturnType<typeof organisationRepository>;
  memberships: ReturnType<typeof membershipRepository>;
  invitations: ReturnType<typeof invitationRepository>;
  apiKeys: ReturnType<typeof apiKeyRepository>;
  securityEvents: ReturnType<typeof securityEventRepository>;
  outbox: ReturnType<typeof outboxRepository>;
  frameworks: ReturnType<typeof frameworkRepository>;
  achievements: ReturnType<typeof achievementRepository>;
  catalogue: ReturnType<typeof catalogueRepository>;
  issuerKeys: ReturnType<typeof issuerKeyRepository>;
  credentials: ReturnType<typeof credentialRepository>;
  assessment: ReturnType<typeof assessmentRepository>;
  notifications: ReturnType<typeof notificationRepository>;
  auditLog: ReturnType<typeof auditLogRepository>;
  pathways: ReturnType<typeof pathwayRepository>;
}

export function createStore(db: Orm, inTransaction = false): SqlStore {
  return {
    // A transaction inside a transaction joins the outer one: use cases compose without knowing.
    transaction: (fn) =>
      inTransaction
        ? fn(createStore(db, true))
        : db.transaction((tx) => fn(createStore(tx as unknown as Orm, true))),
    users: userRepository(db),
    sessions: sessionRepository(db),
    signInAttempts: signInAttemptRepository(db),
    passwordResets: passwordResetRepository(db),
    organisations: organisationRepository(db),
    memberships: membershipRepository(db),
    invitations: invitationRepository(db),
    apiKeys: apiKeyRepository(db),
    securityEvents: securityEventRepository(db),
    outbox: outboxRepository(db),
    frameworks: frameworkRepository(db),
    achievements: achievementRepository(db),
    catalogue: catalogueRepository(db),
    issuerKeys: issuerKeyRepository(db),
    credentials: credentialRepository(db),
    assessment: assessmentRepository(db),
    notifications: notificationRepository(db),
    auditLog: auditLogRepository(db),
    pathways: pathwayRepository(db),
  };
}
