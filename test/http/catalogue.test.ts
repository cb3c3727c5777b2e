import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/app/seed-demo.js';
import type { AchievementContent } from '../../src/domain/achievements.js';
import { loadDemoData } from '../../src/demo/load-demo-data.js';
import { browser, createTestApp, type Browser, type TestApp } from '../support/app.js';

const aString: unknown = expect.any(String);
const containing = (text: string): unknown => expect.stringContaining(text);

/** Asymmetric matchers, typed `unknown` so they can sit in typed expectations. */
const like = (shape: object): unknown => expect.objectContaining(shape);
const matching = (pattern: RegExp | string): unknown => expect.stringMatching(pattern);
const anArray: unknown = expect.any(Array);

function expectProblem(res: LightMyRequestResponse, status: number, type: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<{ type: string; detail: string; errors?: { path: string; message: string }[] }>();
  expect(body).toMatchObject({ type, status });
  return body;
}

interface Endorsement {
  id: string;
  versionId: string;
  organisation: { id: string; name: string };
  endorsedBy: { id: string; name: string } | null;
  statement: string;
  createdAt: string;
}

interface CatalogueItem {
  id: string;
  versionId: string;
  title: string;
  code: string;
  version: string;
  credits: number;
  level: number;
  rplAllowed: boolean;
  provider: { id: string; name: string };
  skillAreas: string[];
  competencies: { id: string; frameworkId: string; code: string; name: string; targetLevel: number }[];
  endorsements: Endorsement[];
  publishedAt: string | null;
}

interface Page {
  items: CatalogueItem[];
  total: number;
  limit: number;
  offset: number;
}

interface Detail {
  id: string;
  versionId: string;
  version: string;
  status: string;
  credits: number;
  content: AchievementContent;
  endorsements: Endorsement[];
  versions: { id: string; version: string; status: string; publishedAt: string | null }[];
}

const DEMO_CODES = [
  'IAM-101',
  'IAM-102',
  'IAM-103',
  'IAM-201',
  'IAM-202',
  'IAM-203',
  'IAM-204',
  'IAM-205',
  'IAM-206',
  'IAM-207',
  'IAM-301',
  'IAM-302',
  'IAM-303',
  'IAM-401',
];
/** The demo catalogue by title, as sort=title (the default without a query) returns it. */
const BY_TITLE = [
  'IAM-103', // Applied Numeracy …
  'IAM-102', // Asset Data …
  'IAM-302', // Asset Management Plan …
  'IAM-205', // Condition Assessment …
  'IAM-206', // Engaging Communities …
  'IAM-101', // I.AM Foundations …
  'IAM-401', // Leading Asset Management …
  'IAM-201', // Levels of Service …
  'IAM-202', // Lifecycle Planning …
  'IAM-303', // Long-Term Financial Planning …
  'IAM-301', // Optimised Decision-Making …
  'IAM-203', // Risk and Criticality …
  'IAM-207', // Te Tiriti …
  'IAM-204', // Valuation and Depreciation …
];

