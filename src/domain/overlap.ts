/**
 * Overlap between micro-credentials, so duplicated training becomes visible: two credentials that
 * teach the same competencies at similar levels, or say the same thing in the same words.
 *
 * score = 0.7 · competency + 0.3 · text, each part in 0..1.
 *
 * - competency: weighted Jaccard over level vectors, Σ min(la, lb) / Σ max(la, lb) over every key
 *   either side teaches. A shared competency counts for more when its levels are close, and a
 *   competency only one side teaches counts against the pair.
 * - text: Jaccard over 2-word shingles of the lower-cased text with stop words removed. Shingles
 *   reward shared phrasing (a copied description) rather than a shared sector vocabulary, which
 *   every credential in one framework has; and MinHash estimates exactly this Jaccard, so the
 *   LSH candidate filter in findOverlaps and the exact score measure the same thing.
 *
 * A part with nothing to compare on either side (no competencies, no words) is 0: absence of data
 * is not evidence of duplication.
 */
import type { AchievementContent } from './achievements.js';
import { InvalidInput } from './errors.js';

export const COMPETENCY_WEIGHT = 0.7;
export const TEXT_WEIGHT = 0.3;
/** Where the authoring screen starts saying "overlaps 72% with …". */
export const OVERLAP_WARNING_THRESHOLD = 0.5;

export interface OverlapCompetency {
  /** Framework and code together; see competencyKey. */
  key: string;
  /** A level of the framework's proficiency scale (1-based). Levels of 0 or less teach nothing. */
  level: number;
}

/** What overlap looks at in one micro-credential. */
export interface OverlapSubject {
  id: string;
  competencies: readonly OverlapCompetency[];
  /** Title, summary, description and criteria, as one text. */
  text: string;
}

export interface SharedCompetency {
  key: string;
  levelA: number;
  levelB: number;
}

export interface OverlapBreakdown {
  /** 0..1: COMPETENCY_WEIGHT · competency + TEXT_WEIGHT · text. */
  score: number;
  competency: number;
  text: number;
  /** Ordered by key. */
  sharedCompetencies: SharedCompetency[];
}

/** Two subjects by id; `a` comes before `b` in the input. */
export interface OverlapPair extends OverlapBreakdown {
  a: string;
  b: string;
}

/** One published subject a draft overlaps with. */
export interface OverlapMatch extends OverlapBreakdown {
  id: string;
}

export interface FindOverlapsOptions {
  /** Keep pairs scoring at least this; in (0, 1]. */
  threshold: number;
  /** Keep only the best this many. */
  maxPairs?: number;
}

export interface Coverage {
  /** Competencies no subject teaches, in the order given. */
  uncovered: string[];
  /** How many subjects teach each competency (0 included), for a heatmap. */
  counts: Map<string, number>;
}

export function competencyKey(frameworkId: string, code: string): string {
  return `${frameworkId}:${code}`;
}

/** The overlap view of one version's content; `id` is usually the achievement's id. */
export function overlapSubject(id: string, content: AchievementContent): OverlapSubject {
  const criteria = content.criteria.map((c) => [c.title, ...c.evidenceRequirements].join('\n'));
  return {
    id,
    competencies: content.competencies.map((c) => ({
      key: competencyKey(c.frameworkId, c.code),
      level: c.targetLevel,
    })),
    text: [content.title, content.summary, content.description, content.criteriaNarrative, ...criteria].join(
      '\n',
    ),
  };
}

export function overlapScore(a: OverlapSubject, b: OverlapSubject): OverlapBreakdown {
  const words = new WordTable();
  return breakdown(prepare(a, words), prepare(b, words));
}

/**
 * Every pair scoring at least `threshold`, best first, without comparing all pairs.
 *
 * Candidates come from an inverted index competency → subjects (only subjects sharing a
 * competency can score above TEXT_WEIGHT), trimmed by prefix filtering so a competency that half
 * the catalogue teaches does not pair everything with everything; and, when the threshold is at
 * most TEXT_WEIGHT so text alone can reach it, from MinHash LSH over the text shingles (64 hashes,
 * 16 bands of 4). Candidates are then scored exactly, so every pair returned is exact. Pairs that
 * share a competency are all found; pairs that share only text are found with high probability
 * (about 99% at text Jaccard 0.7, 64% at 0.5).
 *
 * @throws InvalidInput for a threshold outside (0, 1] or a maxPairs that is not a positive integer.
 */
