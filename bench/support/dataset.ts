/**
 * The benchmark catalogue: one framework of generated competencies and many published
 * micro-credentials aligned to it, generated from a fixed seed and loaded in bulk.
 *
 * Content goes through the app's own preparation (prepareVersionWrite: rules, competency ids,
 * skill areas, search words, content hash), and rows are written with the same columns the
 * achievement repository writes, the `search` vector built by its searchVector(). Only the
 * one-row-at-a-time round trips are skipped.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import { nodeSecrets } from '../../src/adapters/secrets.js';
import { prepareVersionWrite } from '../../src/app/achievement-content.js';
import type { CompetencyRef, VersionWrite } from '../../src/app/catalogue-ports.js';
import { saveNewFramework } from '../../src/app/frameworks.js';
import type { Store } from '../../src/app/ports.js';
import type { AchievementContent, VersionStatus } from '../../src/domain/achievements.js';
import { DEFAULT_PROFICIENCY_SCALE } from '../../src/domain/framework-rules.js';
import type { Competency, FrameworkContent } from '../../src/domain/frameworks.js';
import { slugify } from '../../src/domain/identity.js';
import type { Database } from '../../src/store/db.js';
import { searchVector } from '../../src/store/repositories/achievements.js';
import {
  achievements,
  achievementVersionCompetencies,
  achievementVersions,
  endorsements,
} from '../../src/store/schema.js';
import { createStore } from '../../src/store/store.js';
import { seededRandom, type Random } from './random.js';
import {
  ASPECTS,
  ASSESSMENT_METHODS,
  ASSET_CLASSES,
  CREDENTIAL_TAGS,
  DELIVERY,
  ENDORSER_NAMES,
  EVIDENCE,
  METHODS,
  OBJECTS,
  PROVIDER_NAMES,
  SKILL_AREAS,
  TITLE_PREFIXES,
  TOPICS,
  VERBS,
  sentenceCase,
  titleCase,
} from './vocabulary.js';

export interface DatasetSize {
  competencies: number;
  credentials: number;
}

/** 2,000 competencies and 10,000 published micro-credentials at scale 1. */
export function datasetSize(scale: number): DatasetSize {
  return {
    competencies: Math.max(50, Math.round(2000 * scale)),
    credentials: Math.max(100, Math.round(10_000 * scale)),
  };
}

export interface Dataset {
  frameworkId: string;
  /** The framework's competencies as stored, in framework order. */
  competencies: CompetencyRef[];
  skillAreas: string[];
  providerIds: string[];
  endorserIds: string[];
  /** Rows per table, for the report. */
  rows: { published: number; otherVersions: number; alignments: number; endorsements: number };
  /** Seconds spent loading; undefined when the database already held this dataset. */
  loadSeconds: number | undefined;
}

const SEED = 20_250_601;
const BATCH = 250;
const frameworkTitle = (size: DatasetSize) =>
  `Benchmark Infrastructure Asset Management Framework (${size.competencies} competencies, ${size.credentials} micro-credentials)`;

/**
 * Loads the dataset unless the database already holds it (an earlier benchmark of the same run).
 * @param onProgress called with (done, total) micro-credentials as batches commit.
 */
