import { hasRole, type Actor } from '../domain/actor.js';
import type { VersionStatus } from '../domain/achievements.js';
import { isEditable } from '../domain/version-workflow.js';

/**
 * Who designs a micro-credential or a pathway: its owner and the organisations co-designing it.
 * Their authors edit, comment and sign off together (domain/version-workflow.ts).
 */
export interface DesignTeam {
  ownerId: string;
  collaboratorIds: readonly string[];
}

const teamIds = (team: DesignTeam) => [team.ownerId, ...team.collaboratorIds];

/** The team organisations in which the actor holds `role`. */
export function teamOrganisationsWithRole(
  actor: Actor,
  team: DesignTeam,
  role: 'author' | 'moderator' | 'endorser',
) {
  return teamIds(team).filter((id) => hasRole(actor, id, role));
}

/** A sign-off speaks for an organisation: the signer must be an author there. */
export function canSignOffFor(actor: Actor, team: DesignTeam, organisationId: string): boolean {
  return teamIds(team).includes(organisationId) && hasRole(actor, organisationId, 'author');
}

/**
 * The workflow buttons a version shows, from the resource's own answers to "may edit", "may move
 * through the workflow" and "may review". Micro-credentials and pathways add their own on top.
 */
export function workflowAbilities(
  actor: Actor,
  team: DesignTeam,
  status: VersionStatus,
  can: { edit: boolean; move: boolean; review: boolean },
) {
  const editable = isEditable(status);
  return {
    edit: editable && can.edit,
    submit: status === 'draft' && can.move,
    returnToDraft: status === 'in_review' && can.move,
    signOff: editable && teamOrganisationsWithRole(actor, team, 'author').length > 0,
    publish: status === 'in_review' && can.move,
    comment: editable && can.review,
  };
}
