import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/app/seed-demo.js';
import { loadDemoData } from '../../src/demo/load-demo-data.js';
import {
  browser,
  createTestApp,
  personWithOrganisation,
  signedUpPerson,
  type Browser,
  type TestApp,
} from '../support/app.js';

const aString: unknown = expect.any(String);
const containing = (text: string): unknown => expect.stringContaining(text);

/** Asymmetric matchers, typed `unknown` so they can sit in typed expectations. */
const matching = (pattern: RegExp | string): unknown => expect.stringMatching(pattern);

/** Competencies as content: ids differ between frameworks by design. */
const withoutIds = <T extends object>(items: T[]) => items.map((item) => ({ ...item, id: undefined }));

function expectProblem(res: LightMyRequestResponse, status: number, type: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json<{
    type: string;
    detail: string;
    errors?: { path: string; message: string }[];
    problems?: { row: number | string; field?: string; message: string }[];
  }>();
  expect(body).toMatchObject({ type, status });
  return body;
}

interface CompetencyView {
  code: string;
  groupCode: string;
  name: string;
  description: string;
  tags: string[];
  indicators: { level: number; indicator: string }[];
  alignments: { framework: string; code: string; targetName?: string; targetUrl?: string }[];
}

interface FrameworkView {
  id: string;
  slug: string;
  title: string;
  version: string;
  owner: { id: string; name: string } | null;
  groupCount: number;
  competencyCount: number;
  scale: { level: number; name: string; description: string }[];
  groups: { code: string; name: string; description: string }[];
  competencies: CompetencyView[];
  abilities: { edit: boolean };
}

interface CasePackage {
  CFDocument: { identifier: string; title: string; caseVersion: string };
  CFItems: { identifier: string; humanCodingScheme: string; CFItemType: string; fullStatement: string }[];
  CFAssociations: {
    associationType: string;
    originNodeURI: { identifier: string };
    destinationNodeURI: { identifier: string };
  }[];
}

const TITLE = 'Infrastructure Asset Management Competency Framework';