export async function ensureDataset(
  db: Database,
  store: Store,
  size: DatasetSize,
  onProgress: (done: number, total: number) => void,
): Promise<Dataset> {
  const title = frameworkTitle(size);
  const existing = (await store.frameworks.list()).find((f) => f.title === title);
  if (existing) return describe(db, store, existing.id, undefined);

  const started = performance.now();
  const random = seededRandom(SEED);
  const providerIds = await insertOrganisations(store, PROVIDER_NAMES, 'education_provider');
  const endorserIds = await insertOrganisations(store, ENDORSER_NAMES, 'professional_body');
  const content = frameworkContent(title, size.competencies, random);
  const frameworkId = await saveNewFramework({ store }, providerIds[0] ?? null, content);
  const refs = await store.frameworks.competencies([frameworkId]);
  const groupOf = new Map(content.competencies.map((c) => [c.code.toUpperCase(), c.groupCode]));
  const plans = planCredentials(size.credentials, frameworkId, refs, groupOf, random);

  // prepareVersionWrite asks the store for the framework's scale and competencies on every call;
  // they do not change while loading, so answer from memory.
  const sizes = await store.frameworks.scaleSizes();
  const cached: Store = {
    ...store,
    frameworks: { ...store.frameworks, scaleSizes: async () => sizes, competencies: async () => refs },
  };
  const prepare = (c: AchievementContent, note: string, at: Date) =>
    prepareVersionWrite({ secrets: nodeSecrets, clock: { now: () => at } }, cached, c, note);

  let sample: { write: VersionWrite; versionId: string; owner: string } | undefined;
  onProgress(0, plans.length);
  for (let start = 0; start < plans.length; start += BATCH) {
    const batch = plans.slice(start, start + BATCH);
    const achievementRows: (typeof achievements.$inferInsert)[] = [];
    const versionRows: PgInsertValue<typeof achievementVersions>[] = [];
    const alignmentRows: (typeof achievementVersionCompetencies.$inferInsert)[] = [];
    const endorsementRows: (typeof endorsements.$inferInsert)[] = [];
    for (const plan of batch) {
      const achievementId = randomUUID();
      const owner = providerIds[plan.owner % providerIds.length] ?? '';
      achievementRows.push({
        id: achievementId,
        ownerOrganisationId: owner,
        createdBy: null,
        createdAt: plan.firstAt,
      });
      for (const v of plan.versions) {
        const write = await prepare(v.content, v.changeNote, v.at);
        const versionId = randomUUID();
        const endorsers =
          v.status === 'published'
            ? plan.endorsers.map((e) => endorserIds[e % endorserIds.length] ?? '')
            : [];
        versionRows.push(
          versionRow(write, {
            id: versionId,
            achievementId,
            version: v.version,
            status: v.status,
            endorserIds: endorsers,
          }),
        );
        if (!sample && v.status === 'published' && endorsers.length === 0)
          sample = { write, versionId, owner };
        write.competencyIds.forEach((competencyId, i) => {
          alignmentRows.push({
            versionId,
            competencyId,
            targetLevel: write.content.competencies[i]?.targetLevel ?? 1,
            position: i,
          });
        });
        for (const endorser of endorsers) {
          endorsementRows.push({
            versionId,
            endorserOrganisationId: endorser,
            endorsedBy: null,
            statement: `Endorsed as current, relevant practice for ${v.content.title}.`,
            createdAt: v.at,
          });
        }
      }
    }
    await db.orm.transaction(async (tx) => {
      await tx.insert(achievements).values(achievementRows);
      await tx.insert(achievementVersions).values(versionRows);
      // Eight alignments a version at most: split to stay well under the bind-parameter limit.
      for (let i = 0; i < alignmentRows.length; i += 2000) {
        await tx.insert(achievementVersionCompetencies).values(alignmentRows.slice(i, i + 2000));
      }
      if (endorsementRows.length > 0) await tx.insert(endorsements).values(endorsementRows);
    });
    onProgress(Math.min(start + BATCH, plans.length), plans.length);
  }
  if (sample) await checkAgainstRepository(db, sample);
  // What autovacuum would have done by the time a catalogue this size is searched.
  await db.query('VACUUM ANALYZE');
  return describe(db, store, frameworkId, (performance.now() - started) / 1000);
}

