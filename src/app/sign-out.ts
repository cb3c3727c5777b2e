import type { Deps, RequestContext } from './ports.js';

export async function signOut(
  deps: Deps,
  session: { tokenHash: string; userId: string },
  ctx: RequestContext,
) {
  await deps.store.transaction(async (store) => {
    await store.sessions.delete(session.tokenHash);
    await store.securityEvents.append({
      kind: 'sign_out',
      actorUserId: session.userId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      at: deps.clock.now(),
    });
  });
}
