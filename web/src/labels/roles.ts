import { ROLES, type Role } from '../api/types';

export const ROLE_LABELS: Record<Role, string> = {
  learner: 'Learner',
  author: 'Author',
  assessor: 'Assessor',
  moderator: 'Moderator (educator oversight)',
  endorser: 'Endorser',
  mentor: 'Mentor',
  org_admin: 'Organisation admin',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  learner: 'Earns and stacks micro-credentials.',
  author: 'Co-designs micro-credentials with industry.',
  assessor: 'Assesses evidence against rubrics.',
  moderator: 'Samples assessments for consistency.',
  endorser: 'Endorses credentials on behalf of the organisation.',
  mentor: 'Supports learners on the job.',
  org_admin: 'Invites people and manages roles and API keys.',
};

/** Roles in the canonical order, whatever order the server sent them in. */
export function sortRoles(roles: readonly Role[]): Role[] {
  return ROLES.filter((role) => roles.includes(role));
}