/** The columns achievementRepository.insertVersion writes, from the same VersionWrite. */
function versionRow(
  w: VersionWrite,
  v: { id: string; achievementId: string; version: string; status: VersionStatus; endorserIds: string[] },
): PgInsertValue<typeof achievementVersions> {
  return {
    id: v.id,
    achievementId: v.achievementId,
    version: v.version,
    status: v.status,
    content: w.content,
    contentHash: w.contentHash,
    changeNote: w.changeNote,
    code: w.content.code,
    title: w.content.title,
    summary: w.content.summary,
    credits: w.content.credits,
    nzqfLevel: w.content.nzqfLevel,
    rplAllowed: w.content.rplAllowed,
    achievementType: w.content.achievementType,
    skillAreas: w.skillAreas,
    competencyIds: w.competencyIds,
    // refreshEndorserIds keeps them sorted (ORDER BY 1); lower-case UUID text sorts the same way.
    endorserIds: [...v.endorserIds].sort(),
    search: searchVector(w.content, w.competencyText),
    createdBy: null,
    createdAt: w.at,
    updatedAt: w.at,
    publishedAt: v.status === 'published' || v.status === 'superseded' ? w.at : null,
  };
}

/**
 * Writes one micro-credential again through achievementRepository.insertVersion, in a transaction
 * that is rolled back, and compares the stored rows with the bulk-loaded ones: the loader must keep
 * writing exactly what the app writes as the repository changes.
 */
async function checkAgainstRepository(
  db: Database,
  sample: { write: VersionWrite; versionId: string; owner: string },
): Promise<void> {
  const columns = `search::text AS search, skill_areas, competency_ids, endorser_ids, content, content_hash, change_note,
    code, title, summary, credits, nzqf_level, rpl_allowed, achievement_type, status, version, published_at, updated_at,
    (SELECT json_agg(json_build_object('c', competency_id, 'l', target_level, 'p', position) ORDER BY position)
       FROM achievement_version_competencies WHERE version_id = v.id) AS alignments`;
  const rollback = new Error('rollback');
  let differences: string[] = [];
  try {
    await db.orm.transaction(async (tx) => {
      const store = createStore(tx, true);
      const achievementId = await store.achievements.insertAchievement({
        ownerOrganisationId: sample.owner,
        createdBy: null,
        at: sample.write.at,
      });
      const id = await store.achievements.insertVersion({
        ...sample.write,
        achievementId,
        version: '1.0.0',
        status: 'published',
        createdBy: null,
      });
      const found: unknown = await tx.execute(
        sql`SELECT v.id, ${sql.raw(columns)} FROM achievement_versions v WHERE v.id IN (${id ?? null}, ${sample.versionId})`,
      );
      const rows = (found as { rows: Record<string, unknown>[] }).rows;
      const viaRepository = rows.find((r) => r.id === id);
      const viaBulk = rows.find((r) => r.id === sample.versionId);
      if (!viaRepository || !viaBulk) differences = ['a row is missing'];
      else
        differences = Object.keys(viaRepository).filter(
          (k) => k !== 'id' && !isDeepStrictEqual(viaRepository[k], viaBulk[k]),
        );
      throw rollback;
    });
  } catch (err) {
    if (err !== rollback) throw err;
  }
  if (differences.length > 0) {
    throw new Error(
      `The bulk loader no longer writes what achievementRepository.insertVersion writes: ${differences.join(', ')} differ. Update bench/support/dataset.ts.`,
    );
  }
}

async function describe(
  db: Database,
  store: Store,
  frameworkId: string,
  loadSeconds: number | undefined,
): Promise<Dataset> {
  const competencies = await store.frameworks.competencies([frameworkId]);
  const [counts] = await db.query<{
    published: number;
    other: number;
    alignments: number;
    endorsements: number;
  }>(
    `SELECT (SELECT count(*) FROM achievement_versions WHERE status = 'published')::int AS published,
            (SELECT count(*) FROM achievement_versions WHERE status <> 'published')::int AS other,
            (SELECT count(*) FROM achievement_version_competencies)::int AS alignments,
            (SELECT count(*) FROM endorsements)::int AS endorsements`,
  );
  const orgs = await store.organisations.listAll();
  const ids = (names: readonly string[]) =>
    orgs.filter((o) => names.some((n) => slugify(`bench ${n}`) === o.slug)).map((o) => o.id);
  return {
    frameworkId,
    competencies,
    skillAreas: [...new Set(competencies.flatMap((c) => c.tags))].sort(),
    providerIds: ids(PROVIDER_NAMES),
    endorserIds: ids(ENDORSER_NAMES),
    rows: {
      published: counts?.published ?? 0,
      otherVersions: counts?.other ?? 0,
      alignments: counts?.alignments ?? 0,
      endorsements: counts?.endorsements ?? 0,
    },
    loadSeconds,
  };
}

