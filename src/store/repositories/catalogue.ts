import { sql, type SQL } from 'drizzle-orm';
import type { AchievementContent } from '../../domain/achievements.js';
import type { Orm } from '../db.js';

export interface CatalogueQuery {
  q?: string;
  competencyIds?: string[];
  skillArea?: string;
  nzqfLevel?: number;
  creditsMin?: number;
  creditsMax?: number;
  providerId?: string;
  endorsedBy?: string;
  rplAllowed?: boolean;
  sort: 'relevance' | 'title' | 'newest' | 'credits';
  limit: number;
  offset: number;
}

interface Row extends Record<string, unknown> {
  achievement_id: string;
  version_id: string;
  version: string;
  code: string;
  title: string;
  summary: string;
  credits: number;
  nzqf_level: number;
  rpl_allowed: boolean;
  achievement_type: string;
  provider_id: string;
  provider_name: string;
  skill_areas: string[];
  competency_ids: string[];
  published_at: Date | string | null;
  content: AchievementContent;
  total: number;
}

async function rows<T>(db: Orm, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/** Words of a short query as prefixes, so "valu" finds "valuation" while typing. */
function prefixQuery(q: string): string | undefined {
  const words = q
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 2);
  if (words.length === 0 || words.length > 3) return undefined;
  return words.map((w) => `${w}:*`).join(' & ');
}

type SortKey = [SQL, 'ASC' | 'DESC' | 'DESC NULLS LAST'];

/** `sort_0 DESC, sort_1 ASC …`, the columns pageIds names after the keys. */
const orderOn = (keys: readonly SortKey[], prefix: string) =>
  sql.raw(keys.map(([, direction], i) => `${prefix}sort_${i} ${direction}`).join(', '));

/** Relevance scores only some of the near matches when there are more than this many, and at most this many similar titles. */
const SIMILAR_CAP = 1000;

/**
 * The typo fallback shows a title when its words are at least this alike to the query's (pg_trgm
 * word similarity, averaged over the query's words): "asest" finds "Asset".
 */
const TYPO_SIMILARITY = 0.3;
/** For a query of several words, how alike a title word must be to one of them to count in that average. */
const TYPO_WORD_SIMILARITY = 0.2;

const toDate = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(v));