export function findOverlaps(
  subjects: readonly OverlapSubject[],
  options: FindOverlapsOptions,
): OverlapPair[] {
  const { threshold } = checkOptions(options);
  const words = new WordTable();
  const prepared = subjects.map((s) => prepare(s, words));

  const minCompetency = minCompetencyFor(threshold);
  const prefixes = competencyPrefixes(prepared, minCompetency);
  const signatures = threshold <= TEXT_WEIGHT ? prepared.map((p) => minHashSignature(p, words)) : undefined;

  const postings = new Map<string, number[]>();
  const bands = Array.from({ length: LSH_BANDS }, () => new Map<number, number[]>());
  const seenBy = new Int32Array(prepared.length).fill(-1);
  const kept: ScoredPair[] = [];

  // Index incrementally: subject i meets only earlier subjects, so each pair is seen once, as (j, i).
  prepared.forEach((subject, i) => {
    const consider = (j: number): void => {
      if (seenBy[j] === i) return;
      seenBy[j] = i;
      const other = prepared[j];
      if (other === undefined) return;
      const competency = competencySimilarity(other, subject);
      // Upper bound with a perfect text match; cheap, and skips most candidates from busy keys.
      if (COMPETENCY_WEIGHT * competency + TEXT_WEIGHT < threshold) return;
      const text = textSimilarity(other, subject, (threshold - COMPETENCY_WEIGHT * competency) / TEXT_WEIGHT);
      const score = combine(competency, text);
      if (score >= threshold) kept.push({ i: j, j: i, score, competency, text });
    };
    for (const key of prefixes[i] ?? []) {
      const list = postings.get(key);
      if (list === undefined) postings.set(key, [i]);
      else {
        list.forEach(consider);
        list.push(i);
      }
    }
    const signature = signatures?.[i];
    if (signature === undefined) return;
    bands.forEach((buckets, band) => {
      const bucket = bandHash(signature, band);
      const list = buckets.get(bucket);
      if (list === undefined) buckets.set(bucket, [i]);
      else {
        list.forEach(consider);
        list.push(i);
      }
    });
  });

  return toPairs(kept, prepared, options.maxPairs);
}

/** All pairs, scored exactly: the reference findOverlaps is tested and benchmarked against. */
export function bruteForceOverlaps(
  subjects: readonly OverlapSubject[],
  options: FindOverlapsOptions,
): OverlapPair[] {
  const { threshold } = checkOptions(options);
  const words = new WordTable();
  const prepared = subjects.map((s) => prepare(s, words));
  const kept: ScoredPair[] = [];
  for (let i = 0; i < prepared.length; i++) {
    for (let j = i + 1; j < prepared.length; j++) {
      const a = prepared[i];
      const b = prepared[j];
      if (a === undefined || b === undefined) continue;
      const competency = competencySimilarity(a, b);
      // Safe skip: even identical text could not lift this pair to the threshold.
      if (COMPETENCY_WEIGHT * competency + TEXT_WEIGHT < threshold) continue;
      const text = textSimilarity(a, b);
      const score = combine(competency, text);
      if (score >= threshold) kept.push({ i, j, score, competency, text });
    }
  }
  return toPairs(kept, prepared, options.maxPairs);
}

/**
 * The k published subjects a draft overlaps with most, at or above `threshold`, best first.
 * A published subject with the draft's own id is skipped, so a new version is not compared with
 * its own earlier one.
 *
 * @throws InvalidInput for a k that is not a non-negative integer or a threshold outside (0, 1].
 */
export function topOverlaps(
  draft: OverlapSubject,
  published: readonly OverlapSubject[],
  k: number,
  threshold = OVERLAP_WARNING_THRESHOLD,
): OverlapMatch[] {
  if (!Number.isSafeInteger(k) || k < 0) throw new InvalidInput('k', 'Ask for a whole number of overlaps.');
  checkOptions({ threshold });
  const words = new WordTable();
  const mine = prepare(draft, words);
  const matches: { index: number; match: OverlapMatch }[] = [];
  published.forEach((subject, index) => {
    if (subject.id === draft.id) return;
    const found = breakdown(mine, prepare(subject, words));
    if (found.score >= threshold) matches.push({ index, match: { id: subject.id, ...found } });
  });
  matches.sort((x, y) => y.match.score - x.match.score || x.index - y.index);
  return matches.slice(0, k).map((m) => m.match);
}