async function insertOrganisations(
  store: Store,
  names: readonly string[],
  kind: 'education_provider' | 'professional_body',
): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const org = await store.organisations.insert({ slug: slugify(`bench ${name}`), name, kind });
    if (!org) throw new Error(`organisation ${name} already exists: run the benchmark on a fresh database`);
    ids.push(org.id);
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------
// The framework.

function frameworkContent(title: string, count: number, random: Random): FrameworkContent {
  const groupCount = Math.min(TOPICS.length, Math.max(4, Math.ceil(count / 100)));
  const groups = TOPICS.slice(0, groupCount).map(([code, name]) => ({
    code,
    name: sentenceCase(name),
    description: `Competencies for ${name} across infrastructure networks.`,
  }));
  const perGroup = Math.ceil(count / groupCount);
  const competencies: Competency[] = [];
  groups.forEach((group, g) => {
    const topic = TOPICS[g]?.[1] ?? group.name;
    const combos = ASPECTS.flatMap((aspect) => ASSET_CLASSES.map((asset) => [aspect, asset] as const));
    const chosen = random.sample(combos, Math.min(perGroup, combos.length));
    const primary = SKILL_AREAS[g % SKILL_AREAS.length] ?? 'core_am';
    for (let i = 0; i < perGroup && competencies.length < count; i++) {
      const [aspect, asset] = chosen[i % chosen.length] ?? ['methods', 'roading'];
      const round = Math.floor(i / chosen.length);
      const verb = random.pick(VERBS).toLowerCase();
      const object = random.pick(OBJECTS);
      const tags = new Set<string>([primary]);
      if (random.chance(0.5)) tags.add(random.pick(SKILL_AREAS));
      if (random.chance(0.25)) tags.add('core_am');
      competencies.push({
        code: `${group.code}-${String(i + 1).padStart(3, '0')}`,
        groupCode: group.code,
        name: `${sentenceCase(topic)}: ${aspect} for ${asset}${round > 0 ? ` (${round + 1})` : ''}`,
        description: `Uses ${random.pick(METHODS)} to ${verb} ${object} for ${asset} assets, as part of ${topic}.`,
        tags: [...tags],
        indicators: random.chance(0.5)
          ? [
              { level: 1, indicator: `Describes ${object} and why they matter for ${asset}.` },
              { level: 3, indicator: `Independently ${verb}s ${object} for a ${asset} network.` },
            ]
          : [],
        alignments: random.chance(0.3)
          ? [{ framework: 'ISO 55001', code: `ISO 55001 ${random.int(4, 10)}.${random.int(1, 3)}` }]
          : [],
      });
    }
  });
  return {
    title,
    description: 'Generated for benchmarks: the shape of a real sector framework, at scale.',
    version: '2025.1',
    language: 'en',
    scale: DEFAULT_PROFICIENCY_SCALE.map((level) => ({ ...level })),
    groups,
    competencies,
  };
}

// ---------------------------------------------------------------------------------------------
// The micro-credentials.

interface PlannedVersion {
  version: string;
  status: VersionStatus;
  content: AchievementContent;
  changeNote: string;
  at: Date;
}

interface CredentialPlan {
  owner: number;
  firstAt: Date;
  versions: PlannedVersion[];
  /** Indexes into the endorsing organisations. */
  endorsers: number[];
}

const DAY = 86_400_000;
const EPOCH = Date.UTC(2022, 0, 1);

