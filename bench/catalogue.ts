/**
 * Catalogue search: a realistic mix of queries through searchCatalogue (what GET /achievements does,
 * minus HTTP) on a generated catalogue, on PGlite and on PostgreSQL.
 *
 * Baselines from the same run and database: a `SELECT 1` round trip, and the bare full-text query
 * (match, rank, first page) for the same words, so the ratio shows what the app layer adds.
 *
 *   npx tsx bench/catalogue.ts          (or `npm run bench -- catalogue`, which adds PostgreSQL)
 */
import type { CatalogueQuery } from '../src/app/catalogue-ports.js';
import { searchCatalogue } from '../src/app/catalogue.js';
import { DATABASE_LABEL, benchTargets, openBenchDatabase, type BenchDatabase } from './support/databases.js';
import { datasetSize, ensureDataset, type Dataset } from './support/dataset.js';
import {
  benchScale,
  heading,
  ms,
  progress,
  ratio,
  record,
  say,
  seconds,
  summarise,
  table,
  timed,
  verdict,
  type Summary,
} from './support/measure.js';
import { seededRandom, type Random } from './support/random.js';

const P95_TARGET_MS = { pglite: 150, postgres: 50 } as const;
const WARM_UP = 30;

const ONE_WORD = [
  'asset',
  'maintenance',
  'risk',
  'valuation',
  'stormwater',
  'renewal',
  'criticality',
  'depreciation',
  'resilience',
  'bridges',
  'inspection',
  'wastewater',
];
const TWO_WORDS = [
  'asset management',
  'condition assessment',
  'lifecycle costing',
  'risk register',
  'renewal forecasts',
  'water supply',
  'levels of service',
  'failure modes',
  'capital programmes',
  'climate adaptation',
];
const PREFIXES = ['valu', 'maint', 'crit', 'stormw', 'deprec', 'renew', 'resil', 'inspec'];
const TYPOS = [
  'asest',
  'maintenence',
  'critcality',
  'valuaton',
  'stromwater',
  'resiliance',
  'condtion',
  'reneval',
];

/** Share of the mix per kind of query, out of 300. */
const MIX = {
  'one word': 40,
  'two words': 40,
  prefix: 30,
  typo: 30,
  'filtered (skill, level, credits)': 45,
  'competency filter': 30,
  'browse by title': 30,
  'deep page': 30,
  'newest / credits': 25,
} as const;
type Kind = keyof typeof MIX;
const TEXT_KINDS: readonly Kind[] = ['one word', 'two words', 'prefix', 'typo'];

interface Probe {
  kind: Kind;
  query: CatalogueQuery;
}

/** What the HTTP route passes: relevance when there are words, else by title; 20 a page. */
function catalogueQuery(q: Partial<CatalogueQuery>): CatalogueQuery {
  return { sort: q.q ? 'relevance' : 'title', limit: 20, offset: 0, ...q };
}

function queryMix(count: number, data: Dataset, random: Random): Probe[] {
  const total = Object.values(MIX).reduce((s, n) => s + n, 0);
  const published = data.rows.published;
  const make: Record<Kind, () => Partial<CatalogueQuery>> = {
    'one word': () => ({ q: random.pick(ONE_WORD) }),
    'two words': () => ({ q: random.pick(TWO_WORDS) }),
    prefix: () => ({ q: random.pick(PREFIXES) }),
    typo: () => ({ q: random.pick(TYPOS) }),
    'filtered (skill, level, credits)': () => {
      const min = random.int(1, 30);
      return {
        ...(random.chance(0.5) ? { q: random.pick(ONE_WORD) } : {}),
        skillArea: random.pick(data.skillAreas),
        nzqfLevel: random.int(3, 8),
        creditsMin: min,
        creditsMax: Math.min(40, min + random.int(5, 20)),
      };
    },
    'competency filter': () => ({
      ...(random.chance(0.3) ? { q: random.pick(ONE_WORD) } : {}),
      competencyIds: random.sample(data.competencies, random.int(1, 3)).map((c) => c.id),
    }),
    'browse by title': () => ({ sort: 'title', offset: 20 * random.int(0, 3) }),
    'deep page': () =>
      random.chance(0.6)
        ? {
            sort: 'title',
            offset: 20 * random.int(Math.floor(published / 80), Math.floor(published / 20) - 1),
          }
        : { q: random.pick(ONE_WORD), offset: 20 * random.int(10, 100) },
    'newest / credits': () => ({
      sort: random.pick(['newest', 'credits'] as const),
      ...(random.chance(0.5) ? { nzqfLevel: random.int(3, 8) } : {}),
    }),
  };
  const probes: Probe[] = [];
  for (const [kind, share] of Object.entries(MIX) as [Kind, number][]) {
    const n = Math.max(1, Math.round((share / total) * count));
    for (let i = 0; i < n; i++) probes.push({ kind, query: catalogueQuery(make[kind]()) });
  }
  // Interleave the kinds, as real traffic would be.
  return random.sample(probes, probes.length);
}

