import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Competency, FrameworkContent, ProficiencyLevel } from '../../domain/frameworks.js';
import type { Orm } from '../db.js';
import { competencies, competencyGroups, frameworks, organisations } from '../schema.js';

export function frameworkRepository(db: Orm) {
  const summaries = async (where?: ReturnType<typeof eq>) => {
    const groupCounts = db
      .select({ frameworkId: competencyGroups.frameworkId, n: count().as('gn') })
      .from(competencyGroups)
      .groupBy(competencyGroups.frameworkId)
      .as('g');
    const competencyCounts = db
      .select({ frameworkId: competencies.frameworkId, n: count().as('cn') })
      .from(competencies)
      .groupBy(competencies.frameworkId)
      .as('c');
    const rows = await db
      .select({
        f: frameworks,
        ownerName: organisations.name,
        groupCount: sql<number>`coalesce(${groupCounts.n}, 0)::int`,
        competencyCount: sql<number>`coalesce(${competencyCounts.n}, 0)::int`,
      })
      .from(frameworks)
      .leftJoin(organisations, eq(organisations.id, frameworks.ownerOrganisationId))
      .leftJoin(groupCounts, eq(groupCounts.frameworkId, frameworks.id))
      .leftJoin(competencyCounts, eq(competencyCounts.frameworkId, frameworks.id))
      .where(where)
      .orderBy(asc(frameworks.title));
    return rows.map(({ f, ownerName, groupCount, competencyCount }) => ({
      id: f.id,
      slug: f.slug,
      title: f.title,
      description: f.description,
      version: f.version,
      language: f.language,
      owner:
        f.ownerOrganisationId && ownerName !== null ? { id: f.ownerOrganisationId, name: ownerName } : null,
      groupCount,
      competencyCount,
      updatedAt: f.updatedAt,
      scale: f.scale,
      caseIdentifier: f.caseIdentifier,
    }));
  };

  const load = async (where: ReturnType<typeof eq>) => {
    const [summary] = await summaries(where);
    if (!summary) return undefined;
    const groups = await db
      .select()
      .from(competencyGroups)
      .where(eq(competencyGroups.frameworkId, summary.id))
      .orderBy(asc(competencyGroups.position));
    const groupCode = new Map(groups.map((g) => [g.id, g.code]));
    const items = await db
      .select()
      .from(competencies)
      .where(eq(competencies.frameworkId, summary.id))
      .orderBy(asc(competencies.position));
    const { scale, caseIdentifier, ...rest } = summary;
    const competencyIds = Object.fromEntries(items.map((c) => [c.code, c.id]));
    const content: FrameworkContent = {
      title: summary.title,
      description: summary.description,
      version: summary.version,
      language: summary.language,
      caseIdentifier,
      scale,
      groups: groups.map((g) => ({ code: g.code, name: g.name, description: g.description })),
      competencies: items.map((c) => ({
        code: c.code,
        groupCode: groupCode.get(c.groupId) ?? '',
        name: c.name,
        description: c.description,
        tags: c.tags,
        indicators: c.indicators,
        alignments: c.alignments,
        caseIdentifier: c.caseIdentifier,
      })),
    };
    return { ...rest, content, competencyIds };
  };

  async function groupIdFor(frameworkId: string, code: string) {
    const [g] = await db
      .select({ id: competencyGroups.id })
      .from(competencyGroups)
      .where(and(eq(competencyGroups.frameworkId, frameworkId), eq(competencyGroups.code, code)));
    return g?.id;
  }

  return {
    list: async () => (await summaries()).map(({ scale: _s, caseIdentifier: _c, ...s }) => s),
    find: (id: string) => load(eq(frameworks.id, id)),
    findBySlug: (slug: string) => load(eq(frameworks.slug, slug)),
    async freeSlug(base: string) {
      const rows = await db
        .select({ slug: frameworks.slug })
        .from(frameworks)
        .where(sql`${frameworks.slug} = ${base} OR ${frameworks.slug} LIKE ${base + '-%'}`);
      const taken = new Set(rows.map((r) => r.slug));
      let n = 1;
      while (taken.has(n === 1 ? base : `${base}-${n}`)) n++;
      return n === 1 ? base : `${base}-${n}`;
    },
    async insert(input: { slug: string; ownerOrganisationId: string | null; content: FrameworkContent }) {
      const c = input.content;
      const [f] = await db
        .insert(frameworks)
        .values({
          slug: input.slug,
          ownerOrganisationId: input.ownerOrganisationId,
          title: c.title,
          description: c.description,
          version: c.version,
          language: c.language,
          scale: c.scale,
          caseIdentifier: c.caseIdentifier ?? sql`gen_random_uuid()`,
        })
        .returning({ id: frameworks.id });
      if (!f) throw new Error('framework insert returned no row');
      const groupRows =
        c.groups.length === 0
          ? []
          : await db
              .insert(competencyGroups)
              .values(
                c.groups.map((g, i) => ({
                  frameworkId: f.id,
                  code: g.code,
                  name: g.name,
                  description: g.description,
                  position: i,
                })),
              )
              .returning({ id: competencyGroups.id, code: competencyGroups.code });
      const groupIds = new Map(groupRows.map((g) => [g.code, g.id]));
      // Large frameworks go in in slices, to stay under the bind-parameter limit.
      for (let start = 0; start < c.competencies.length; start += 500) {
        await db.insert(competencies).values(
          c.competencies.slice(start, start + 500).map((k, i) => ({
            frameworkId: f.id,
            groupId: groupIds.get(k.groupCode) ?? '',
            code: k.code,
            name: k.name,
            description: k.description,
            tags: k.tags,
            indicators: k.indicators,
            alignments: k.alignments,
            position: start + i,
            caseIdentifier: k.caseIdentifier ?? sql`gen_random_uuid()`,
          })),
        );
      }
      return f.id;
    },
    async updateDetails(
      id: string,
      details: { title: string; description: string; version: string; scale: ProficiencyLevel[] },
      at: Date,
    ) {
      await db
        .update(frameworks)
        .set({ ...details, updatedAt: at })
        .where(eq(frameworks.id, id));
    },
    async saveCompetency(frameworkId: string, k: Competency, at: Date) {
      const groupId = await groupIdFor(frameworkId, k.groupCode);
      if (!groupId) throw new Error(`no group ${k.groupCode}`);
      const values = {
        groupId,
        name: k.name,
        description: k.description,
        tags: k.tags,
        indicators: k.indicators,
        alignments: k.alignments,
      };
      const updated = await db
        .update(competencies)
        .set(values)
        .where(
          and(eq(competencies.frameworkId, frameworkId), sql`upper(${competencies.code}) = upper(${k.code})`),
        )
        .returning({ id: competencies.id });
      if (updated.length === 0) {
        const [pos] = await db
          .select({ next: sql<number>`coalesce(max(${competencies.position}) + 1, 0)::int` })
          .from(competencies)
          .where(eq(competencies.frameworkId, frameworkId));
        await db.insert(competencies).values({
          ...values,
          frameworkId,
          code: k.code,
          position: pos?.next ?? 0,
          caseIdentifier: k.caseIdentifier ?? sql`gen_random_uuid()`,
        });
      }
      await db.update(frameworks).set({ updatedAt: at }).where(eq(frameworks.id, frameworkId));
    },
    async competencies(frameworkIds?: string[], codes?: string[]) {
      const where = [
        ...(frameworkIds ? [inArray(competencies.frameworkId, frameworkIds)] : []),
        ...(codes
          ? [
              inArray(
                sql`upper(${competencies.code})`,
                codes.map((c) => c.toUpperCase()),
              ),
            ]
          : []),
      ];
      return db
        .select({
          id: competencies.id,
          frameworkId: competencies.frameworkId,
          code: competencies.code,
          name: competencies.name,
          tags: competencies.tags,
        })
        .from(competencies)
        .where(and(...where))
        .orderBy(asc(competencies.frameworkId), asc(competencies.position));
    },
    /** Which of these CASE identifiers a stored framework or competency already has. */
    async caseIdentifiersInUse(ids: string[]) {
      if (ids.length === 0) return new Set<string>();
      const [f, c] = await Promise.all([
        db
          .select({ id: frameworks.caseIdentifier })
          .from(frameworks)
          .where(inArray(frameworks.caseIdentifier, ids)),
        db
          .select({ id: competencies.caseIdentifier })
          .from(competencies)
          .where(inArray(competencies.caseIdentifier, ids)),
      ]);
      return new Set([...f, ...c].map((r) => r.id));
    },
    async scaleSizes() {
      const rows = await db
        .select({ id: frameworks.id, n: sql<number>`jsonb_array_length(${frameworks.scale})::int` })
        .from(frameworks);
      return new Map(rows.map((r) => [r.id, r.n]));
    },
  };
}