describe('the catalogue', () => {
  let t: TestApp;
  const anonymous = () => browser(t.app);
  const org = new Map<string, string>();
  let frameworkId: string;
  /** Competency ids by code, from the public coverage report. */
  const competencyId = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.deps, loadDemoData());
    for (const slug of ['iamsa', 'kowhai-dc', 'harbourview-cc', 'totara-poly', 'ridgeline']) {
      const o = await t.deps.store.organisations.findBySlug(slug);
      if (!o) throw new Error(`demo organisation ${slug} missing`);
      org.set(slug, o.id);
    }
    const [framework] = await t.deps.store.frameworks.list();
    frameworkId = framework?.id ?? '';
    const coverage = await anonymous().get(`/api/v1/frameworks/${frameworkId}/coverage`);
    for (const c of coverage.json<{ competencies: { id: string; code: string }[] }>().competencies) {
      competencyId.set(c.code, c.id);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const idOf = (slug: string) => org.get(slug) ?? '';
  const search = async (query: string, b: Browser = anonymous()) => {
    const res = await b.get(`/api/v1/achievements${query === '' ? '' : `?${query}`}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  };
  const codes = async (query: string) => (await search(query)).items.map((i) => i.code);
  const sorted = (list: string[]) => [...list].sort();

  /** A demo person, signed in with the documented demo password. */
  async function demoPerson(email: string) {
    const b = browser(t.app);
    const res = await b.post('/api/v1/auth/sign-in', { email, password: 'cairn-demo' });
    expect(res.statusCode, res.body).toBe(200);
    return { browser: b, userId: res.json<{ user: { id: string } }>().user.id };
  }

  describe('contract for integrators (demo data)', () => {
    it('answers a public search with published micro-credentials in a fixed shape', async () => {
      const res = await anonymous().get('/api/v1/achievements?q=valuation');

      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<Page>();
      expect(page).toMatchObject({ limit: 20, offset: 0 });
      const item = page.items.find((i) => i.code === 'IAM-204');
      expect(item).toEqual({
        id: aString,
        versionId: aString,
        title: 'Valuation and Depreciation Essentials',
        code: 'IAM-204',
        summary: aString,
        version: '0.9.0',
        achievementType: 'MicroCredential',
        credits: 5,
        notionalHours: 50,
        level: 5,
        rplAllowed: true,
        provider: { id: idOf('iamsa'), name: 'Infrastructure Asset Management Society of Aotearoa (IAMSA)' },
        skillAreas: ['core_am', 'finance', 'maths'],
        competencies: ['FEC-01', 'FEC-02', 'QSF-01', 'DAT-02'].map((code, i) => ({
          id: competencyId.get(code),
          frameworkId,
          code,
          name: aString,
          targetLevel: [3, 3, 2, 2][i],
          skillAreas: anArray,
        })),
        endorsements: anArray,
        publishedAt: '2025-01-13T00:00:00.000Z',
        imageUrl: `/api/v1/achievement-versions/${item?.versionId ?? ''}/image`,
      });
      expect(item?.endorsements.map((e) => e.organisation.id).sort()).toEqual(
        [idOf('iamsa'), idOf('kowhai-dc'), idOf('harbourview-cc')].sort(),
      );
      expect(item?.endorsements[0]).toEqual({
        id: aString,
        versionId: item?.versionId,
        organisation: { id: aString, name: aString },
        endorsedBy: { id: aString, name: aString },
        statement: containing('endorses IAM-204'),
        createdAt: aString,
      });
    });

    it('lists all 14 published micro-credentials unfiltered', async () => {
      const page = await search('limit=100');

      expect(page.total).toBe(14);
      expect(sorted(page.items.map((i) => i.code))).toEqual(DEMO_CODES);
      // Only published versions: IAM-101 appears once, as 1.1.0, and the open 0.3.0 draft of IAM-206 does not.
      expect(page.items.find((i) => i.code === 'IAM-101')).toMatchObject({ version: '1.1.0', credits: 3 });
      expect(page.items.find((i) => i.code === 'IAM-206')).toMatchObject({ version: '0.2.0' });
    });

    it('gives one micro-credential with its versions, and a version by its own id', async () => {
      const { items } = await search('q=IAM-101');
      const listed = items.find((i) => i.code === 'IAM-101');
      if (!listed) throw new Error('IAM-101 not found');

      const res = await anonymous().get(`/api/v1/achievements/${listed.id}`);

      expect(res.statusCode, res.body).toBe(200);
      const detail = res.json<Detail>();
      expect(detail).toMatchObject({
        id: listed.id,
        versionId: listed.versionId,
        version: '1.1.0',
        status: 'published',
        credits: 3,
      });
      expect(detail.versions).toEqual([
        like({
          id: listed.versionId,
          version: '1.1.0',
          status: 'published',
          publishedAt: aString,
        }),
        like({ version: '1.0.0', status: 'superseded', publishedAt: aString }),
      ]);
      const earlierId = detail.versions[1]?.id ?? '';

      const earlier = await anonymous().get(`/api/v1/achievements/${earlierId}`);

      expect(earlier.statusCode, earlier.body).toBe(200);
      expect(earlier.json()).toMatchObject({
        id: listed.id,
        versionId: earlierId,
        version: '1.0.0',
        status: 'superseded',
        credits: 5,
        notionalHours: 50,
        content: { code: 'IAM-101', credits: 5 },
        // Endorsements belong to the version endorsed: the demo endorsed 1.1.0 only.
        endorsements: [],
      });
      expectProblem(
        await anonymous().get('/api/v1/achievements/00000000-0000-4000-8000-000000000000'),
        404,
        '/problems/not-found',
      );
    });

    it('exports the framework as CASE 1.1 that imports back without errors', async () => {
      const res = await anonymous().get(`/api/v1/frameworks/${frameworkId}/case`);

      expect(res.statusCode, res.body).toBe(200);
      const pkg = res.json<{
        CFDocument: Record<string, unknown>;
        CFItems: { identifier: string; CFItemType: string; humanCodingScheme: string }[];
        CFAssociations: {
          associationType: string;
          originNodeURI: { identifier: string };
          destinationNodeURI: { identifier: string };
        }[];
      }>();
      expect(pkg.CFDocument).toMatchObject({
        identifier: matching(/^[0-9a-f-]{36}$/),
        uri: matching(/^http:\/\/cairn\.test\/ims\/case\/v1p1\/CFDocuments\//),
        title: 'Infrastructure Asset Management Competency Framework',
        creator: 'Infrastructure Asset Management Society of Aotearoa (IAMSA)',
        caseVersion: '1.1',
        language: 'en-NZ',
        version: '2025.1',
      });
      const groups = pkg.CFItems.filter((i) => i.CFItemType === 'Competency Group');
      const competencies = pkg.CFItems.filter((i) => i.CFItemType === 'Competency');
      expect(groups.map((g) => g.humanCodingScheme)).toEqual([
        'FND',
        'QSF',
        'STR',
        'LCM',
        'RSK',
        'DAT',
        'FEC',
        'PEC',
      ]);
      expect(competencies).toHaveLength(42);
      expect(pkg.CFItems).toHaveLength(50);
      // Every item hangs in the tree: groups under the document, competencies under their group.
      const childOf = pkg.CFAssociations.filter((a) => a.associationType === 'isChildOf');
      expect(childOf).toHaveLength(50);
      const parent = new Map(
        childOf.map((a) => [a.originNodeURI.identifier, a.destinationNodeURI.identifier]),
      );
      const groupId = new Map(groups.map((g) => [g.humanCodingScheme, g.identifier]));
      for (const g of groups) expect(parent.get(g.identifier)).toBe(pkg.CFDocument.identifier);
      for (const c of competencies)
        expect(parent.get(c.identifier)).toBe(groupId.get(c.humanCodingScheme.split('-')[0] ?? ''));
      expect(pkg.CFAssociations.filter((a) => a.associationType === 'isRelatedTo').length).toBeGreaterThan(0);

      const anahera = await demoPerson('anahera.kingi@iamsa.example');
      const before = await t.deps.store.frameworks.list();
      const imported = await anahera.browser.post('/api/v1/frameworks/import', {
        organisationId: idOf('iamsa'),
        format: 'case',
        data: pkg,
        dryRun: true,
      });

      expect(imported.statusCode, imported.body).toBe(200);
      expect(imported.json()).toEqual({
        dryRun: true,
        frameworkId: null,
        title: 'Infrastructure Asset Management Competency Framework',
        groups: 8,
        competencies: 42,
        warnings: [],
      });
      expect(await t.deps.store.frameworks.list()).toEqual(before);
    });
  });

  describe('search', () => {
    it('ranks a title match first', async () => {
      expect((await codes('q=valuation'))[0]).toBe('IAM-204');
      expect((await codes('q=risk'))[0]).toBe('IAM-203');
      expect((await codes('q=engaging%20communities'))[0]).toBe('IAM-206');
    });

    it('finds words by their beginning while someone types', async () => {
      expect(await codes('q=valu')).toContain('IAM-204');
      expect((await codes('q=depreci'))[0]).toBe('IAM-204');
      expect(await codes('q=kaitiaki')).toContain('IAM-207');
    });

    it('tolerates a typo in a short query', async () => {
      const found = await codes('q=asest');
      // Every title with "Asset" in it.
      expect(found).toEqual(expect.arrayContaining(['IAM-101', 'IAM-102', 'IAM-103', 'IAM-302', 'IAM-401']));
      expect((await codes('q=valuaton'))[0]).toBe('IAM-204');
      expect((await codes('q=kaitiakitanaga'))[0]).toBe('IAM-207');
      // A typo in each word of a short query.
      expect((await codes('q=engagng%20comunities'))[0]).toBe('IAM-206');
    });

    it('finds nothing for words nobody uses', async () => {
      expect(await search('q=zzyzx')).toEqual({ items: [], total: 0, limit: 20, offset: 0 });
    });

    it('filters by competency (any of several)', async () => {
      const fec02 = competencyId.get('FEC-02') ?? '';
      const lcm04 = competencyId.get('LCM-04') ?? '';
      const lcm05 = competencyId.get('LCM-05') ?? '';

      expect(sorted(await codes(`competency=${fec02}`))).toEqual(['IAM-202', 'IAM-204', 'IAM-303']);
      expect(sorted(await codes(`competency=${fec02}&competency=${lcm04}`))).toEqual([
        'IAM-202',
        'IAM-204',
        'IAM-301',
        'IAM-303',
      ]);
      expect(await search(`competency=${lcm05}`)).toMatchObject({ items: [], total: 0 });
    });

    it('filters by skill area', async () => {
      expect(sorted(await codes('skillArea=sociology'))).toEqual([
        'IAM-101',
        'IAM-201',
        'IAM-206',
        'IAM-207',
        'IAM-401',
      ]);
      expect(sorted(await codes('skillArea=finance'))).toEqual(['IAM-202', 'IAM-204', 'IAM-302', 'IAM-303']);
      expect((await search('skillArea=astrology')).total).toBe(0);
    });

    it('filters by NZQF level and credits', async () => {
      expect(sorted(await codes('level=4'))).toEqual(['IAM-101', 'IAM-102', 'IAM-103']);
      expect(await codes('level=7')).toEqual(['IAM-401']);
      expect((await search('level=8')).total).toBe(0);
      expect(sorted(await codes('creditsMin=10&creditsMax=10'))).toEqual([
        'IAM-202',
        'IAM-205',
        'IAM-301',
        'IAM-303',
        'IAM-401',
      ]);
      expect(await codes('creditsMin=11')).toEqual(['IAM-302']);
      expect(await codes('creditsMax=4')).toEqual(['IAM-101']);
      expect((await search('creditsMin=20')).total).toBe(0);
    });

    it('filters by provider, endorser and recognition of prior learning', async () => {
      expect((await search(`provider=${idOf('iamsa')}&limit=100`)).total).toBe(14);
      expect((await search(`provider=${idOf('kowhai-dc')}`)).total).toBe(0);
      expect(sorted(await codes(`endorsedBy=${idOf('totara-poly')}`))).toEqual(['IAM-103', 'IAM-207']);
      expect(await codes(`endorsedBy=${idOf('ridgeline')}`)).toEqual(['IAM-401']);
      expect((await search(`endorsedBy=${idOf('kowhai-dc')}`)).total).toBe(8);
      expect((await search('rplAllowed=true')).total).toBe(14);
      expect((await search('rplAllowed=false')).total).toBe(0);
    });

    it('combines a query with filters', async () => {
      expect(sorted(await codes('q=asset&level=4'))).toEqual(['IAM-101', 'IAM-102', 'IAM-103']);
      expect(await codes(`q=planning&skillArea=finance&creditsMin=15`)).toEqual(['IAM-302']);
    });

    it('sorts by title (the default without a query) and by credits', async () => {
      expect(await codes('limit=100')).toEqual(BY_TITLE);
      expect(await codes('sort=title&limit=100')).toEqual(BY_TITLE);
      const byCredits = (await search('sort=credits&limit=100')).items;
      expect(byCredits.map((i) => i.code)).toEqual([
        'IAM-101',
        'IAM-103',
        'IAM-102',
        'IAM-206',
        'IAM-201',
        'IAM-203',
        'IAM-207',
        'IAM-204',
        'IAM-205',
        'IAM-401',
        'IAM-202',
        'IAM-303',
        'IAM-301',
        'IAM-302',
      ]);
      expect(byCredits.map((i) => i.credits)).toEqual([3, 5, 5, 5, 5, 5, 5, 5, 10, 10, 10, 10, 10, 15]);
    });

    it('pages through results and still counts them past the end', async () => {
      const pages = [];
      for (const offset of [0, 5, 10]) pages.push(await search(`limit=5&offset=${offset}`));

      expect(pages.map((p) => [p.items.length, p.total, p.limit, p.offset])).toEqual([
        [5, 14, 5, 0],
        [5, 14, 5, 5],
        [4, 14, 5, 10],
      ]);
      expect(pages.flatMap((p) => p.items.map((i) => i.code))).toEqual(BY_TITLE);
      expect(await search('limit=5&offset=100')).toEqual({ items: [], total: 14, limit: 5, offset: 100 });
      expect(await search('q=asset&limit=5&offset=100')).toMatchObject({
        items: [],
        total: (await search('q=asset')).total,
      });
    });

    it.each([
      ['level=11', '/level'],
      ['level=four', '/level'],
      ['creditsMin=-1', '/creditsMin'],
      ['creditsMax=41', '/creditsMax'],
      ['limit=0', '/limit'],
      ['limit=101', '/limit'],
      ['offset=-1', '/offset'],
      ['sort=popularity', '/sort'],
      ['competency=FEC-02', '/competency/0'],
      ['provider=iamsa', '/provider'],
      ['endorsedBy=42', '/endorsedBy'],
      ['rplAllowed=perhaps', '/rplAllowed'],
      [`q=${'x'.repeat(201)}`, '/q'],
      ['colour=blue', '/colour'],
    ])('refuses %s with 400 naming the parameter', async (query, path) => {
      const res = await anonymous().get(`/api/v1/achievements?${query}`);

      const problem = expectProblem(res, 400, '/problems/request-invalid');
      expect(problem.errors?.map((e) => e.path)).toContain(path);
    });
  });

  describe('micro-credentials published by others', () => {
    /** Grant Mackenzie, author at Kōwhai District Council (an employer). */
    let grant: Awaited<ReturnType<typeof demoPerson>>;
    /** Dr Helen Walsh, author at Tōtara Polytechnic (an education provider). */
    let helen: Awaited<ReturnType<typeof demoPerson>>;
    /** Anahera Kingi, endorser for IAMSA (a professional body). */
    let anahera: Awaited<ReturnType<typeof demoPerson>>;
    let first: Detail;
    let second: Detail;

    const disposal = (overrides: Partial<AchievementContent>): AchievementContent => ({
      title: 'Disposal Planning for Stormwater Assets',
      summary: 'Plan the disposal and decommissioning of stormwater assets at the end of their useful life.',
      description:
        'Learners plan how stormwater pipes, culverts and detention ponds are decommissioned, disposed of or ' +
        'handed over, weighing residual value, environmental risk and community expectations.',
      criteriaNarrative:
        'The learner prepares a disposal plan for one stormwater asset, assessed by an industry assessor.',
      achievementType: 'MicroCredential',
      code: 'KDC-SW1',
      competencies: [
        { frameworkId, code: 'LCM-05', targetLevel: 2 },
        { frameworkId, code: 'LCM-06', targetLevel: 2 },
      ],
      nzqfLevel: 3,
      credits: 2,
      assessmentMethods: ['Workplace project'],
      criteria: [{ id: 'c1', title: 'Plans a disposal', evidenceRequirements: ['A disposal plan'] }],
      rplAllowed: false,
      rplEvidence: '',
      tags: ['stormwater'],
      language: 'en-NZ',
      badge: { shape: 'shield', colour: '#1d4ed8' },
      nzqa: {},
      ...overrides,
    });

    /** Co-designed by an employer and an education provider, signed off by both and published. */
    async function publish(content: AchievementContent) {
      t.clock.advance(60_000);
      const created = await grant.browser.post('/api/v1/achievements', {
        organisationId: idOf('kowhai-dc'),
        collaboratorIds: [idOf('totara-poly')],
        content,
      });
      expect(created.statusCode, created.body).toBe(201);
      const { versionId } = created.json<Detail>();
      const step = async (b: Browser, path: string, body: object) => {
        const res = await b.post(`/api/v1/achievement-versions/${versionId}/${path}`, body);
        expect(res.statusCode, res.body).toBe(200);
        return res.json<Detail>();
      };
      await step(grant.browser, 'transitions', { action: 'submit' });
      await step(grant.browser, 'sign-offs', { organisationId: idOf('kowhai-dc') });
      await step(helen.browser, 'sign-offs', { organisationId: idOf('totara-poly') });
      return step(helen.browser, 'transitions', { action: 'publish' });
    }

    beforeAll(async () => {
      grant = await demoPerson('grant.mackenzie@kowhai-dc.example');
      helen = await demoPerson('helen.walsh@totara-poly.example');
      anahera = await demoPerson('anahera.kingi@iamsa.example');
      first = await publish(disposal({}));
      second = await publish(
        disposal({
          title: 'Stormwater Asset Disposal Planning',
          code: 'KDC-SW2',
          summary: 'Plan the disposal and decommissioning of stormwater assets at the end of their life.',
        }),
      );
    });

    it('shows them in the catalogue beside the demo ones', async () => {
      expect((await search('limit=100')).total).toBe(16);
      expect(sorted(await codes(`provider=${idOf('kowhai-dc')}`))).toEqual(['KDC-SW1', 'KDC-SW2']);
      expect(sorted(await codes('rplAllowed=false'))).toEqual(['KDC-SW1', 'KDC-SW2']);
      expect(sorted(await codes('level=3'))).toEqual(['KDC-SW1', 'KDC-SW2']);
      expect(sorted(await codes('creditsMax=2'))).toEqual(['KDC-SW1', 'KDC-SW2']);
      expect(sorted(await codes(`competency=${competencyId.get('LCM-05') ?? ''}`))).toEqual([
        'KDC-SW1',
        'KDC-SW2',
      ]);
      // Newest first: the second was published a minute after the first, both after the demo's.
      expect((await codes('sort=newest&limit=3')).slice(0, 2)).toEqual(['KDC-SW2', 'KDC-SW1']);
      expect((await codes('q=stormwater%20disposal')).slice(0, 2).sort()).toEqual(['KDC-SW1', 'KDC-SW2']);
    });

    it('reports the two as an overlapping pair, naming what they share', async () => {
      const res = await anonymous().get('/api/v1/reports/overlap?threshold=0.5');

      expect(res.statusCode, res.body).toBe(200);
      const report = res.json<{
        threshold: number;
        compared: number;
        pairs: {
          score: number;
          competencyScore: number;
          textScore: number;
          a: { id: string; versionId: string; code: string; title: string; provider: { id: string } };
          b: { id: string; versionId: string; code: string; title: string; provider: { id: string } };
          sharedCompetencies: { id: string; code: string; name: string; levelA: number; levelB: number }[];
        }[];
      }>();
      expect(report).toMatchObject({ threshold: 0.5, compared: 16 });
      const pair = report.pairs.find((p) => sorted([p.a.code, p.b.code]).join() === 'KDC-SW1,KDC-SW2');
      if (!pair) throw new Error(`no KDC-SW1/KDC-SW2 pair in ${JSON.stringify(report.pairs)}`);
      expect(pair.score).toBeGreaterThanOrEqual(0.5);
      expect(pair.score).toBeLessThanOrEqual(1);
      expect(pair.competencyScore).toBe(1);
      expect(pair.textScore).toBeGreaterThan(0);
      expect(pair.textScore).toBeLessThan(1);
      expect(pair.score).toBeCloseTo(0.7 * pair.competencyScore + 0.3 * pair.textScore, 6);
      expect([pair.a.versionId, pair.b.versionId].sort()).toEqual([first.versionId, second.versionId].sort());
      expect(pair.a.provider.id).toBe(idOf('kowhai-dc'));
      expect(sorted(pair.sharedCompetencies.map((s) => `${s.code}:${s.levelA}:${s.levelB}`))).toEqual([
        'LCM-05:2:2',
        'LCM-06:2:2',
      ]);
      expect(pair.sharedCompetencies.every((s) => s.id === competencyId.get(s.code) && s.name !== '')).toBe(
        true,
      );
      // Most similar first.
      const scores = report.pairs.map((p) => p.score);
      expect(scores).toEqual([...scores].sort((x, y) => y - x));
      expect(report.pairs.every((p) => p.score >= 0.5)).toBe(true);
    });

    it('refuses overlap thresholds outside (0, 1]', async () => {
      for (const query of ['threshold=0', 'threshold=1.5', 'threshold=high', 'limit=0']) {
        expectProblem(
          await anonymous().get(`/api/v1/reports/overlap?${query}`),
          400,
          '/problems/request-invalid',
        );
      }
    });

    describe('endorsement', () => {
      it('lets a professional body’s endorser endorse a published version', async () => {
        const res = await anahera.browser.post(
          `/api/v1/achievement-versions/${first.versionId}/endorsements`,
          {
            organisationId: idOf('iamsa'),
            statement: 'IAMSA endorses KDC-SW1 as sound practice for stormwater asset disposal.',
          },
        );

        expect(res.statusCode, res.body).toBe(201);
        const endorsement = {
          id: aString,
          versionId: first.versionId,
          organisation: {
            id: idOf('iamsa'),
            name: 'Infrastructure Asset Management Society of Aotearoa (IAMSA)',
          },
          endorsedBy: { id: anahera.userId, name: 'Anahera Kingi' },
          statement: 'IAMSA endorses KDC-SW1 as sound practice for stormwater asset disposal.',
          createdAt: aString,
        };
        expect(res.json<Detail>().endorsements).toEqual([endorsement]);
        expect(
          (await anonymous().get(`/api/v1/achievements/${first.id}`)).json<Detail>().endorsements,
        ).toEqual([endorsement]);
        const listed = (await search('q=KDC-SW1')).items.find((i) => i.code === 'KDC-SW1');
        expect(listed?.endorsements).toEqual([endorsement]);
        expect(await codes(`endorsedBy=${idOf('iamsa')}&provider=${idOf('kowhai-dc')}`)).toEqual(['KDC-SW1']);
      });

      it('refuses a second endorsement by the same organisation', async () => {
        const before = await t.database.db.query('SELECT id FROM endorsements ORDER BY id');

        const res = await anahera.browser.post(
          `/api/v1/achievement-versions/${first.versionId}/endorsements`,
          {
            organisationId: idOf('iamsa'),
            statement: 'Endorsing it once more, to be sure.',
          },
        );

        expectProblem(res, 409, '/problems/already-endorsed');
        expect(await t.database.db.query('SELECT id FROM endorsements ORDER BY id')).toEqual(before);
      });

      it('refuses to endorse a version that is not published', async () => {
        const before = await t.database.db.query('SELECT id FROM endorsements ORDER BY id');
        const draft = await grant.browser.post(`/api/v1/achievements/${second.id}/versions`, {
          bump: 'patch',
          changeNote: 'Typo fixes.',
        });
        expect(draft.statusCode, draft.body).toBe(201);
        const superseded = (await search('q=IAM-101')).items.find((i) => i.code === 'IAM-101');
        const detail = (await anonymous().get(`/api/v1/achievements/${superseded?.id ?? ''}`)).json<Detail>();

        for (const versionId of [draft.json<Detail>().versionId, detail.versions[1]?.id ?? '']) {
          const res = await anahera.browser.post(`/api/v1/achievement-versions/${versionId}/endorsements`, {
            organisationId: idOf('iamsa'),
            statement: 'IAMSA endorses this version for stormwater practice.',
          });
          expectProblem(res, 409, '/problems/not-endorsable');
        }
        expect(await t.database.db.query('SELECT id FROM endorsements ORDER BY id')).toEqual(before);
      });

      it('refuses people without the endorser role for that organisation', async () => {
        const before = await t.database.db.query('SELECT id FROM endorsements ORDER BY id');
        const attempt = (b: Browser, organisationId: string) =>
          b.post(`/api/v1/achievement-versions/${second.versionId}/endorsements`, {
            organisationId,
            statement: 'We endorse this micro-credential wholeheartedly.',
          });

        // An author and admin of a council, for the professional body and for his own council.
        expectProblem(await attempt(grant.browser, idOf('iamsa')), 403, '/problems/not-allowed');
        expectProblem(await attempt(grant.browser, idOf('kowhai-dc')), 403, '/problems/not-allowed');
        // An endorser, but for another organisation.
        expectProblem(await attempt(anahera.browser, idOf('harbourview-cc')), 403, '/problems/not-allowed');
        expectProblem(await attempt(anonymous(), idOf('iamsa')), 401, '/problems/sign-in-required');
        expect(await t.database.db.query('SELECT id FROM endorsements ORDER BY id')).toEqual(before);
        expect(
          (await anonymous().get(`/api/v1/achievements/${second.id}`)).json<Detail>().endorsements,
        ).toEqual([]);
      });
    });

    it('finds their titles by a typo, from the words their titles added', async () => {
      expect(sorted((await codes('q=disposl')).slice(0, 2))).toEqual(['KDC-SW1', 'KDC-SW2']);
    });

    it('keeps the table search reads in step with the versions (published, endorsed, drafted)', async () => {
      const columns = `id, achievement_id, credits, nzqf_level, rpl_allowed, published_at, title, skill_areas,
        competency_ids, endorser_ids, search::text AS search`;
      const entries = await t.database.db.query(`SELECT ${columns} FROM catalogue_entries ORDER BY id`);

      expect(entries).toHaveLength(16);
      expect(entries).toEqual(
        await t.database.db.query(
          `SELECT ${columns} FROM achievement_versions WHERE status = 'published' AND listed ORDER BY id`,
        ),
      );
      expect(
        await t.database.db.query('SELECT word, version_id FROM catalogue_title_words ORDER BY 1, 2'),
      ).toEqual(
        await t.database.db.query(
          `SELECT DISTINCT w AS word, e.id AS version_id
           FROM catalogue_entries e, regexp_split_to_table(lower(e.title), '[^[:alnum:]]+') AS w
           WHERE w <> '' ORDER BY 1, 2`,
        ),
      );
      // Relevance counts on these: a word of a title is as alike to that title as anything can be,
      // and a title has no trigram that none of its words has.
      expect(
        await t.database.db.query(
          `SELECT e.title FROM catalogue_entries e
           WHERE NOT show_trgm(e.title) <@ (SELECT array_agg(g) FROM catalogue_title_words tw,
             unnest(show_trgm(tw.word)) AS g WHERE tw.version_id = e.id)`,
        ),
      ).toEqual([]);
      expect(
        await t.database.db.query(
          `SELECT tw.word, e.title FROM catalogue_title_words tw JOIN catalogue_entries e ON e.id = tw.version_id
           WHERE word_similarity(tw.word, e.title) < 1`,
        ),
      ).toEqual([]);
    });
  });
});