/** The full-text core alone: match, rank, first page; no prefixes, typo fallback, filters, count, joins or content. */
const BARE_FTS = `SELECT v.id FROM achievement_versions v
  WHERE v.status = 'published' AND v.search @@ websearch_to_tsquery('english', $1)
  ORDER BY ts_rank_cd(v.search, websearch_to_tsquery('english', $1)) DESC LIMIT 20`;

interface DatabaseFigures {
  app: Summary;
  byKind: Map<Kind, { summary: Summary; hits: number }>;
  repository: Summary;
  select1: Summary;
  bareFts: Summary;
  appText: Summary;
  /** searchCatalogue's own look-ups for a page: competency names and endorsements. */
  competencyLookup: Summary;
  endorsementLookup: Summary;
}

async function runMix(target: BenchDatabase, data: Dataset, probeCount: number): Promise<DatabaseFigures> {
  const { deps, db } = target;
  const probes = queryMix(probeCount, data, seededRandom(42));
  const warmUp = queryMix(WARM_UP, data, seededRandom(7));
  for (const p of warmUp) await searchCatalogue(deps, p.query);

  const bar = progress(`${target.label}: ${probes.length} searches`);
  const appMs: number[] = [];
  const byKind = new Map<Kind, { samples: number[]; hits: number[] }>();
  for (const [i, p] of probes.entries()) {
    const { ms: took, value } = await timed(() => searchCatalogue(deps, p.query));
    appMs.push(took);
    const entry = byKind.get(p.kind) ?? { samples: [], hits: [] };
    entry.samples.push(took);
    entry.hits.push(value.total);
    byKind.set(p.kind, entry);
    bar.update(i + 1, probes.length);
  }
  bar.stop();

  // The same mix through the repository alone: searchCatalogue minus its endorsement and competency look-ups.
  const repositoryMs: number[] = [];
  for (const p of probes) repositoryMs.push((await timed(() => deps.store.catalogue.search(p.query))).ms);

  const select1: number[] = [];
  for (let i = 0; i < Math.max(50, probes.length); i++)
    select1.push((await timed(() => db.query('SELECT 1'))).ms);

  // What searchCatalogue adds to the repository: its two look-ups, for a first page by title.
  const firstPage = await deps.store.catalogue.search(catalogueQuery({}));
  const versionIds = firstPage.items.map((i) => i.versionId);
  const frameworkIds = [
    ...new Set(firstPage.items.flatMap((i) => i.content.competencies.map((c) => c.frameworkId))),
  ];
  // As searchCatalogue asks: only the page's competencies, by code.
  const codes = [...new Set(firstPage.items.flatMap((i) => i.content.competencies.map((c) => c.code)))];
  const competencyLookup: number[] = [];
  const endorsementLookup: number[] = [];
  for (let i = 0; i < 50; i++) {
    competencyLookup.push((await timed(() => deps.store.frameworks.competencies(frameworkIds, codes))).ms);
    endorsementLookup.push((await timed(() => deps.store.achievements.listEndorsements(versionIds))).ms);
  }

  const textProbes = probes.filter((p) => TEXT_KINDS.includes(p.kind));
  const bare: number[] = [];
  for (const p of textProbes) bare.push((await timed(() => db.query(BARE_FTS, [p.query.q]))).ms);
  const appText = textProbes.map((p) => appMs[probes.indexOf(p)] ?? NaN);

  return {
    app: summarise(appMs),
    byKind: new Map(
      [...byKind].map(([kind, e]) => [
        kind,
        { summary: summarise(e.samples), hits: e.hits.reduce((s, h) => s + h, 0) / e.hits.length },
      ]),
    ),
    repository: summarise(repositoryMs),
    select1: summarise(select1),
    bareFts: summarise(bare),
    appText: summarise(appText),
    competencyLookup: summarise(competencyLookup),
    endorsementLookup: summarise(endorsementLookup),
  };
}

