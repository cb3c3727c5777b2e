import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveNewFramework } from '../../src/app/frameworks.js';
import type { AchievementContent } from '../../src/domain/achievements.js';
import type { FrameworkContent } from '../../src/domain/frameworks.js';
import {
  browser,
  createTestApp,
  personWithOrganisation,
  type Browser,
  type TestApp,
} from '../support/app.js';

/** Any string, typed `unknown` so it can sit in typed expectations. */
const aString: unknown = expect.any(String);

/** Asymmetric matchers, typed `unknown` so they can sit in typed expectations. */
const like = (shape: object): unknown => expect.objectContaining(shape);
const matching = (pattern: RegExp | string): unknown => expect.stringMatching(pattern);
const containing = (text: string): unknown => expect.stringContaining(text);

function expectProblem(res: LightMyRequestResponse, status: number, type: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<{ type: string; detail: string; errors?: { path: string; message: string }[] }>();
  expect(body).toMatchObject({ type, status });
  return body;
}

interface Detail {
  id: string;
  versionId: string;
  version: string;
  status: string;
  title: string;
  credits: number;
  provider: { id: string; name: string };
  collaborators: { id: string; name: string }[];
  content: AchievementContent;
  versions: { id: string; version: string; status: string; publishedAt: string | null }[];
  signOffs: {
    user: { id: string };
    organisation: { id: string };
    organisationKind: string;
    current: boolean;
  }[];
  requiredSignOffKinds: string[];
  missingSignOffKinds: string[];
  comments: { id: string; author: { id: string; name: string } | null; body: string }[];
  history: {
    action: string;
    fromStatus: string | null;
    toStatus: string;
    actor: { id: string } | null;
    note: string;
  }[];
  abilities: Record<string, boolean>;
  publishedAt: string | null;
}

const FRAMEWORK = JSON.parse(
  readFileSync(new URL('../fixtures/frameworks/demo-framework.json', import.meta.url), 'utf8'),
) as FrameworkContent;

type Person = Awaited<ReturnType<typeof personWithOrganisation>>;