export function catalogueRepository(db: Orm) {
  function where(query: CatalogueQuery, fuzzy: boolean): SQL {
    // catalogue_entries holds the listed, published versions only (unlisted ones are stacked
    // credentials' achievements, not micro-credentials).
    const parts: SQL[] = [sql`TRUE`];
    if (query.competencyIds?.length) {
      parts.push(
        sql`v.competency_ids && ARRAY[${sql.join(
          query.competencyIds.map((id) => sql`${id}`),
          sql`, `,
        )}]::uuid[]`,
      );
    }
    if (query.skillArea) parts.push(sql`v.skill_areas @> ARRAY[${query.skillArea}]::text[]`);
    if (query.nzqfLevel !== undefined) parts.push(sql`v.nzqf_level = ${query.nzqfLevel}`);
    if (query.creditsMin !== undefined) parts.push(sql`v.credits >= ${query.creditsMin}`);
    if (query.creditsMax !== undefined) parts.push(sql`v.credits <= ${query.creditsMax}`);
    if (query.providerId) parts.push(sql`a.owner_organisation_id = ${query.providerId}`);
    if (query.endorsedBy) parts.push(sql`v.endorser_ids @> ARRAY[${query.endorsedBy}]::uuid[]`);
    if (query.rplAllowed !== undefined) parts.push(sql`v.rpl_allowed = ${query.rplAllowed}`);
    // The words go last: reading a search vector is the dearest test, and PostgreSQL tests
    // conditions it thinks equally cheap in the order written, so rows the filters above reject
    // are never read in full. (The typo fallback matches through the join typoMatches makes.)
    const q = query.q?.trim();
    if (q && !fuzzy) {
      // One match against both queries OR-ed together (tsquery ||): the same as two matches OR-ed,
      // but each search vector is read once instead of twice.
      const prefix = prefixQuery(q);
      parts.push(
        prefix
          ? sql`v.search @@ (websearch_to_tsquery('english', ${q}) || to_tsquery('english', ${prefix}))`
          : sql`v.search @@ websearch_to_tsquery('english', ${q})`,
      );
    }
    return sql.join(parts, sql` AND `);
  }

  /**
   * The entries whose titles have words like the query's (the typo fallback), each with its
   * similarity `typo.similarity`: for each word of the query the best word similarity of a word of
   * the title (0 when none reaches pg_trgm.word_similarity_threshold), averaged over the query's
   * words, and at least TYPO_SIMILARITY. The query's words are compared with the list of title
   * words (catalogue_words, a few thousand at most), never with every title, and the titles using
   * the similar words come from catalogue_title_words. Unlike word_similarity(query, title), a
   * stretch of trigrams running across two words of a title ("…nal Re…" in "Operational Renewal")
   * no longer counts: a title matches by its words.
   */
  function typoMatches(q: string): SQL {
    return sql`(
      WITH terms AS (
        SELECT t.term, t.i FROM regexp_split_to_table(lower(${q}), '[^[:alnum:]]+') WITH ORDINALITY AS t (term, i)
        WHERE t.term <> ''
      ), like_words AS MATERIALIZED (
        SELECT t.i, w.word, word_similarity(t.term, w.word) AS similarity
        FROM terms t JOIN catalogue_words w ON t.term <% w.word
      ), best AS (
        SELECT tw.version_id, s.i, max(s.similarity) AS similarity
        FROM catalogue_title_words tw JOIN like_words s ON s.word = tw.word
        -- An index condition, so the planner looks the (few) similar words up instead of
        -- reading every title word: the words' count is not known when it plans.
        WHERE tw.word = ANY (ARRAY(SELECT word FROM like_words))
        GROUP BY tw.version_id, s.i
      )
      SELECT version_id, sum(similarity) / (SELECT count(*) FROM terms)::real AS similarity
      FROM best GROUP BY version_id
      HAVING sum(similarity) / (SELECT count(*) FROM terms)::real >= ${TYPO_SIMILARITY}::float8
    ) typo`;
  }

  /** `catalogue_entries v … WHERE …`: the matches of a query, its typo fallback's when `fuzzy`. */
  function matching(query: CatalogueQuery, fuzzy: boolean): SQL {
    const q = query.q?.trim();
    return sql`catalogue_entries v
      ${fuzzy && q ? sql`JOIN ${typoMatches(q)} ON typo.version_id = v.id` : sql``}
      ${query.providerId ? sql`JOIN achievements a ON a.id = v.achievement_id` : sql``}
      WHERE ${where(query, fuzzy)}`;
  }

  /**
   * What a page is sorted on, most significant first. Every sort ends in the version id, so the
   * order is total and the page query can pick a page on these keys and then restore its order.
   * Relevance is ts_rank_cd(search, websearch_to_tsquery(q)) + word_similarity(q, title); pageIds
   * computes it as `v.score`.
   */
  function sortKeys(query: CatalogueQuery): SortKey[] {
    const q = query.q?.trim();
    const byTitle: SortKey[] = [
      [sql`v.title`, 'ASC'],
      [sql`v.id`, 'ASC'],
    ];
    switch (query.sort) {
      case 'title':
        return byTitle;
      case 'newest':
        return [
          [sql`v.published_at`, 'DESC NULLS LAST'],
          [sql`v.id`, 'ASC'],
        ];
      case 'credits':
        return [[sql`v.credits`, 'ASC'], ...byTitle];
      case 'relevance':
        // pageIds computes the score as `v.score`, for as few matches as it can.
        return q ? [[sql`v.score`, 'DESC'], ...byTitle] : byTitle;
    }
  }

  /**
   * Runs `fn` with the trigram threshold typoMatches compares words with (`<%`): looser than the
   * default, so one or two typos in a word still match, and looser still for a query of several
   * words, where a word that is only a little alike can still lift the average.
   */
  async function withTypoTolerance<T>(q: string, fn: (tx: Orm) => Promise<T>): Promise<T> {
    const words = q
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== '');
    const threshold = words.length > 1 ? TYPO_WORD_SIMILARITY : TYPO_SIMILARITY;
    return db.transaction(async (tx) => {
      await tx.execute(
        sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(threshold)}, true)`,
      );
      return fn(tx);
    });
  }

  /**
   * The ids of one page with the sort keys (sort_0, sort_1 …) and the number of matches, chosen on
   * narrow rows so that only the page's rows are read in full.
   */
  function pageIds(query: CatalogueQuery, fuzzy: boolean, keys: SortKey[]): SQL {
    const keyColumns = sql.join(
      keys.map(([key], i) => sql`${key} AS ${sql.raw(`sort_${i}`)}`),
      sql`, `,
    );
    const from = matching(query, fuzzy);
    const q = query.q?.trim();
    if (query.sort !== 'relevance' || !q) {
      return sql`SELECT v.id, (count(*) OVER ())::int AS total, ${keyColumns}
        FROM ${from}
        ORDER BY ${orderOn(keys, '')}
        LIMIT ${query.limit} OFFSET ${query.offset}`;
    }
    if (fuzzy) {
      // No match for the words (the full-text search under the same filters found none), so the rank
      // is 0 for every row: ts_rank_cd is 0 where a query without negation does not match. With a
      // negation ("asset -risk") a row that fails the query can still rank, so then it is computed.
      const rank = q.includes('-')
        ? sql`ts_rank_cd(v.search, websearch_to_tsquery('english', ${q}))`
        : sql`0::real`;
      return sql`WITH matches AS MATERIALIZED (
          SELECT v.id, v.title, ${rank} + typo.similarity AS score
          FROM ${from}
        )
        SELECT v.id, (SELECT count(*) FROM matches)::int AS total, ${keyColumns}
        FROM matches v
        ORDER BY ${orderOn(keys, '')}
        LIMIT ${query.limit} OFFSET ${query.offset}`;
    }
    // Relevance is ts_rank_cd + word_similarity, and word_similarity is the dearer half. It adds at
    // most 1, so a match whose rank + 1 is below the (offset + limit)-th best rank cannot reach the
    // page: those are left out (`near` keeps the rest). (Rounding is monotonic, so this holds in
    // float4 too: fl(rank + similarity) ≤ fl(rank + 1) < cutoff ≤ fl(rank' + similarity') for each
    // of the offset + limit matches ranked at or above the cutoff.)
    //
    // Near matches are scored in two passes. First (`scored`) the ones likely to lead: the
    // (offset + limit) best-ranked, and the titles most alike to the query. A title that has a
    // one-word query as one of its words is as alike as a title can be: the word's trigrams are the
    // query's, so word_similarity is exactly 1, and catalogue_title_words names those titles
    // (`titled`) without comparing them. For other queries (prefixes: "maint" finds "maintenance",
    // but the rank is for the word "maint", 0 for every match) the trigram index finds the titles
    // whose similarity reaches pg_trgm.word_similarity_threshold (T, 0.6 by default; `alike`).
    // `bound`, the (offset + limit)-th best of these scores, is at most the page's last score, so a
    // match scoring below it cannot reach the page. The second pass compares only the other near
    // matches whose similarity could still lift them to the bound (`rest`): it is below T when
    // `alike` found every title reaching T, and at most the share of the query's trigrams the
    // title's words have (`ceiling`: similarity is shared trigrams over the union of trigrams, at
    // least the query's). With few near matches (up to CAP) every one is scored at once. The page is
    // the same as when every near match is compared (rounding is monotonic, as above).
    const reach = query.offset + query.limit;
    const threshold = sql`current_setting('pg_trgm.word_similarity_threshold')::real`;
    const word = /^[a-z0-9]+$/i.test(q) ? q.toLowerCase() : undefined;
    const similarity = word
      ? sql`CASE WHEN id IN (SELECT version_id FROM titled) THEN 1::real ELSE word_similarity(${q}, title) END`
      : sql`word_similarity(${q}, title)`;
    // What the similarity of a near match left for the second pass can be at most, before its ceiling.
    const unscored = sql`CASE WHEN ${word ? sql`EXISTS (SELECT 1 FROM titled) OR ` : sql``}(SELECT count(*) FROM alike) > ${SIMILAR_CAP}
      THEN 1::real ELSE ${threshold} END`;
    // Scored first besides the best-ranked: the titles holding the word, else the alike ones.
    const first = word
      ? sql`id IN (SELECT version_id FROM titled)
          OR ((SELECT NOT EXISTS (SELECT 1 FROM titled)) AND id IN (SELECT id FROM alike))`
      : sql`id IN (SELECT id FROM alike)`;
    return sql`WITH ${word ? sql`titled AS MATERIALIZED (SELECT version_id FROM catalogue_title_words WHERE word = ${word}), ` : sql``}matches AS MATERIALIZED (
        SELECT v.id, v.title, ts_rank_cd(v.search, websearch_to_tsquery('english', ${q})) AS rank
        FROM ${from}
      ), cutoff AS (
        SELECT rank FROM matches ORDER BY rank DESC OFFSET ${Math.max(0, reach - 1)} LIMIT 1
      ), near AS MATERIALIZED (
        SELECT id, title, rank FROM matches
        WHERE rank + 1::real >= coalesce((SELECT rank FROM cutoff), '-Infinity'::real)
      ), alike AS MATERIALIZED (
        -- achievement_id is read only so that no btree index covers this: the planner prices the
        -- similarity test as cheap as an equality, and would otherwise test every title in an
        -- index-only scan of the title index instead of asking the trigram index.
        SELECT v.id, v.achievement_id FROM catalogue_entries v WHERE ${q} <% v.title
        LIMIT ${SIMILAR_CAP + 1}
      ), scored AS MATERIALIZED (
        SELECT id, title, rank, rank + ${similarity} AS score FROM near
        WHERE (SELECT count(*) FROM near) <= ${SIMILAR_CAP}
          OR ${first}
          OR id IN (SELECT id FROM near ORDER BY rank DESC LIMIT ${reach})
      ), bound AS (
        SELECT score FROM scored ORDER BY score DESC OFFSET ${Math.max(0, reach - 1)} LIMIT 1
      ), rest AS MATERIALIZED (
        SELECT id, title, rank FROM near
        WHERE id NOT IN (SELECT id FROM scored)
          AND rank + ${unscored} >= coalesce((SELECT score FROM bound), '-Infinity'::real)
      ), grams AS MATERIALIZED (
        SELECT show_trgm(${q}) AS grams
      ), shared AS MATERIALIZED (
        SELECT w.word, cardinality(ARRAY(SELECT unnest(show_trgm(w.word)) INTERSECT SELECT unnest(g.grams))) AS n
        FROM catalogue_words w, grams g WHERE show_trgm(w.word) && g.grams
      ), ceiling AS MATERIALIZED (
        SELECT r.id,
          least(1::real, sum(s.n)::real / nullif((SELECT cardinality(grams) FROM grams), 0)::real) AS top
        FROM rest r JOIN catalogue_title_words tw ON tw.version_id = r.id JOIN shared s ON s.word = tw.word
        GROUP BY r.id
      )
      SELECT v.id, (SELECT count(*) FROM matches)::int AS total, ${keyColumns}
      FROM (
        SELECT id, title, score FROM scored
        UNION ALL
        SELECT r.id, r.title, r.rank + word_similarity(${q}, r.title) FROM rest r LEFT JOIN ceiling c ON c.id = r.id
        WHERE r.rank + coalesce(c.top, 0::real) >= coalesce((SELECT score FROM bound), '-Infinity'::real)
      ) v
      ORDER BY ${orderOn(keys, '')}
      LIMIT ${query.limit} OFFSET ${query.offset}`;
  }

  async function page(query: CatalogueQuery, fuzzy: boolean) {
    // Two steps in one statement: pick the page on narrow rows (id and sort keys), then fetch the
    // wide columns (content above all) for that page only. Ranking, counting and sorting every match
    // with its content attached made broad queries ("asset") several times slower.
    const keys = sortKeys(query);
    const run = (tx: Orm) =>
      rows<Row>(
        tx,
        sql`SELECT v.achievement_id, v.id AS version_id, v.version, v.code, v.title, v.summary, v.credits,
              v.nzqf_level, v.rpl_allowed, v.achievement_type, a.owner_organisation_id AS provider_id,
              o.name AS provider_name, v.skill_areas, v.competency_ids, v.published_at, v.content, page.total
            FROM (${pageIds(query, fuzzy, keys)}) page
            JOIN achievement_versions v ON v.id = page.id
            JOIN achievements a ON a.id = v.achievement_id
            JOIN organisations o ON o.id = a.owner_organisation_id
            ORDER BY ${orderOn(keys, 'page.')}`,
      );
    const found = fuzzy ? await withTypoTolerance(query.q ?? '', run) : await run(db);
    let total = found[0]?.total ?? 0;
    if (found.length === 0 && query.offset > 0) {
      // Past the last page: still say how many there are.
      const count = (tx: Orm) =>
        rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM ${matching(query, fuzzy)}`);
      const [c] = fuzzy ? await withTypoTolerance(query.q ?? '', count) : await count(db);
      total = c?.n ?? 0;
    }
    return { found, total };
  }

  return {
    /**
     * Full-text search with prefixes; only when that finds nothing for a short query does it fall
     * back to trigram similarity, so typos are forgiven without flooding good queries with noise.
     */
    async search(query: CatalogueQuery) {
      const q = query.q?.trim() ?? '';
      let { found, total } = await page(query, false);
      if (total === 0 && q !== '' && q.length <= 30 && q.split(/\s+/).length <= 3) {
        ({ found, total } = await page(query, true));
      }
      return {
        total,
        items: found.map((r) => ({
          achievementId: r.achievement_id,
          versionId: r.version_id,
          version: r.version,
          code: r.code,
          title: r.title,
          summary: r.summary,
          credits: r.credits,
          nzqfLevel: r.nzqf_level,
          rplAllowed: r.rpl_allowed,
          achievementType: r.achievement_type,
          provider: { id: r.provider_id, name: r.provider_name },
          skillAreas: r.skill_areas,
          competencyIds: r.competency_ids,
          publishedAt: toDate(r.published_at),
          content: r.content,
        })),
      };
    },

    async publishedProfiles() {
      const found = await rows<{
        achievement_id: string;
        version_id: string;
        code: string;
        title: string;
        provider_id: string;
        provider_name: string;
        competencies: { competencyId: string; level: number }[] | null;
        text: string;
      }>(
        db,
        sql`SELECT v.achievement_id, v.id AS version_id, v.code, v.title, a.owner_organisation_id AS provider_id,
            o.name AS provider_name,
            (SELECT json_agg(json_build_object('competencyId', c.competency_id, 'level', c.target_level))
               FROM achievement_version_competencies c WHERE c.version_id = v.id) AS competencies,
            concat_ws(' ', v.title, v.summary, v.content->>'description', v.content->>'criteriaNarrative') AS text
          FROM achievement_versions v
          JOIN achievements a ON a.id = v.achievement_id
          JOIN organisations o ON o.id = a.owner_organisation_id
          WHERE v.status = 'published' AND v.listed`,
      );
      return found.map((r) => ({
        achievementId: r.achievement_id,
        versionId: r.version_id,
        code: r.code,
        title: r.title,
        provider: { id: r.provider_id, name: r.provider_name },
        competencies: r.competencies ?? [],
        text: r.text,
      }));
    },
  };
}