async function main(): Promise<void> {
  const scale = benchScale();
  const size = datasetSize(scale);
  const probeCount = Math.max(60, Math.round(300 * Math.min(1, scale * 2)));
  heading('Catalogue search');
  say(
    `${size.credentials.toLocaleString('en')} published micro-credentials aligned to ${size.competencies.toLocaleString('en')} competencies; ${probeCount} searches after ${WARM_UP} to warm up (scale ${scale}).`,
  );

  const overall: string[][] = [];
  for (const t of benchTargets()) {
    const label = DATABASE_LABEL[t.kind];
    if (t.skipped) {
      say(`\n${label}: skipped — ${t.skipped}`);
      record({
        benchmark: 'catalogue',
        database: label,
        metric: 'search p95',
        value: 'skipped',
        note: t.skipped,
      });
      continue;
    }
    const target = await openBenchDatabase(t.kind);
    try {
      say(`\n${target.version}`);
      const bar = progress(`loading ${target.label}`);
      const data = await ensureDataset(target.db, target.deps.store, size, (done, total) => {
        bar.update(done, total);
      });
      bar.stop();
      say(
        data.loadSeconds === undefined
          ? '  catalogue already loaded by an earlier benchmark of this run'
          : `  loaded in ${data.loadSeconds.toFixed(1)} s (${Math.round(data.rows.published / data.loadSeconds)} micro-credentials/s)`,
      );
      say(
        `  rows: ${data.rows.published} published versions, ${data.rows.otherVersions} superseded or draft, ${data.rows.alignments} competency alignments, ${data.rows.endorsements} endorsements`,
      );

      const f = await runMix(target, data, probeCount);
      const goal = P95_TARGET_MS[t.kind];
      const pass = f.app.p95 < goal;

      say(`\n  searchCatalogue by kind of query (ms)`);
      say(
        table(
          ['kind', 'n', 'p50', 'p95', 'p99', 'max', 'avg hits'],
          [...f.byKind].map(([kind, { summary: s, hits }]) => [
            kind,
            String(s.n),
            ms(s.p50),
            ms(s.p95),
            ms(s.p99),
            ms(s.max),
            hits.toFixed(0),
          ]),
          '  ',
        ),
      );
      say(`\n  ${target.label} (ms)`);
      say(
        table(
          ['measured', 'n', 'p50', 'p95', 'p99', 'max'],
          (
            [
              ['searchCatalogue, whole mix', f.app],
              ['repository search alone, whole mix', f.repository],
              ['searchCatalogue look-up: competencies of a page', f.competencyLookup],
              ['searchCatalogue look-up: endorsements', f.endorsementLookup],
              ['searchCatalogue, word queries only', f.appText],
              ['baseline: bare FTS, same words', f.bareFts],
              ['baseline: SELECT 1 round trip', f.select1],
            ] as const
          ).map(([name, x]) => [name, String(x.n), ms(x.p50), ms(x.p95), ms(x.p99), ms(x.max)]),
          '  ',
        ),
      );
      const appOverBare = f.appText.p50 / f.bareFts.p50;
      say(`\n  p95 ${ms(f.app.p95)} ms against a target of < ${goal} ms: ${verdict(pass)}`);
      say(
        `  word queries cost ${ratio(appOverBare)} the bare FTS query at p50 (${ratio(f.appText.p95 / f.bareFts.p95)} at p95); the repository is ${Math.round((100 * f.repository.p50) / f.app.p50)}% of searchCatalogue at p50`,
      );

      overall.push([
        target.label,
        ms(f.app.p50),
        ms(f.app.p95),
        ms(f.app.p99),
        ms(f.app.max),
        `< ${goal}`,
        verdict(pass),
      ]);
      const db = target.label;
      record({
        benchmark: 'catalogue',
        database: db,
        metric: 'search p50 / p95 / p99 / max',
        value: `${ms(f.app.p50)} / ${ms(f.app.p95)} / ${ms(f.app.p99)} / ${ms(f.app.max)} ms`,
      });
      record({
        benchmark: 'catalogue',
        database: db,
        metric: 'search p95',
        value: `${ms(f.app.p95)} ms`,
        target: `< ${goal} ms`,
        verdict: verdict(pass),
      });
      for (const [kind, { summary: s }] of f.byKind) {
        record({
          benchmark: 'catalogue',
          database: db,
          metric: `${kind} p50 / p95 / p99 (n = ${s.n})`,
          value: `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)} ms`,
        });
      }
      record({
        benchmark: 'catalogue',
        database: db,
        metric: 'repository search alone p50 / p95',
        value: `${ms(f.repository.p50)} / ${ms(f.repository.p95)} ms`,
      });
      record({
        benchmark: 'catalogue',
        database: db,
        metric: "searchCatalogue look-up of a page's competencies p50",
        value: `${ms(f.competencyLookup.p50)} ms`,
      });
      record({
        benchmark: 'catalogue',
        database: db,
        metric: 'baseline SELECT 1 p50',
        value: `${ms(f.select1.p50)} ms`,
      });
      record({
        benchmark: 'catalogue',
        database: db,
        metric: 'baseline bare FTS p50 / p95',
        value: `${ms(f.bareFts.p50)} / ${ms(f.bareFts.p95)} ms`,
      });
      record({
        benchmark: 'catalogue',
        database: db,
        metric: 'word queries: app ÷ bare FTS (p50)',
        value: ratio(appOverBare),
      });
      if (data.loadSeconds !== undefined) {
        record({
          benchmark: 'catalogue',
          database: db,
          metric: 'bulk load',
          value: seconds(data.loadSeconds * 1000),
        });
      }
    } finally {
      await target.close();
    }
  }
  if (overall.length > 0) {
    say('\nCatalogue search (ms)');
    say(table(['database', 'p50', 'p95', 'p99', 'max', 'target p95', ''], overall));
  }
}

await main();
