/**
 * Stored pathway progress on a real database: each learner's document keeps the entries a refresh
 * did not evaluate and the stacked credentials it never knows of, and refreshing learners whose
 * credentials did not change writes nothing. Runs on PGlite and PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshLearners } from '../../src/app/pathway-progress.js';
import { seedDemo } from '../../src/app/seed-demo.js';
import { loadDemoData } from '../../src/demo/load-demo-data.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe('stored pathway progress', () => {
  let t: TestApp;
  let learnerId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.deps, loadDemoData());
    const aroha = await t.deps.store.users.findByEmail('aroha.tipene@kowhai-dc.example');
    if (!aroha) throw new Error('the demo has no school leaver');
    learnerId = aroha.id;
  }, 180_000);
  afterAll(async () => t.close());

  it('writes nothing when a learner is refreshed again and nothing changed', async () => {
    const before = await t.deps.store.pathways.progressForLearner(learnerId);
    expect(before.length).toBeGreaterThan(1);
    const again = await refreshLearners(t.deps, [learnerId]);
    expect(again.evaluated).toBe(before.length);
    expect(again.written).toBe(0);
    expect(await t.deps.store.pathways.progressForLearner(learnerId)).toEqual(before);
  });

  it('replaces only the entries it is given, and keeps every stacked credential', async () => {
    const before = await t.deps.store.pathways.progressForLearner(learnerId);
    const [first, second] = before;
    if (!first || !second) throw new Error('the school leaver has started fewer than two pathways');
    // A stack recorded (as settleStack records it; an id no credential has, so the revocation
    // policy finds nothing to suspend), then a write of the first pathway's entry alone.
    const stack = randomUUID();
    await t.deps.store.pathways.setStackCredential(learnerId, second.pathwayVersionId, stack);
    const at = new Date(first.updatedAt.getTime() + 60_000);
    await t.deps.store.pathways.upsertProgress([
      { ...first, percentComplete: 99, met: false, credentialIds: [], updatedAt: at },
    ]);

    const after = new Map(
      (await t.deps.store.pathways.progressForLearner(learnerId)).map((p) => [p.pathwayVersionId, p]),
    );
    expect(after.size).toBe(before.length);
    expect(after.get(first.pathwayVersionId)).toMatchObject({ percentComplete: 99, credentialIds: [] });
    expect(after.get(first.pathwayVersionId)?.updatedAt.toISOString()).toBe(at.toISOString());
    expect(after.get(second.pathwayVersionId)).toEqual({ ...second, stackCredentialId: stack });
    expect(await t.deps.store.pathways.findProgress(learnerId, second.pathwayVersionId)).toEqual({
      ...second,
      stackCredentialId: stack,
    });

    // The next refresh puts the true figures back, and the stack stays recorded.
    const refreshed = await refreshLearners(t.deps, [learnerId]);
    expect(refreshed.written).toBe(1);
    const restored = await t.deps.store.pathways.findProgress(learnerId, first.pathwayVersionId);
    expect(restored).toMatchObject({
      percentComplete: first.percentComplete,
      met: first.met,
      credentialIds: first.credentialIds,
    });
    expect(
      (await t.deps.store.pathways.findProgress(learnerId, second.pathwayVersionId))?.stackCredentialId,
    ).toBe(stack);
  });
});