function planCredentials(
  count: number,
  frameworkId: string,
  refs: readonly CompetencyRef[],
  groupOf: Map<string, string>,
  random: Random,
): CredentialPlan[] {
  const byGroup = new Map<string, CompetencyRef[]>();
  for (const ref of refs) {
    const group = groupOf.get(ref.code.toUpperCase()) ?? '';
    byGroup.set(group, [...(byGroup.get(group) ?? []), ref]);
  }
  const groups = [...byGroup.keys()];
  const contents: AchievementContent[] = [];
  const plans: CredentialPlan[] = [];
  for (let i = 0; i < count; i++) {
    const group = random.zipf(groups);
    const topic = TOPICS.find(([code]) => code === group)?.[1] ?? 'asset management';
    const earlier = contents.length > 50 && random.chance(0.05) ? random.pick(contents) : undefined;
    const content = earlier
      ? nearDuplicate(earlier, i, random)
      : credentialContent(i, frameworkId, group, topic, byGroup, groups, random);
    contents.push(content);
    const publishedAt = new Date(EPOCH + random.int(0, 3 * 365) * DAY + random.int(0, DAY - 1));
    const versions: PlannedVersion[] = [];
    if (random.chance(0.12)) {
      const older = {
        ...content,
        title: content.title.replace(/^(Applied|Advanced|Practical) /, ''),
        summary: `${content.summary} (first edition)`,
      };
      versions.push({
        version: '1.0.0',
        status: 'superseded',
        content: older,
        changeNote: 'First edition.',
        at: new Date(publishedAt.getTime() - random.int(60, 400) * DAY),
      });
      versions.push({
        version: '1.1.0',
        status: 'published',
        content,
        changeNote: 'Updated evidence requirements.',
        at: publishedAt,
      });
    } else {
      versions.push({
        version: '1.0.0',
        status: 'published',
        content,
        changeNote: 'First edition.',
        at: publishedAt,
      });
    }
    if (random.chance(0.04)) {
      const next = { ...content, summary: `${content.summary} Now with a workplace project.` };
      versions.push({
        version: '2.0.0',
        status: 'draft',
        content: next,
        changeNote: 'Adds a workplace project.',
        at: new Date(publishedAt.getTime() + 30 * DAY),
      });
    }
    const endorsers = random.chance(0.08) ? random.sample([0, 1, 2, 3, 4, 5], random.int(1, 2)) : [];
    plans.push({
      owner: random.int(0, PROVIDER_NAMES.length - 1),
      firstAt: versions[0]?.at ?? publishedAt,
      versions,
      endorsers,
    });
  }
  return plans;
}