/** Keys a subject teaches that are not in `allCompetencyKeys` are ignored: the heatmap is of one framework. */
export function coverage(
  allCompetencyKeys: readonly string[],
  subjects: readonly OverlapSubject[],
): Coverage {
  const counts = new Map<string, number>(allCompetencyKeys.map((key) => [key, 0]));
  for (const subject of subjects) {
    // A subject listing a competency twice still teaches it once.
    for (const key of new Set(subject.competencies.filter((c) => c.level > 0).map((c) => c.key))) {
      const count = counts.get(key);
      if (count !== undefined) counts.set(key, count + 1);
    }
  }
  const uncovered = [...counts].filter(([, count]) => count === 0).map(([key]) => key);
  return { uncovered, counts };
}

// ---------------------------------------------------------------------------------------------
// Preparation: sorted competencies and interned shingles, computed once per subject.

interface PreparedSubject {
  id: string;
  /** Sorted by key, one entry per key, levels > 0. */
  keys: string[];
  levels: number[];
  levelSum: number;
  /** Shingle codes (see shingleCodes), sorted, unique. */
  shingles: Float64Array;
}

interface ScoredPair {
  i: number;
  j: number;
  score: number;
  competency: number;
  text: number;
}

/**
 * Interns words to small integers. A shingle is then a number built from its two word ids: exact
 * set arithmetic, and much cheaper than a Map of hundreds of thousands of shingle strings.
 */
class WordTable {
  private readonly ids = new Map<string, number>();
  /** Content hash per word id, for MinHash: signatures must not depend on the order subjects arrive in. */
  readonly hashes: number[] = [];

  idOf(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.hashes.length;
      this.ids.set(word, id);
      this.hashes.push(fnv1a(word));
    }
    return id;
  }
}

/** Room for 2^26 distinct words; a shingle's code stays an exact integer below 2^52. */
const WORD_ID_LIMIT = 2 ** 26;

function prepare(subject: OverlapSubject, words: WordTable): PreparedSubject {
  const levelByKey = new Map<string, number>();
  for (const { key, level } of subject.competencies) {
    if (!(level > 0)) continue;
    levelByKey.set(key, Math.max(level, levelByKey.get(key) ?? 0));
  }
  const keys = [...levelByKey.keys()].sort(compareText);
  const levels = keys.map((key) => levelByKey.get(key) ?? 0);
  const levelSum = levels.reduce((sum, level) => sum + level, 0);
  return { id: subject.id, keys, levels, levelSum, shingles: shingleCodes(subject.text, words) };
}

