import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/app/seed-demo.js';
import { loadDemoData } from '../../src/demo/load-demo-data.js';
import { browser, createTestApp, type TestApp } from '../support/app.js';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const schema = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '../../src/credentials/ob3/schemas/ob_v3p0_achievementcredential_schema.json'),
    'utf8',
  ),
) as { $defs: Record<string, unknown> };
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
const validAchievement = ajv.compile({ $defs: schema.$defs, $ref: '#/$defs/Achievement' });

interface Ob3Achievement {
  id: string;
  version: string;
  creditsAvailable: number;
  related?: { id: string; version: string }[];
  creator: { id: string };
  alignment: { targetCode: string }[];
}

describe('micro-credentials as Open Badges 3.0 achievements', () => {
  let t: TestApp;
  let iam101: { id: string; versions: { id: string; version: string; status: string }[] };

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.deps, loadDemoData());
    const page = (await t.app.inject({ url: '/api/v1/achievements?q=IAM-101' })).json<{
      items: { id: string }[];
    }>();
    const id = page.items[0]?.id ?? '';
    iam101 = (await t.app.inject({ url: `/api/v1/achievements/${id}` })).json();
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves the published version as an Achievement that passes the official schema', async () => {
    const res = await t.app.inject({ url: `/api/v1/achievements/${iam101.id}/ob3` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/ld\+json/);
    const body = res.json<Ob3Achievement & { '@context': string[] }>();
    expect(body['@context'][0]).toBe('https://www.w3.org/ns/credentials/v2');
    expect(validAchievement(body), JSON.stringify(validAchievement.errors)).toBe(true);
    expect(body).toMatchObject({ version: '1.1.0', creditsAvailable: 3 });
    expect(body.alignment.map((a) => a.targetCode)).toContain('FND-01');
  });

  it('keeps the earlier version resolvable and links the two through related', async () => {
    const earlier = iam101.versions.find((v) => v.version === '1.0.0');
    expect(earlier?.status).toBe('superseded');
    const old = (
      await t.app.inject({ url: `/api/v1/achievements/${earlier?.id ?? ''}/ob3` })
    ).json<Ob3Achievement>();
    expect(old).toMatchObject({ version: '1.0.0', creditsAvailable: 5 });
    const current = (
      await t.app.inject({ url: `/api/v1/achievements/${iam101.id}/ob3` })
    ).json<Ob3Achievement>();
    expect(current.related?.map((r) => r.version)).toEqual(['1.0.0']);
    expect(old.related?.map((r) => r.id)).toEqual([current.id]);
  });

  it('serves the creator as a public Open Badges Profile', async () => {
    const achievement = (
      await t.app.inject({ url: `/api/v1/achievements/${iam101.id}/ob3` })
    ).json<Ob3Achievement>();
    const path = new URL(achievement.creator.id).pathname;
    const res = await t.app.inject({ url: path });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      type: ['Profile'],
      name: expect.stringContaining('IAMSA') as unknown,
    });
    const unknown = await t.app.inject({ url: '/api/v1/issuers/00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(404);
  });

  it('lets an organisation admin choose which kinds must sign off, and nobody else', async () => {
    const orgs = await t.deps.store.organisations.listAll();
    const iamsa = orgs.find((o) => o.slug === 'iamsa');
    const anahera = browser(t.app);
    await anahera.post('/api/v1/auth/sign-in', {
      email: 'anahera.kingi@iamsa.example',
      password: 'cairn-demo',
    });
    const before = await anahera.get(`/api/v1/organisations/${iamsa?.id ?? ''}/settings`);
    expect(before.json()).toEqual({ requiredSignOffKinds: ['employer', 'education_provider'] });
    const changed = await anahera.put(`/api/v1/organisations/${iamsa?.id ?? ''}/settings`, {
      requiredSignOffKinds: ['education_provider', 'professional_body'],
    });
    expect(changed.statusCode).toBe(200);
    expect(await t.deps.store.organisations.requiredSignOffKinds(iamsa?.id ?? '')).toEqual([
      'education_provider',
      'professional_body',
    ]);
    const none = await anahera.put(`/api/v1/organisations/${iamsa?.id ?? ''}/settings`, {
      requiredSignOffKinds: ['platform'],
    });
    expect(none.statusCode).toBe(422);

    const aroha = browser(t.app);
    await aroha.post('/api/v1/auth/sign-in', {
      email: 'aroha.tipene@kowhai-dc.example',
      password: 'cairn-demo',
    });
    const kdc = orgs.find((o) => o.slug === 'kowhai-dc');
    const refused = await aroha.put(`/api/v1/organisations/${kdc?.id ?? ''}/settings`, {
      requiredSignOffKinds: ['employer'],
    });
    expect(refused.statusCode).toBe(403);
  });
});