function credentialContent(
  i: number,
  frameworkId: string,
  group: string,
  topic: string,
  byGroup: Map<string, CompetencyRef[]>,
  groups: readonly string[],
  random: Random,
): AchievementContent {
  const nzqfLevel = random.int(3, 8);
  const asset = random.pick(ASSET_CLASSES);
  const object = random.pick(OBJECTS);
  const prefix = random.pick(TITLE_PREFIXES);
  const title =
    [
      () => `${prefix} ${titleCase(topic)} for ${titleCase(asset)}`,
      () => `${titleCase(asset)} ${titleCase(topic)}`,
      () => `${titleCase(topic)}: ${titleCase(object)}`,
      () => `${prefix} ${titleCase(object)} (${titleCase(asset)})`,
    ][random.int(0, 3)]?.() ?? titleCase(topic);

  // Mostly the credential's own topic, popular competencies first; some from neighbouring topics.
  const k = random.int(3, 8);
  const chosen = new Map<string, CompetencyRef>();
  const own = byGroup.get(group) ?? [];
  for (let tries = 0; chosen.size < Math.ceil(k * 0.7) && tries < 50; tries++) {
    const ref = random.zipf(own);
    chosen.set(ref.id, ref);
  }
  for (let tries = 0; chosen.size < k && tries < 50; tries++) {
    const ref = random.zipf(byGroup.get(random.pick(groups)) ?? own);
    chosen.set(ref.id, ref);
  }
  const base = Math.min(5, Math.max(1, Math.round(1 + ((nzqfLevel - 3) * 4) / 5)));
  const competencies = [...chosen.values()].map((ref) => ({
    frameworkId,
    code: ref.code,
    targetLevel: Math.min(5, Math.max(1, base + random.int(-1, 1))),
  }));

  const outcomes = Array.from(
    { length: random.int(3, 5) },
    () =>
      `${random.pick(VERBS)} ${random.pick(OBJECTS)} for ${random.pick(ASSET_CLASSES)} using ${random.pick(METHODS)}.`,
  );
  const rplAllowed = random.chance(0.4);
  const credits = Math.round(1 + 39 * random.next() ** 1.6);
  return {
    title,
    summary: `${random.pick(VERBS)} ${object} for ${asset} networks and ${random.pick(VERBS).toLowerCase()} ${random.pick(OBJECTS)}, building practical skill in ${topic}.`,
    description: [
      'Learning outcomes:',
      ...outcomes.map((o) => `- ${o}`),
      '',
      `Delivery: ${random.pick(DELIVERY)}. Typical duration ${Math.max(1, Math.round(credits / 2))} weeks.`,
    ].join('\n'),
    criteriaNarrative:
      'The learner meets every criterion below, judged by an industry assessor on the evidence listed; an educator moderates a sample of decisions each intake.',
    achievementType: random.chance(0.85)
      ? 'MicroCredential'
      : random.pick(['Badge', 'Certificate', 'Course', 'Module']),
    code: `${group}-${String(i + 1).padStart(5, '0')}`,
    competencies,
    nzqfLevel,
    credits,
    assessmentMethods: random.sample(ASSESSMENT_METHODS, random.int(1, 3)),
    criteria: outcomes.slice(0, random.int(2, Math.min(4, outcomes.length))).map((o, n) => ({
      id: `c${n + 1}`,
      title: o,
      evidenceRequirements: random.sample(EVIDENCE, random.int(1, 2)),
    })),
    rplAllowed,
    rplEvidence: rplAllowed
      ? 'Challenge route: a portfolio of recent workplace evidence and a professional conversation.'
      : '',
    ...(random.chance(0.3) ? { validityDays: random.pick([730, 1095, 1825]) } : {}),
    tags: random.sample(CREDENTIAL_TAGS, random.int(1, 4)),
    language: 'en-NZ',
    badge: {
      shape: random.pick(['hexagon', 'circle', 'shield', 'rounded-square'] as const),
      colour: `#${random.int(0, 0xffffff).toString(16).padStart(6, '0')}`,
    },
    nzqa: random.chance(0.5) ? { nzscedCode: '030999', reviewPeriodYears: random.int(1, 3) } : {},
  };
}

/** Another provider's version of an earlier credential: the duplication the overlap report exists to find. */
function nearDuplicate(of: AchievementContent, i: number, random: Random): AchievementContent {
  const competencies = of.competencies.map((c) => ({
    ...c,
    targetLevel: random.chance(0.3)
      ? Math.min(5, Math.max(1, c.targetLevel + random.pick([-1, 1])))
      : c.targetLevel,
  }));
  const lines = of.description.split('\n');
  lines[1] = `- ${random.pick(VERBS)} ${random.pick(OBJECTS)} for ${random.pick(ASSET_CLASSES)} using ${random.pick(METHODS)}.`;
  const group = of.code.split('-')[0] ?? 'DUP';
  return {
    ...of,
    title: `${random.pick(TITLE_PREFIXES)} ${of.title.replace(/^(Introduction to|Applied|Advanced|Practical|Foundations of|Leading|Essentials of|Strategic|Operational|Integrated) /, '')}`,
    code: `${group}-${String(i + 1).padStart(5, '0')}`,
    description: lines.join('\n'),
    competencies,
    credits: Math.min(40, Math.max(1, of.credits + random.int(-2, 2))),
  };
}