describe('authoring micro-credentials', () => {
  let t: TestApp;
  let frameworkId: string;
  /** An author of an employer: owns the micro-credentials below. */
  let employer: Person;
  /** An author of an education provider, co-designing them. */
  let educator: Person;
  /** An author of another employer, in no design team here. */
  let outsider: Person;
  let codes = 0;

  beforeAll(async () => {
    t = await createTestApp();
    employer = await personWithOrganisation(t.app, 'employer');
    educator = await personWithOrganisation(t.app, 'education_provider');
    outsider = await personWithOrganisation(t.app, 'employer');
    for (const p of [employer, educator, outsider]) {
      await t.deps.store.memberships.grant(p.organisationId, p.userId, ['author']);
    }
    frameworkId = await saveNewFramework(t.deps, null, FRAMEWORK);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Valid content aligned to the fixture framework; each call gets its own code. */
  const content = (overrides: Partial<AchievementContent> = {}): AchievementContent => ({
    title: 'Culvert Inspection on Rural Roads',
    summary: 'Inspect culverts and rate their condition on a rural road network.',
    description: 'Walks the learner through planning, carrying out and recording a culvert inspection.',
    criteriaNarrative: 'The learner inspects five culverts and records their condition with photos.',
    achievementType: 'MicroCredential',
    code: `CUL-${String(++codes).padStart(3, '0')}`,
    competencies: [
      { frameworkId, code: 'QSF-05', targetLevel: 2 },
      { frameworkId, code: 'RSK-04', targetLevel: 2 },
    ],
    nzqfLevel: 4,
    credits: 5,
    assessmentMethods: ['Field observation'],
    criteria: [
      { id: 'c1', title: 'Rates condition', evidenceRequirements: ['Inspection record with photos'] },
    ],
    rplAllowed: false,
    rplEvidence: '',
    tags: ['culverts'],
    language: 'en',
    badge: { shape: 'hexagon', colour: '#0f766e' },
    nzqa: {},
    ...overrides,
  });

  /**
   * Versions and comments are ordered by time; the test clock stands still unless moved, so every
   * change happens a second after the one before, as it would for people.
   */
  const later = () => {
    t.clock.advance(1000);
  };
  const create = (by: Browser, body: Record<string, unknown>) => {
    later();
    return by.post('/api/v1/achievements', body);
  };

  /** A draft owned by the employer, co-designed with the education provider. */
  async function draft(overrides: Partial<AchievementContent> = {}) {
    const res = await create(employer.browser, {
      organisationId: employer.organisationId,
      collaboratorIds: [educator.organisationId],
      content: content(overrides),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Detail>();
  }

  const move = (by: Browser, versionId: string, action: string, note?: string) => {
    later();
    return by.post(`/api/v1/achievement-versions/${versionId}/transitions`, {
      action,
      ...(note ? { note } : {}),
    });
  };
  const signOff = (by: Browser, versionId: string, organisationId: string) => {
    later();
    return by.post(`/api/v1/achievement-versions/${versionId}/sign-offs`, { organisationId });
  };
  const edit = (by: Browser, versionId: string, body: Record<string, unknown>) => {
    later();
    return by.put(`/api/v1/achievement-versions/${versionId}`, body);
  };
  const comment = (by: Browser, versionId: string, body: string) => {
    later();
    return by.post(`/api/v1/achievement-versions/${versionId}/comments`, { body });
  };
  const startVersion = (by: Browser, achievementId: string, bump: string, changeNote: string) => {
    later();
    return by.post(`/api/v1/achievements/${achievementId}/versions`, { bump, changeNote });
  };

  /** Drafted, submitted, signed off by both organisations and published. */
  async function published(overrides: Partial<AchievementContent> = {}) {
    const d = await draft(overrides);
    await publishVersion(d.versionId);
    return d;
  }
  async function publishVersion(versionId: string) {
    expect((await move(employer.browser, versionId, 'submit')).statusCode).toBe(200);
    expect((await signOff(employer.browser, versionId, employer.organisationId)).statusCode).toBe(200);
    expect((await signOff(educator.browser, versionId, educator.organisationId)).statusCode).toBe(200);
    const res = await move(employer.browser, versionId, 'publish');
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Detail>();
  }

  /** The public catalogue, as anyone without a session sees it. */
  const catalogue = async (code: string) => {
    const res = await browser(t.app).get(`/api/v1/achievements?q=${encodeURIComponent(code)}&limit=100`);
    expect(res.statusCode, res.body).toBe(200);
    return res
      .json<{ items: { id: string; versionId: string; code: string; version: string; credits: number }[] }>()
      .items.filter((i) => i.code === code);
  };

  /** What the database holds about one version, to show that a refused request changed nothing. */
  const stored = async (versionId: string) => {
    const [row] = await t.database.db.query<Record<string, unknown>>(
      `SELECT v.status, v.content_hash, v.credits, v.updated_at, v.content,
              (SELECT count(*)::int FROM version_transitions WHERE version_id = v.id) AS transitions,
              (SELECT count(*)::int FROM version_sign_offs WHERE version_id = v.id) AS sign_offs,
              (SELECT count(*)::int FROM version_comments WHERE version_id = v.id) AS comments,
              (SELECT count(*)::int FROM achievement_collaborators WHERE achievement_id = v.achievement_id) AS collaborators
         FROM achievement_versions v WHERE v.id = $1`,
      [versionId],
    );
    return row;
  };
  const counts = async () => {
    const [row] = await t.database.db.query<{ achievements: number; versions: number; frameworks: number }>(
      `SELECT (SELECT count(*)::int FROM achievements) AS achievements,
              (SELECT count(*)::int FROM achievement_versions) AS versions,
              (SELECT count(*)::int FROM frameworks) AS frameworks`,
    );
    return row;
  };

  describe('creating and co-designing', () => {
    it('creates a draft 0.1.0 owned by the caller’s organisation, visible to the team only', async () => {
      const body = content({ code: 'CUL-NEW' });
      const res = await create(employer.browser, {
        organisationId: employer.organisationId,
        collaboratorIds: [educator.organisationId],
        content: body,
      });

      expect(res.statusCode, res.body).toBe(201);
      const d = res.json<Detail>();
      expect(res.headers.location).toBe(`/api/v1/achievements/${d.id}`);
      expect(d).toMatchObject({
        version: '0.1.0',
        status: 'draft',
        title: body.title,
        credits: 5,
        provider: { id: employer.organisationId, name: aString },
        collaborators: [{ id: educator.organisationId, name: aString }],
        content: body,
        requiredSignOffKinds: ['employer', 'education_provider'],
        missingSignOffKinds: ['employer', 'education_provider'],
        publishedAt: null,
        abilities: { edit: true, submit: true, publish: false, retire: false, startNewVersion: false },
      });
      expect(d.versions).toEqual([like({ id: d.versionId, version: '0.1.0', status: 'draft' })]);
      expect(d.history).toEqual([
        like({
          action: 'create',
          fromStatus: null,
          toStatus: 'draft',
          actor: like({ id: employer.userId }),
        }),
      ]);
      expect(await stored(d.versionId)).toMatchObject({
        status: 'draft',
        credits: 5,
        transitions: 1,
        collaborators: 1,
      });
      expect(await catalogue('CUL-NEW')).toEqual([]);
      // The co-designer sees it in their list; the outsider does not.
      const mine = async (b: Browser) =>
        (await b.get('/api/v1/me/achievements')).json<{ items: { id: string }[] }>().items.map((i) => i.id);
      expect(await mine(educator.browser)).toContain(d.id);
      expect(await mine(outsider.browser)).not.toContain(d.id);
    });

    it('lets an author of the co-designing organisation edit the draft', async () => {
      const d = await draft();
      const changed = { ...d.content, summary: 'Inspect, rate and report on culverts.', credits: 6 };

      const res = await edit(educator.browser, d.versionId, {
        content: changed,
        changeNote: 'Educator review.',
      });

      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'draft',
        credits: 6,
        content: changed,
        changeNote: 'Educator review.',
      });
      expect(await stored(d.versionId)).toMatchObject({ credits: 6, content: changed });
    });

    it('hides a draft from people outside the design team and refuses their changes', async () => {
      const d = await draft();
      const before = await stored(d.versionId);
      const anonymous = browser(t.app);

      for (const b of [outsider.browser, anonymous]) {
        expectProblem(await b.get(`/api/v1/achievements/${d.id}`), 404, '/problems/not-found');
        expectProblem(await b.get(`/api/v1/achievements/${d.versionId}`), 404, '/problems/not-found');
        expectProblem(
          await b.get(`/api/v1/achievement-versions/${d.versionId}/image`),
          404,
          '/problems/not-found',
        );
      }
      expectProblem(
        await edit(outsider.browser, d.versionId, { content: { ...d.content, credits: 40 } }),
        403,
        '/problems/not-allowed',
      );
      expectProblem(await move(outsider.browser, d.versionId, 'submit'), 403, '/problems/not-allowed');
      expectProblem(
        await signOff(outsider.browser, d.versionId, outsider.organisationId),
        403,
        '/problems/not-allowed',
      );
      expectProblem(await comment(outsider.browser, d.versionId, 'Looks fine'), 403, '/problems/not-allowed');
      expectProblem(
        await edit(anonymous, d.versionId, { content: { ...d.content, credits: 40 } }),
        401,
        '/problems/sign-in-required',
      );
      // Nobody may create in an organisation they are not an author of.
      expectProblem(
        await create(outsider.browser, {
          organisationId: employer.organisationId,
          collaboratorIds: [],
          content: content(),
        }),
        403,
        '/problems/not-allowed',
      );
      expect(await stored(d.versionId)).toEqual(before);
    });
  });

  describe('review, sign-off and publishing', () => {
    it('publishes only with current sign-offs from an employer and an education provider', async () => {
      const d = await draft({ code: 'CUL-PUB' });

      const submitted = await move(employer.browser, d.versionId, 'submit', 'Ready for review.');
      expect(submitted.statusCode, submitted.body).toBe(200);
      expect(submitted.json()).toMatchObject({ status: 'in_review' });

      const unsigned = await stored(d.versionId);
      const refused = expectProblem(
        await move(employer.browser, d.versionId, 'publish'),
        409,
        '/problems/sign-offs-missing',
      );
      expect(refused).toMatchObject({ missing: 'employer,education_provider' });
      expect(refused.detail).toMatch(/employer.*education provider/);
      expect(await stored(d.versionId)).toEqual(unsigned);

      // One organisation kind is not enough.
      expect((await signOff(employer.browser, d.versionId, employer.organisationId)).statusCode).toBe(200);
      const halfSigned = await stored(d.versionId);
      expect(
        expectProblem(
          await move(educator.browser, d.versionId, 'publish'),
          409,
          '/problems/sign-offs-missing',
        ),
      ).toMatchObject({ missing: 'education_provider' });
      expect(await stored(d.versionId)).toEqual(halfSigned);
      expect(await catalogue('CUL-PUB')).toEqual([]);
      // An author signs only for their own organisation.
      expectProblem(
        await signOff(employer.browser, d.versionId, educator.organisationId),
        403,
        '/problems/not-allowed',
      );

      const signed = await signOff(educator.browser, d.versionId, educator.organisationId);
      expect(signed.json()).toMatchObject({
        missingSignOffKinds: [],
        signOffs: [
          like({
            organisationKind: 'employer',
            current: true,
            user: like({ id: employer.userId }),
          }),
          like({
            organisationKind: 'education_provider',
            current: true,
            user: like({ id: educator.userId }),
          }),
        ],
      });

      const res = await move(educator.browser, d.versionId, 'publish', 'Co-designed and signed.');
      expect(res.statusCode, res.body).toBe(200);
      const live = res.json<Detail>();
      expect(live).toMatchObject({ status: 'published', publishedAt: aString });
      expect(live.history.map((h) => [h.action, h.fromStatus, h.toStatus, h.actor?.id, h.note])).toEqual([
        ['create', null, 'draft', employer.userId, 'First draft.'],
        ['submit', 'draft', 'in_review', employer.userId, 'Ready for review.'],
        ['publish', 'in_review', 'published', educator.userId, 'Co-designed and signed.'],
      ]);
      expect(await catalogue('CUL-PUB')).toEqual([
        like({ id: d.id, versionId: d.versionId, version: '0.1.0' }),
      ]);
      // Now public: anyone may read it.
      expect((await browser(t.app).get(`/api/v1/achievements/${d.id}`)).json()).toMatchObject({
        versionId: d.versionId,
        status: 'published',
      });
    });

    it('never changes a published version', async () => {
      const d = await published();
      const before = await stored(d.versionId);

      const refused = expectProblem(
        await edit(employer.browser, d.versionId, { content: { ...d.content, credits: 10 } }),
        409,
        '/problems/version-not-editable',
      );
      expect(refused.detail).toMatch(/new version/i);
      expectProblem(
        await signOff(employer.browser, d.versionId, employer.organisationId),
        409,
        '/problems/version-not-editable',
      );
      expectProblem(
        await comment(educator.browser, d.versionId, 'Too late?'),
        409,
        '/problems/version-not-editable',
      );
      expectProblem(
        await move(employer.browser, d.versionId, 'publish'),
        409,
        '/problems/transition-not-allowed',
      );
      expectProblem(
        await move(employer.browser, d.versionId, 'submit'),
        409,
        '/problems/transition-not-allowed',
      );
      expect(await stored(d.versionId)).toEqual(before);
    });

    it('makes a sign-off stale when the content changes after it', async () => {
      const d = await draft();
      await move(employer.browser, d.versionId, 'submit');
      await signOff(employer.browser, d.versionId, employer.organisationId);
      await signOff(educator.browser, d.versionId, educator.organisationId);

      const edited = await edit(educator.browser, d.versionId, { content: { ...d.content, credits: 8 } });

      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json()).toMatchObject({
        status: 'in_review',
        missingSignOffKinds: ['employer', 'education_provider'],
        signOffs: [like({ current: false }), like({ current: false })],
      });
      const before = await stored(d.versionId);
      expectProblem(await move(employer.browser, d.versionId, 'publish'), 409, '/problems/sign-offs-missing');
      expect(await stored(d.versionId)).toEqual(before);

      await signOff(employer.browser, d.versionId, employer.organisationId);
      expect(
        expectProblem(
          await move(employer.browser, d.versionId, 'publish'),
          409,
          '/problems/sign-offs-missing',
        ),
      ).toMatchObject({ missing: 'education_provider' });
      await signOff(educator.browser, d.versionId, educator.organisationId);
      const res = await move(employer.browser, d.versionId, 'publish');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'published', credits: 8 });
    });

    it('returns a version in review to draft, and only then lets it be submitted again', async () => {
      const d = await draft();
      await move(employer.browser, d.versionId, 'submit');

      expectProblem(
        await move(employer.browser, d.versionId, 'submit'),
        409,
        '/problems/transition-not-allowed',
      );
      const back = await move(educator.browser, d.versionId, 'return_to_draft', 'Needs a second criterion.');
      expect(back.json()).toMatchObject({ status: 'draft' });
      expectProblem(
        await move(employer.browser, d.versionId, 'publish'),
        409,
        '/problems/transition-not-allowed',
      );
      expect(await stored(d.versionId)).toMatchObject({ status: 'draft', transitions: 3 });
    });

    it('needs only the sign-offs the owner organisation requires', async () => {
      try {
        await t.deps.store.organisations.setRequiredSignOffKinds(employer.organisationId, ['employer']);
        const d = await draft();
        await move(employer.browser, d.versionId, 'submit');
        await signOff(employer.browser, d.versionId, employer.organisationId);

        const res = await move(employer.browser, d.versionId, 'publish');

        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toMatchObject({
          status: 'published',
          requiredSignOffKinds: ['employer'],
          missingSignOffKinds: [],
        });

        await t.deps.store.organisations.setRequiredSignOffKinds(employer.organisationId, [
          'professional_body',
        ]);
        const other = await draft();
        await move(employer.browser, other.versionId, 'submit');
        await signOff(employer.browser, other.versionId, employer.organisationId);
        await signOff(educator.browser, other.versionId, educator.organisationId);
        const refused = expectProblem(
          await move(employer.browser, other.versionId, 'publish'),
          409,
          '/problems/sign-offs-missing',
        );
        expect(refused).toMatchObject({ missing: 'professional_body' });
        expect(await stored(other.versionId)).toMatchObject({ status: 'in_review' });
      } finally {
        await t.deps.store.organisations.setRequiredSignOffKinds(employer.organisationId, [
          'employer',
          'education_provider',
        ]);
      }
    });
  });

  describe('versions', () => {
    it('starts a new version as a draft copy, publishes it and supersedes the earlier one', async () => {
      const first = await published({ code: 'CUL-VER' });

      const started = await startVersion(employer.browser, first.id, 'minor', 'Raise the credit value.');

      expect(started.statusCode, started.body).toBe(201);
      const second = started.json<Detail>();
      expect(second).toMatchObject({
        id: first.id,
        version: '0.2.0',
        status: 'draft',
        content: first.content,
      });
      expect(second.versionId).not.toBe(first.versionId);
      const again = expectProblem(
        await startVersion(educator.browser, first.id, 'major', 'Also'),
        409,
        '/problems/draft-already-open',
      );
      expect(again.detail).toContain('0.2.0');
      expect((await employer.browser.get(`/api/v1/achievements/${first.id}`)).json()).toMatchObject({
        versions: [like({ version: '0.2.0' }), like({ version: '0.1.0' })],
      });
      expect(await stored(first.versionId)).toMatchObject({ status: 'published' });

      expect(
        (await edit(educator.browser, second.versionId, { content: { ...first.content, credits: 10 } }))
          .statusCode,
      ).toBe(200);
      // While 0.2.0 is being written, the catalogue still shows 0.1.0.
      expect(await catalogue('CUL-VER')).toEqual([like({ version: '0.1.0', credits: 5 })]);
      const live = await publishVersion(second.versionId);

      expect(live).toMatchObject({ version: '0.2.0', status: 'published', credits: 10 });
      expect(await catalogue('CUL-VER')).toEqual([
        like({ id: first.id, versionId: second.versionId, version: '0.2.0', credits: 10 }),
      ]);
      const old = await browser(t.app).get(`/api/v1/achievements/${first.versionId}`);
      expect(old.statusCode, old.body).toBe(200);
      expect(old.json()).toMatchObject({
        versionId: first.versionId,
        version: '0.1.0',
        status: 'superseded',
        credits: 5,
        publishedAt: aString,
      });
      expect(old.json<Detail>().history.map((h) => [h.action, h.toStatus, h.actor?.id])).toEqual([
        ['create', 'draft', employer.userId],
        ['submit', 'in_review', employer.userId],
        ['publish', 'published', employer.userId],
        ['supersede', 'superseded', employer.userId],
      ]);
      expect((await browser(t.app).get(`/api/v1/achievements/${first.id}`)).json<Detail>().versions).toEqual([
        like({ id: second.versionId, version: '0.2.0', status: 'published' }),
        like({ id: first.versionId, version: '0.1.0', status: 'superseded' }),
      ]);

      const diff = await browser(t.app).get(
        `/api/v1/achievement-versions/${first.versionId}/diff/${second.versionId}`,
      );
      expect(diff.statusCode, diff.body).toBe(200);
      expect(diff.json()).toEqual({
        from: like({ id: first.versionId, version: '0.1.0' }),
        to: like({ id: second.versionId, version: '0.2.0' }),
        changes: [{ kind: 'scalar', field: 'credits', label: 'Credits', before: 5, after: 10 }],
      });

      // The next version counts on from the highest, and a major bump resets the rest.
      const third = await startVersion(employer.browser, first.id, 'major', 'Restructure.');
      expect(third.json()).toMatchObject({ version: '1.0.0', status: 'draft', credits: 10 });
    });

    it('records comments on a draft with their author', async () => {
      const d = await draft();

      const res = await comment(educator.browser, d.versionId, '  Add a criterion on reporting defects.  ');

      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toEqual({
        id: aString,
        author: { id: educator.userId, name: 'Org Admin' },
        body: 'Add a criterion on reporting defects.',
        createdAt: aString,
      });
      await comment(employer.browser, d.versionId, 'Agreed.');
      const detail = (await employer.browser.get(`/api/v1/achievements/${d.versionId}`)).json<Detail>();
      expect(detail.comments.map((c) => [c.author?.id, c.body])).toEqual([
        [educator.userId, 'Add a criterion on reporting defects.'],
        [employer.userId, 'Agreed.'],
      ]);
      const before = await stored(d.versionId);
      expectProblem(await comment(employer.browser, d.versionId, '   '), 422, '/problems/invalid-input');
      expectProblem(await comment(employer.browser, d.versionId, ''), 400, '/problems/request-invalid');
      expect(await stored(d.versionId)).toEqual(before);
    });

    it('retires a published micro-credential: gone from the catalogue, still on record', async () => {
      const d = await published({ code: 'CUL-RET' });
      expect(await catalogue('CUL-RET')).toHaveLength(1);

      // Retiring is for the owner's people, not the co-designers.
      expectProblem(await move(educator.browser, d.versionId, 'retire'), 403, '/problems/not-allowed');
      expect(await stored(d.versionId)).toMatchObject({ status: 'published' });
      const res = await move(employer.browser, d.versionId, 'retire', 'Replaced by CUL-200.');

      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'retired' });
      expect(await catalogue('CUL-RET')).toEqual([]);
      const record = await browser(t.app).get(`/api/v1/achievements/${d.id}`);
      expect(record.json()).toMatchObject({ versionId: d.versionId, status: 'retired' });
      expect(record.json<Detail>().history.at(-1)).toMatchObject({
        action: 'retire',
        fromStatus: 'published',
        toStatus: 'retired',
        actor: { id: employer.userId },
        note: 'Replaced by CUL-200.',
      });
      expectProblem(
        await move(employer.browser, d.versionId, 'retire'),
        409,
        '/problems/transition-not-allowed',
      );
    });
  });

  describe('bad content', () => {
    /** Creating with `overrides` is refused and nothing is stored. */
    async function refusedCreate(overrides: Record<string, unknown>, status: number, type: string) {
      const before = await counts();
      const res = await create(employer.browser, {
        organisationId: employer.organisationId,
        collaboratorIds: [educator.organisationId],
        content: { ...content(), ...overrides },
      });
      const problem = expectProblem(res, status, type);
      expect(await counts()).toEqual(before);
      return problem;
    }

    it.each([0, 41, -3])('refuses %s credits with a message about credits at /credits', async (credits) => {
      const problem = await refusedCreate({ credits }, 422, '/problems/invalid-input');
      expect(problem.errors).toEqual([{ path: '/credits', message: matching(/^Credits .*1 to 40/) }]);
    });

    it('refuses fractional credits as not matching the schema', async () => {
      const problem = await refusedCreate({ credits: 2.5 }, 400, '/problems/request-invalid');
      expect(problem.errors).toEqual([
        { path: '/content/credits', message: matching(/credits must be integer/) },
      ]);
    });

    it('refuses a target level outside the framework’s scale', async () => {
      const problem = await refusedCreate(
        { competencies: [{ frameworkId, code: 'QSF-05', targetLevel: 6 }] },
        422,
        '/problems/invalid-input',
      );
      expect(problem.errors).toEqual([
        { path: '/competencies/0/targetLevel', message: containing('1 to 5') },
      ]);
    });

    it('refuses a competency the framework does not have', async () => {
      const problem = await refusedCreate(
        { competencies: [{ frameworkId, code: 'QSF-99', targetLevel: 2 }] },
        422,
        '/problems/invalid-input',
      );
      expect(problem.errors).toEqual([{ path: '/competencies/0/code', message: containing('QSF-99') }]);
    });

    it('refuses an unknown framework', async () => {
      const problem = await refusedCreate(
        { competencies: [{ frameworkId: randomUUID(), code: 'QSF-05', targetLevel: 2 }] },
        422,
        '/problems/invalid-input',
      );
      expect(problem.errors).toEqual([
        { path: '/competencies/0/frameworkId', message: 'Unknown competency framework.' },
      ]);
    });

    it('refuses fields content does not have', async () => {
      const problem = await refusedCreate({ colour: '#ff0000' }, 400, '/problems/request-invalid');
      expect(problem.errors).toEqual([{ path: '/content/colour', message: containing('colour') }]);
    });

    it('refuses every broken rule at once, naming each field', async () => {
      const problem = await refusedCreate(
        {
          title: 'ab',
          credits: 50,
          nzqfLevel: 11,
          criteria: [],
          rplAllowed: true,
          rplEvidence: ' ',
          competencies: [],
        },
        422,
        '/problems/invalid-input',
      );
      expect(problem.errors?.map((e) => e.path).sort()).toEqual(
        ['/title', '/credits', '/nzqfLevel', '/competencies', '/criteria', '/rplEvidence'].sort(),
      );
    });

    it('refuses a bad edit and keeps the draft as it was', async () => {
      const d = await draft();
      const before = await stored(d.versionId);

      expectProblem(
        await edit(employer.browser, d.versionId, { content: { ...d.content, credits: 41 } }),
        422,
        '/problems/invalid-input',
      );
      expectProblem(
        await edit(employer.browser, d.versionId, {
          content: { ...d.content, competencies: [{ frameworkId, code: 'QSF-05', targetLevel: 6 }] },
        }),
        422,
        '/problems/invalid-input',
      );
      expectProblem(
        await edit(employer.browser, d.versionId, { content: d.content, collaboratorIds: [randomUUID()] }),
        422,
        '/problems/invalid-input',
      );
      expect(await stored(d.versionId)).toEqual(before);
    });
  });

  describe('badge images', () => {
    const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const upload = (by: Browser, versionId: string, body: Buffer | string, contentType: string) =>
      by.put(`/api/v1/achievement-versions/${versionId}/image`, body, { 'content-type': contentType });
    const badgeRows = async (versionId: string) =>
      (await t.database.db.query('SELECT 1 FROM badge_images WHERE version_id = $1', [versionId])).length;

    it('stores an SVG with its script removed', async () => {
      const d = await draft();
      const svg =
        '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" onload="alert(1)">' +
        '<script>alert(document.cookie)</script><circle cx="128" cy="128" r="100" fill="#0f766e"/></svg>';

      const res = await upload(employer.browser, d.versionId, svg, 'image/svg+xml');

      expect(res.statusCode, res.body).toBe(204);
      const image = await employer.browser.get(`/api/v1/achievement-versions/${d.versionId}/image`);
      expect(image.statusCode).toBe(200);
      expect(image.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(image.body).toContain('<circle');
      expect(image.body).toContain('#0f766e');
      expect(image.body).not.toMatch(/script|onload|alert/i);
    });

    it('refuses a PNG sent as SVG, an oversized body and a text body, keeping the badge as it was', async () => {
      const d = await draft();
      const generated = (await employer.browser.get(`/api/v1/achievement-versions/${d.versionId}/image`))
        .body;
      expect(generated).toContain('<svg');

      const png = Buffer.concat([PNG_SIGNATURE, Buffer.alloc(64)]);
      const mislabelled = expectProblem(
        await upload(employer.browser, d.versionId, png, 'image/svg+xml'),
        422,
        '/problems/image-type-not-allowed',
      );
      expect(mislabelled).toMatchObject({ declaredType: 'image/svg+xml', detectedType: 'image/png' });
      const huge = Buffer.alloc(2 * 1024 * 1024, 0x20);
      expectProblem(
        await upload(employer.browser, d.versionId, huge, 'image/png'),
        413,
        '/problems/body-too-large',
      );
      expectProblem(
        await upload(employer.browser, d.versionId, 'just some text', 'text/plain'),
        415,
        '/problems/unsupported-media-type',
      );
      expectProblem(
        await upload(
          outsider.browser,
          d.versionId,
          '<svg xmlns="http://www.w3.org/2000/svg" width="99" height="99"/>',
          'image/svg+xml',
        ),
        403,
        '/problems/not-allowed',
      );

      expect(await badgeRows(d.versionId)).toBe(0);
      expect((await employer.browser.get(`/api/v1/achievement-versions/${d.versionId}/image`)).body).toBe(
        generated,
      );
    });
  });
});