/** Common English function words, then words nearly every micro-credential uses: sharing them says nothing. */
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below
   between both but by can could did do does doing down during each few for from further had has have having
   he her here hers him his how i if in into is it its itself just may me more most must my no nor not now of
   off on once only or other our ours out over own same she should so some such than that the their theirs
   them then there these they this those through to too under until up very was we were what when where
   which while who whom why will with would you your yours
   able demonstrate demonstrates learner learners`
    .trim()
    .split(/\s+/),
);

/** Lower-cased words without stop words or diacritics ("Kōwhai" and "kowhai" are one word). */
export function contentWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !STOP_WORDS.has(word));
}

/** 2-word shingles; a one-word text is its own shingle so it can still match itself. */
export function textShingles(text: string): string[] {
  const words = contentWords(text);
  if (words.length < 2) return words;
  return words.slice(1).map((word, i) => `${words[i] ?? ''} ${word}`);
}

/** The shingles of textShingles as sorted unique codes: first · 2^26 + second, or −(id + 1) for a lone word. */
function shingleCodes(text: string, table: WordTable): Float64Array {
  const ids = contentWords(text).map((word) => table.idOf(word));
  if (ids.length === 1) return Float64Array.of(-(ids[0] ?? 0) - 1);
  const codes = new Set<number>();
  for (let i = 1; i < ids.length; i++) codes.add((ids[i - 1] ?? 0) * WORD_ID_LIMIT + (ids[i] ?? 0));
  return Float64Array.from(codes).sort();
}

function shingleHash(code: number, table: WordTable): number {
  if (code < 0) return table.hashes[-code - 1] ?? 0;
  const first = table.hashes[Math.floor(code / WORD_ID_LIMIT)] ?? 0;
  const second = table.hashes[code % WORD_ID_LIMIT] ?? 0;
  return mix32(Math.imul(first, 0x9e37_79b1) ^ second);
}

// ---------------------------------------------------------------------------------------------
// Exact similarity.

function breakdown(a: PreparedSubject, b: PreparedSubject): OverlapBreakdown {
  const competency = competencySimilarity(a, b);
  const text = textSimilarity(a, b);
  return { score: combine(competency, text), competency, text, sharedCompetencies: sharedCompetencies(a, b) };
}

function combine(competency: number, text: number): number {
  return Math.min(1, COMPETENCY_WEIGHT * competency + TEXT_WEIGHT * text);
}

/** Σ min / Σ max, using Σ max = Σa + Σb − Σ min (keys only one side has contribute their level to Σ max). */
function competencySimilarity(a: PreparedSubject, b: PreparedSubject): number {
  let sharedMin = 0;
  let x = 0;
  let y = 0;
  while (x < a.keys.length && y < b.keys.length) {
    const keyA = a.keys[x] ?? '';
    const keyB = b.keys[y] ?? '';
    if (keyA < keyB) x++;
    else if (keyA > keyB) y++;
    else {
      sharedMin += Math.min(a.levels[x] ?? 0, b.levels[y] ?? 0);
      x++;
      y++;
    }
  }
  const union = a.levelSum + b.levelSum - sharedMin;
  return union > 0 ? Math.min(1, sharedMin / union) : 0;
}

function sharedCompetencies(a: PreparedSubject, b: PreparedSubject): SharedCompetency[] {
  const levelsB = new Map(b.keys.map((key, i) => [key, b.levels[i] ?? 0]));
  const shared: SharedCompetency[] = [];
  a.keys.forEach((key, i) => {
    const levelB = levelsB.get(key);
    if (levelB !== undefined) shared.push({ key, levelA: a.levels[i] ?? 0, levelB });
  });
  return shared;
}

/**
 * Jaccard of the shingle sets. Given `atLeast`, it may stop early and return 0 once the shingles
 * left cannot lift it that high: most candidate pairs share little text, and this is the hot loop.
 */
function textSimilarity(a: PreparedSubject, b: PreparedSubject, atLeast = 0): number {
  const sa = a.shingles;
  const sb = b.shingles;
  // J ≥ τ ⇔ common ≥ τ(|A| + |B|) / (1 + τ); the slack keeps rounding from dropping a pair at the boundary.
  const target = atLeast - 1e-9;
  const commonNeeded = target > 0 ? (target * (sa.length + sb.length)) / (1 + target) : 0;
  let common = 0;
  let x = 0;
  let y = 0;
  while (x < sa.length && y < sb.length) {
    if (common + Math.min(sa.length - x, sb.length - y) < commonNeeded) return 0;
    const ia = sa[x] ?? 0;
    const ib = sb[y] ?? 0;
    if (ia < ib) x++;
    else if (ia > ib) y++;
    else {
      common++;
      x++;
      y++;
    }
  }
  const union = sa.length + sb.length - common;
  return union > 0 ? common / union : 0;
}

// ---------------------------------------------------------------------------------------------
// Candidate generation.

/**
 * Score ≥ threshold needs competency ≥ (threshold − TEXT_WEIGHT) / COMPETENCY_WEIGHT, since text
 * adds at most TEXT_WEIGHT. The slack absorbs rounding so no qualifying pair is pruned.
 */
function minCompetencyFor(threshold: number): number {
  return (threshold - TEXT_WEIGHT) / COMPETENCY_WEIGHT - 1e-9;
}

/**
 * Prefix filtering: which of each subject's keys to index. Order keys rarest first; a subject's
 * prefix is its keys up to where the levels left over weigh less than minCompetency · Σ levels.
 * If two subjects reach minCompetency, Σ min ≥ minCompetency · Σ max ≥ minCompetency · Σa, so
 * their rarest shared key lies in both prefixes and the pair is still met. With a low threshold
 * (minCompetency ≤ 0) every key is indexed; with a high one, a competency that half the catalogue
 * teaches rarely makes a prefix, which keeps its posting list from producing millions of pairs.
 */
function competencyPrefixes(prepared: readonly PreparedSubject[], minCompetency: number): string[][] {
  const teaching = new Map<string, number>();
  for (const subject of prepared) {
    for (const key of subject.keys) teaching.set(key, (teaching.get(key) ?? 0) + 1);
  }
  const rarestFirst = (x: string, y: string): number =>
    (teaching.get(x) ?? 0) - (teaching.get(y) ?? 0) || compareText(x, y);
  return prepared.map((subject) => {
    const levelOf = new Map(subject.keys.map((key, i) => [key, subject.levels[i] ?? 0]));
    const ordered = [...subject.keys].sort(rarestFirst);
    const enough = minCompetency * subject.levelSum;
    const prefix: string[] = [];
    let leftOver = subject.levelSum;
    for (const key of ordered) {
      if (leftOver < enough) break;
      prefix.push(key);
      leftOver -= levelOf.get(key) ?? 0;
    }
    return prefix;
  });
}

const MINHASH_SIZE = 64;
const LSH_BANDS = 16;
const LSH_ROWS = MINHASH_SIZE / LSH_BANDS;

/** Fixed multipliers and offsets for the 64 hash functions, so runs are reproducible. */
const MINHASH_PARAMETERS = ((): { multipliers: Uint32Array; offsets: Uint32Array } => {
  const next = splitMix32(0x43a1_2b9d);
  const multipliers = new Uint32Array(MINHASH_SIZE);
  const offsets = new Uint32Array(MINHASH_SIZE);
  for (let i = 0; i < MINHASH_SIZE; i++) {
    multipliers[i] = next() | 1;
    offsets[i] = next();
  }
  return { multipliers, offsets };
})();

function minHashSignature(subject: PreparedSubject, words: WordTable): Uint32Array | undefined {
  if (subject.shingles.length === 0) return undefined;
  const { multipliers, offsets } = MINHASH_PARAMETERS;
  const signature = new Uint32Array(MINHASH_SIZE).fill(0xffff_ffff);
  for (const code of subject.shingles) {
    const hash = shingleHash(code, words);
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const value = mix32((Math.imul(hash, multipliers[i] ?? 1) + (offsets[i] ?? 0)) | 0);
      if (value < (signature[i] ?? 0)) signature[i] = value;
    }
  }
  return signature;
}

/** One bucket id per band; a collision between different bands' rows only adds a candidate. */
function bandHash(signature: Uint32Array, band: number): number {
  let hash = band;
  for (let row = band * LSH_ROWS; row < (band + 1) * LSH_ROWS; row++) {
    hash = mix32(Math.imul(hash ^ (signature[row] ?? 0), 0x9e37_79b1));
  }
  return hash;
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

function checkOptions(options: FindOverlapsOptions): FindOverlapsOptions {
  const { threshold, maxPairs } = options;
  if (!(threshold > 0 && threshold <= 1)) {
    // 0 would keep every pair, including those with nothing in common.
    throw new InvalidInput('threshold', 'Give an overlap threshold above 0 and at most 1.');
  }
  if (maxPairs !== undefined && !(Number.isSafeInteger(maxPairs) && maxPairs > 0)) {
    throw new InvalidInput('maxPairs', 'Give the number of pairs to keep as a whole number above 0.');
  }
  return options;
}

function toPairs(kept: ScoredPair[], prepared: readonly PreparedSubject[], maxPairs?: number): OverlapPair[] {
  kept.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  const best = maxPairs === undefined ? kept : kept.slice(0, maxPairs);
  return best.flatMap(({ i, j, score, competency, text }) => {
    const a = prepared[i];
    const b = prepared[j];
    if (a === undefined || b === undefined) return [];
    return [{ a: a.id, b: b.id, score, competency, text, sharedCompetencies: sharedCompetencies(a, b) }];
  });
}

/** Code-unit order: the same everywhere, unlike localeCompare. */
function compareText(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

function fnv1a(text: string): number {
  let hash = 0x811c_9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x0100_0193);
  }
  return hash >>> 0;
}

/** MurmurHash3's finaliser: spreads every input bit over the output. */
function mix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85eb_ca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function splitMix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e37_79b9) >>> 0;
    return mix32(state);
  };
}
