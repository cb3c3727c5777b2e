import { isPlatformAdmin, type Actor } from '../domain/actor.js';

export function canReadPlatformAudit(actor: Actor): boolean {
  return isPlatformAdmin(actor);
}

export function canReadOutbox(actor: Actor): boolean {
  return isPlatformAdmin(actor);
}

export function platformAbilities(actor: Actor) {
  return {
    createOrganisation: actor.kind === 'user',
    readPlatformAudit: canReadPlatformAudit(actor),
    readOutbox: canReadOutbox(actor),
  };
}