describe('competency frameworks', () => {
  let t: TestApp;
  let frameworkId: string;
  let iamsaId: string;
  /** An author of the framework's owner, the professional body. */
  let author: Browser;
  /** An author and admin of an unrelated organisation. */
  let outsider: Awaited<ReturnType<typeof personWithOrganisation>>;
  const anonymous = () => browser(t.app);

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.deps, loadDemoData());
    const iamsa = await t.deps.store.organisations.findBySlug('iamsa');
    if (!iamsa) throw new Error('demo organisation iamsa missing');
    iamsaId = iamsa.id;
    const frameworks = await t.deps.store.frameworks.list();
    frameworkId = frameworks.find((f) => f.title === TITLE)?.id ?? '';
    const person = await signedUpPerson(t.app, 'Framework Author');
    await t.deps.store.memberships.grant(iamsaId, person.userId, ['author']);
    author = person.browser;
    outsider = await personWithOrganisation(t.app, 'employer');
    await t.deps.store.memberships.grant(outsider.organisationId, outsider.userId, ['author']);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = async (b: Browser, id: string) => {
    const res = await b.get(`/api/v1/frameworks/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<FrameworkView>();
  };
  const frameworkCount = async () =>
    (await t.database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM frameworks'))[0]?.n;
  const importFile = (b: Browser, body: Record<string, unknown>) =>
    b.post('/api/v1/frameworks/import', { organisationId: iamsaId, ...body });

  describe('reading (public)', () => {
    it('lists frameworks with their owner and counts to anyone', async () => {
      const res = await anonymous().get('/api/v1/frameworks');

      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        items: [
          {
            id: frameworkId,
            slug: 'infrastructure-asset-management-competency',
            title: TITLE,
            description: aString,
            version: '2025.1',
            language: 'en-NZ',
            owner: { id: iamsaId, name: 'Infrastructure Asset Management Society of Aotearoa (IAMSA)' },
            groupCount: 8,
            competencyCount: 42,
            updatedAt: aString,
          },
        ],
      });
    });

    it('gives one framework with its scale, groups and competencies', async () => {
      const f = await get(anonymous(), frameworkId);

      expect(f.scale.map((s) => [s.level, s.name])).toEqual([
        [1, 'Aware'],
        [2, 'Developing'],
        [3, 'Practitioner'],
        [4, 'Leading practitioner'],
        [5, 'Principal'],
      ]);
      expect(f.groups.map((g) => g.code)).toEqual(['FND', 'QSF', 'STR', 'LCM', 'RSK', 'DAT', 'FEC', 'PEC']);
      expect(f.competencies).toHaveLength(42);
      expect(f.competencies.find((c) => c.code === 'FEC-02')).toMatchObject({
        groupCode: 'FEC',
        name: aString,
        tags: ['finance', 'maths'],
      });
      expect(f.abilities).toEqual({ edit: false });
      expect((await get(author, frameworkId)).abilities).toEqual({ edit: true });
      expect((await get(outsider.browser, frameworkId)).abilities).toEqual({ edit: false });
    });

    it('answers 404 for an unknown framework and 400 for an id that is not one', async () => {
      expectProblem(
        await anonymous().get('/api/v1/frameworks/00000000-0000-4000-8000-000000000000'),
        404,
        '/problems/not-found',
      );
      expectProblem(await anonymous().get('/api/v1/frameworks/fnd'), 400, '/problems/request-invalid');
    });
  });

  describe('CSV and CASE interchange', () => {
    it('imports its own CSV export as a new framework with the same competencies', async () => {
      const exported = await anonymous().get(`/api/v1/frameworks/${frameworkId}/csv`);
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(exported.headers['content-disposition']).toBe(
        'attachment; filename="infrastructure-asset-management-competency.csv"',
      );
      expect(exported.body.split(/\r?\n/)[0]).toBe(
        'group_code,group_name,group_description,code,name,description,tags,level_1,level_2,level_3,level_4,level_5,alignments',
      );
      const before = await frameworkCount();

      const res = await importFile(author, {
        format: 'csv',
        data: exported.body,
        title: 'IAM Competencies (copy)',
        version: '2025.2',
      });

      expect(res.statusCode, res.body).toBe(201);
      const report = res.json<{ frameworkId: string }>();
      expect(report).toEqual({
        dryRun: false,
        frameworkId: aString,
        title: 'IAM Competencies (copy)',
        groups: 8,
        competencies: 42,
        warnings: [],
      });
      expect(res.headers.location).toBe(`/api/v1/frameworks/${report.frameworkId}`);
      expect(await frameworkCount()).toBe((before ?? 0) + 1);
      const original = await get(anonymous(), frameworkId);
      const copy = await get(anonymous(), report.frameworkId);
      expect(copy).toMatchObject({
        title: 'IAM Competencies (copy)',
        version: '2025.2',
        slug: 'iam-competencies-copy',
        owner: { id: iamsaId },
      });
      expect(copy.scale).toEqual(original.scale);
      expect(copy.groups).toEqual(original.groups);
      expect(withoutIds(copy.competencies)).toEqual(withoutIds(original.competencies));
      // Alignments and indicators survive too, not only codes and names.
      expect(copy.competencies.flatMap((c) => c.alignments).length).toBeGreaterThan(0);
      expect(copy.competencies.flatMap((c) => c.indicators).length).toBeGreaterThan(0);
    });

    it('imports its own CASE export as a new framework with fresh identifiers', async () => {
      const exported = (await anonymous().get(`/api/v1/frameworks/${frameworkId}/case`)).json<CasePackage>();

      const res = await importFile(author, { format: 'case', data: exported });

      expect(res.statusCode, res.body).toBe(201);
      const { frameworkId: copyId } = res.json<{ frameworkId: string }>();
      const copy = await get(anonymous(), copyId);
      const original = await get(anonymous(), frameworkId);
      expect(copy.title).toBe(TITLE);
      expect(copy.slug).toBe('infrastructure-asset-management-competency-2');
      expect(copy.groups).toEqual(original.groups);
      expect(withoutIds(copy.competencies)).toEqual(withoutIds(original.competencies));
      const again = (await anonymous().get(`/api/v1/frameworks/${copyId}/case`)).json<CasePackage>();
      expect(again.CFDocument.identifier).not.toBe(exported.CFDocument.identifier);
      const ids = new Set(exported.CFItems.map((i) => i.identifier));
      expect(again.CFItems.filter((i) => ids.has(i.identifier))).toEqual([]);
    });

    it('checks a file in a dry run without creating anything', async () => {
      const csv = (await anonymous().get(`/api/v1/frameworks/${frameworkId}/csv`)).body;
      const before = await t.deps.store.frameworks.list();

      const res = await importFile(author, { format: 'csv', data: csv, title: 'Dry run', dryRun: true });

      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        dryRun: true,
        frameworkId: null,
        title: 'Dry run',
        groups: 8,
        competencies: 42,
        warnings: [],
      });
      expect(await t.deps.store.frameworks.list()).toEqual(before);
    });

    it('refuses imports for an organisation the caller has no say in', async () => {
      const csv = (await anonymous().get(`/api/v1/frameworks/${frameworkId}/csv`)).body;
      const before = await frameworkCount();

      expectProblem(
        await importFile(outsider.browser, { format: 'csv', data: csv, title: 'Not mine' }),
        403,
        '/problems/not-allowed',
      );
      expectProblem(
        await importFile(anonymous(), { format: 'csv', data: csv, title: 'Not mine' }),
        401,
        '/problems/sign-in-required',
      );
      expectProblem(await importFile(author, { format: 'csv', data: csv }), 422, '/problems/invalid-input');
      expect(await frameworkCount()).toBe(before);
    });
  });

  describe('invalid files', () => {
    const HEADER = 'group_code,group_name,code,name,description,tags,alignments,level_1,level_2';
    const DOC = '0b1e3a52-4f0c-4f4e-9a57-7d3c4f000001';
    const ITEM = '0b1e3a52-4f0c-4f4e-9a57-7d3c4f000002';
    const MISSING = '0b1e3a52-4f0c-4f4e-9a57-7d3c4f0000ff';
    const link = (identifier: string) => ({ identifier, uri: `urn:uuid:${identifier}`, title: identifier });

    it.each<[string, unknown, { row: number | string; field?: string; message: RegExp }[]]>([
      ['not an object', 'CFDocument, CFItems', [{ row: 'package', message: /not a CASE package/ }]],
      [
        'without a CFDocument',
        { CFItems: [], CFAssociations: [] },
        [{ row: 'CFDocument', message: /no CFDocument/ }],
      ],
      [
        'with an item pointing at an unknown parent',
        {
          CFDocument: { identifier: DOC, title: 'Broken' },
          CFItems: [
            {
              identifier: ITEM,
              fullStatement: 'Reads plans',
              humanCodingScheme: 'X-1',
              CFItemType: 'Competency',
            },
          ],
          CFAssociations: [
            {
              identifier: '0b1e3a52-4f0c-4f4e-9a57-7d3c4f000003',
              associationType: 'isChildOf',
              originNodeURI: link(ITEM),
              destinationNodeURI: link(MISSING),
            },
          ],
        },
        [
          { row: ITEM, field: 'isChildOf', message: new RegExp(`child of ${MISSING}`) },
          { row: ITEM, field: 'isChildOf', message: /not attached/ },
        ],
      ],
    ])(
      'refuses a CASE package %s, naming the problem and creating nothing',
      async (_label, data, problems) => {
        const before = await frameworkCount();

        const res = await importFile(author, { format: 'case', data });

        const body = expectProblem(res, 422, '/problems/framework-file-invalid');
        expect(body.problems).toEqual(
          problems.map((p) => ({
            row: p.row,
            ...(p.field ? { field: p.field } : {}),
            message: matching(p.message),
          })),
        );
        expect(body.detail).toMatch(/^Nothing was imported/);
        expect(await frameworkCount()).toBe(before);
      },
    );

    it.each<[string, string, { row: number; field?: string; message: RegExp }[]]>([
      [
        'a quote that is never closed',
        `${HEADER}\nFND,Foundations,X-1,"Reads plans,Description,,,a,b\n`,
        [{ row: 2, message: /quoted field is never closed/ }],
      ],
      [
        'the same code twice',
        `${HEADER}\nFND,Foundations,X-1,Reads plans,,,,a,b\nFND,,x-1,Reads maps,,,,a,b\n`,
        [{ row: 3, field: 'code', message: /"x-1" is used by another competency/ }],
      ],
      [
        'a row in a group that is never declared',
        `${HEADER}\nFND,Foundations,X-1,Reads plans,,,,a,b\nZZZ,,X-2,Reads maps,,,,a,b\n`,
        [{ row: 3, field: 'group_name', message: /Group name is empty/ }],
      ],
      [
        'a row with too few fields',
        `${HEADER}\nFND,Foundations,X-1,Reads plans\n`,
        [{ row: 2, message: /4 fields; the header has 9/ }],
      ],
    ])('refuses a CSV file with %s, naming the row and creating nothing', async (_label, data, problems) => {
      const before = await frameworkCount();

      const res = await importFile(author, { format: 'csv', data, title: 'Broken CSV' });

      const body = expectProblem(res, 422, '/problems/framework-file-invalid');
      expect(body.problems).toEqual(
        problems.map((p) => ({
          row: p.row,
          ...(p.field ? { field: p.field } : {}),
          message: matching(p.message),
        })),
      );
      expect(await frameworkCount()).toBe(before);
    });

    it('refuses a body that is neither CSV text nor a CASE object', async () => {
      expectProblem(
        await importFile(author, { format: 'case', data: [1, 2] }),
        400,
        '/problems/request-invalid',
      );
      expectProblem(
        await importFile(author, { format: 'xlsx', data: 'a,b' }),
        400,
        '/problems/request-invalid',
      );
    });
  });

  describe('coverage', () => {
    it('counts the published micro-credentials teaching each competency and lists the gaps', async () => {
      const res = await anonymous().get(`/api/v1/frameworks/${frameworkId}/coverage`);

      expect(res.statusCode, res.body).toBe(200);
      const report = res.json<{
        frameworkId: string;
        uncovered: number;
        competencies: {
          id: string;
          code: string;
          groupCode: string;
          taughtBy: number;
          skillAreas: string[];
        }[];
      }>();
      const taught = new Map(report.competencies.map((c) => [c.code, c.taughtBy]));
      expect(report.frameworkId).toBe(frameworkId);
      expect(report.competencies).toHaveLength(42);
      expect(report.competencies.filter((c) => c.taughtBy === 0).map((c) => c.code)).toEqual([
        'LCM-05',
        'LCM-06',
      ]);
      expect(report.uncovered).toBe(2);
      // IAM-202, IAM-204 and IAM-303 teach FEC-02; IAM-101's superseded 1.0.0 is not counted twice.
      expect(taught.get('FEC-02')).toBe(3);
      expect(taught.get('FND-01')).toBe(1);
      expect(report.competencies.find((c) => c.code === 'FEC-02')).toMatchObject({
        groupCode: 'FEC',
        skillAreas: ['finance', 'maths'],
      });
      expectProblem(
        await anonymous().get('/api/v1/frameworks/00000000-0000-4000-8000-000000000000/coverage'),
        404,
        '/problems/not-found',
      );
    });
  });
  describe('editing competencies', () => {
    const competency = (overrides: Partial<CompetencyView> = {}) => ({
      groupCode: 'LCM',
      name: 'Disposal and decommissioning',
      description: 'Plans the disposal of assets at the end of their life.',
      tags: ['core_am'],
      indicators: [{ level: 1, indicator: 'Knows when an asset is disposed of.' }],
      alignments: [{ framework: 'ISO 55001', code: '8.1' }],
      ...overrides,
    });
    /** The web app sends the competency with its code, which the path repeats. */
    const put = (b: Browser, code: string, body: object) =>
      b.put(`/api/v1/frameworks/${frameworkId}/competencies/${encodeURIComponent(code)}`, { code, ...body });
    const storedCompetencies = () =>
      t.database.db.query<{ code: string; name: string; group: string }>(
        `SELECT c.code, c.name, g.code AS group FROM competencies c JOIN competency_groups g ON g.id = c.group_id
          WHERE c.framework_id = $1 ORDER BY c.position`,
        [frameworkId],
      );

    it('lets an author of the owner add a competency and replace one', async () => {
      const added = await put(author, 'LCM-07', competency());

      expect(added.statusCode, added.body).toBe(200);
      const f = added.json<FrameworkView>();
      expect(f.competencyCount).toBe(43);
      expect(f.competencies.at(-1)).toEqual({
        id: expect.any(String) as unknown,
        code: 'LCM-07',
        ...competency(),
      });
      const coverage = await anonymous().get(`/api/v1/frameworks/${frameworkId}/coverage`);
      expect(coverage.json()).toMatchObject({ uncovered: 3 });

      const replaced = await put(
        author,
        'lcm-07',
        competency({ name: 'Disposal and renewal decisions', groupCode: 'FEC' }),
      );

      expect(replaced.statusCode, replaced.body).toBe(200);
      expect(replaced.json<FrameworkView>().competencyCount).toBe(43);
      expect((await storedCompetencies()).filter((c) => c.code.toUpperCase() === 'LCM-07')).toEqual([
        { code: 'LCM-07', name: 'Disposal and renewal decisions', group: 'FEC' },
      ]);
    });

    it('refuses people outside the owner', async () => {
      const before = await storedCompetencies();

      expectProblem(await put(outsider.browser, 'LCM-01', competency()), 403, '/problems/not-allowed');
      expectProblem(await put(outsider.browser, 'LCM-99', competency()), 403, '/problems/not-allowed');
      expectProblem(await put(anonymous(), 'LCM-99', competency()), 401, '/problems/sign-in-required');
      expect(await storedCompetencies()).toEqual(before);
    });

    it('refuses a competency that breaks the framework’s rules', async () => {
      const before = await storedCompetencies();

      const unknownGroup = expectProblem(
        await put(author, 'LCM-08', competency({ groupCode: 'NOPE' })),
        422,
        '/problems/invalid-input',
      );
      expect(unknownGroup.errors).toEqual([{ path: '/groupCode', message: 'Group "NOPE" does not exist.' }]);
      const offScale = expectProblem(
        await put(
          author,
          'LCM-01',
          competency({ indicators: [{ level: 6, indicator: 'Beyond the scale' }] }),
        ),
        422,
        '/problems/invalid-input',
      );
      expect(offScale.errors).toEqual([{ path: '/indicators', message: containing('Level 6') }]);
      expectProblem(await put(author, 'LCM 08', competency()), 422, '/problems/invalid-input');
      expectProblem(
        await put(author, 'LCM-08', { ...competency(), weight: 3 }),
        400,
        '/problems/request-invalid',
      );
      expect(await storedCompetencies()).toEqual(before);
    });
  });
});
