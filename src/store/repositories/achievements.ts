import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { AchievementContent, VersionStatus } from '../../domain/achievements.js';
import type { SignOff, WorkflowAction } from '../../domain/version-workflow.js';
import type { OrganisationKind } from '../../domain/identity.js';
import { compareSemver } from '../../domain/semver.js';
import type { Orm } from '../db.js';
import {
  achievementCollaborators,
  achievements,
  achievementVersionCompetencies,
  achievementVersions,
  badgeImages,
  endorsements,
  organisations,
  users,
  versionComments,
  versionSignOffs,
  versionTransitions,
} from '../schema.js';
import { isUniqueViolation } from './errors.js';

interface VersionWrite {
  content: AchievementContent;
  contentHash: string;
  changeNote: string;
  competencyIds: string[];
  skillAreas: string[];
  competencyText: string;
  at: Date;
}

/** Title and code weigh most, then the summary, then everything else a learner might search for. */
export function searchVector(c: AchievementContent, competencyText: string): SQL {
  const rest = [
    c.description,
    c.criteriaNarrative,
    ...c.criteria.map((cr) => `${cr.title} ${cr.evidenceRequirements.join(' ')}`),
    c.tags.join(' '),
    c.assessmentMethods.join(' '),
    competencyText,
  ].join(' ');
  return sql`setweight(to_tsvector('english', ${`${c.title} ${c.code}`}), 'A')
    || setweight(to_tsvector('english', ${c.summary}), 'B')
    || setweight(to_tsvector('english', ${rest}), 'C')`;
}

const denormalised = (w: VersionWrite) => ({
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
  search: searchVector(w.content, w.competencyText),
  updatedAt: w.at,
});

export function achievementRepository(db: Orm) {
  const versionSelect = () =>
    db
      .select({ v: achievementVersions, creatorName: users.name })
      .from(achievementVersions)
      .leftJoin(users, eq(users.id, achievementVersions.createdBy));
  const toVersion = ({
    v,
    creatorName,
  }: {
    v: typeof achievementVersions.$inferSelect;
    creatorName: string | null;
  }) => ({
    id: v.id,
    achievementId: v.achievementId,
    version: v.version,
    status: v.status as VersionStatus,
    changeNote: v.changeNote,
    content: v.content as AchievementContent,
    contentHash: v.contentHash,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    publishedAt: v.publishedAt,
    createdBy: v.createdBy && creatorName !== null ? { id: v.createdBy, name: creatorName } : null,
  });

  async function writeCompetencies(versionId: string, competencyIds: string[], content: AchievementContent) {
    await db
      .delete(achievementVersionCompetencies)
      .where(eq(achievementVersionCompetencies.versionId, versionId));
    if (competencyIds.length === 0) return;
    await db.insert(achievementVersionCompetencies).values(
      competencyIds.map((competencyId, i) => ({
        versionId,
        competencyId,
        targetLevel: content.competencies[i]?.targetLevel ?? 1,
        position: i,
      })),
    );
  }

  async function findAchievement(id: string) {
    const [row] = await db
      .select({ a: achievements, ownerName: organisations.name })
      .from(achievements)
      .innerJoin(organisations, eq(organisations.id, achievements.ownerOrganisationId))
      .where(eq(achievements.id, id));
    if (!row) return undefined;
    const collaborators = await db
      .select({ id: organisations.id, name: organisations.name })
      .from(achievementCollaborators)
      .innerJoin(organisations, eq(organisations.id, achievementCollaborators.organisationId))
      .where(eq(achievementCollaborators.achievementId, id))
      .orderBy(asc(organisations.name));
    return {
      id: row.a.id,
      owner: { id: row.a.ownerOrganisationId, name: row.ownerName },
      collaborators,
      createdAt: row.a.createdAt,
    };
  }

  async function refreshEndorserIds(versionId: string) {
    await db
      .update(achievementVersions)
      .set({
        endorserIds: sql`ARRAY(SELECT endorser_organisation_id FROM endorsements
          WHERE version_id = ${versionId} AND withdrawn_at IS NULL ORDER BY 1)`,
      })
      .where(eq(achievementVersions.id, versionId));
  }

  return {
    async insertAchievement(input: { ownerOrganisationId: string; createdBy: string | null; at: Date }) {
      const [row] = await db
        .insert(achievements)
        .values({
          ownerOrganisationId: input.ownerOrganisationId,
          createdBy: input.createdBy,
          createdAt: input.at,
        })
        .returning({ id: achievements.id });
      if (!row) throw new Error('achievement insert returned no row');
      return row.id;
    },
    findAchievement,
    async setCollaborators(achievementId: string, organisationIds: string[]) {
      await db
        .delete(achievementCollaborators)
        .where(eq(achievementCollaborators.achievementId, achievementId));
      if (organisationIds.length > 0) {
        await db
          .insert(achievementCollaborators)
          .values(organisationIds.map((organisationId) => ({ achievementId, organisationId })));
      }
    },
    async findVersion(versionId: string, options: { forUpdate?: boolean } = {}) {
      if (options.forUpdate) {
        await db
          .select({ id: achievementVersions.id })
          .from(achievementVersions)
          .where(eq(achievementVersions.id, versionId))
          .for('update');
      }
      const [row] = await versionSelect().where(eq(achievementVersions.id, versionId));
      return row && toVersion(row);
    },
    async listVersions(achievementId: string) {
      const rows = await versionSelect()
        .where(eq(achievementVersions.achievementId, achievementId))
        .orderBy(desc(achievementVersions.createdAt));
      // Newest first; versions created in the same instant (imports, seeds) by version number.
      return rows
        .map(toVersion)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || compareSemver(b.version, a.version));
    },
    async insertVersion(
      input: VersionWrite & {
        achievementId: string;
        version: string;
        status: VersionStatus;
        createdBy: string | null;
        listed?: boolean;
      },
    ) {
      try {
        const [row] = await db
          .insert(achievementVersions)
          .values({
            ...denormalised(input),
            listed: input.listed ?? true,
            achievementId: input.achievementId,
            version: input.version,
            status: input.status,
            endorserIds: [],
            createdBy: input.createdBy,
            createdAt: input.at,
            // Superseded and retired versions were published once (the demo seed inserts them so).
            publishedAt: input.status === 'draft' || input.status === 'in_review' ? null : input.at,
          })
          .returning({ id: achievementVersions.id });
        if (!row) throw new Error('version insert returned no row');
        await writeCompetencies(row.id, input.competencyIds, input.content);
        return row.id;
      } catch (err) {
        if (isUniqueViolation(err)) return undefined;
        throw err;
      }
    },
    async updateVersion(versionId: string, write: VersionWrite) {
      await db
        .update(achievementVersions)
        .set(denormalised(write))
        .where(eq(achievementVersions.id, versionId));
      await writeCompetencies(versionId, write.competencyIds, write.content);
    },
    async setStatus(versionId: string, status: VersionStatus, at: Date) {
      await db
        .update(achievementVersions)
        .set({ status, updatedAt: at, ...(status === 'published' ? { publishedAt: at } : {}) })
        .where(eq(achievementVersions.id, versionId));
    },
    async addTransition(
      versionId: string,
      t: {
        action: WorkflowAction | 'create' | 'supersede';
        fromStatus: VersionStatus | null;
        toStatus: VersionStatus;
        actorUserId: string | null;
        note: string;
        at: Date;
      },
    ) {
      await db.insert(versionTransitions).values({
        versionId,
        action: t.action,
        fromStatus: t.fromStatus,
        toStatus: t.toStatus,
        actorUserId: t.actorUserId,
        note: t.note,
        occurredAt: t.at,
      });
    },
    async listTransitions(versionId: string) {
      const rows = await db
        .select({ t: versionTransitions, actorName: users.name })
        .from(versionTransitions)
        .leftJoin(users, eq(users.id, versionTransitions.actorUserId))
        .where(eq(versionTransitions.versionId, versionId))
        .orderBy(asc(versionTransitions.id));
      return rows.map(({ t, actorName }) => ({
        action: t.action as WorkflowAction | 'create' | 'supersede',
        fromStatus: t.fromStatus as VersionStatus | null,
        toStatus: t.toStatus as VersionStatus,
        actor: t.actorUserId && actorName !== null ? { id: t.actorUserId, name: actorName } : null,
        note: t.note,
        at: t.occurredAt,
      }));
    },
    async addSignOff(versionId: string, s: SignOff) {
      await db
        .insert(versionSignOffs)
        .values({
          versionId,
          userId: s.userId,
          organisationId: s.organisationId,
          organisationKind: s.organisationKind,
          contentHash: s.contentHash,
          signedAt: s.at,
        })
        .onConflictDoNothing();
    },
    async listSignOffs(versionId: string) {
      const rows = await db
        .select({ s: versionSignOffs, userName: users.name, orgName: organisations.name })
        .from(versionSignOffs)
        .innerJoin(users, eq(users.id, versionSignOffs.userId))
        .innerJoin(organisations, eq(organisations.id, versionSignOffs.organisationId))
        .where(eq(versionSignOffs.versionId, versionId))
        .orderBy(asc(versionSignOffs.signedAt));
      return rows.map(({ s, userName, orgName }) => ({
        userId: s.userId,
        user: { id: s.userId, name: userName },
        organisationId: s.organisationId,
        organisationName: orgName,
        organisationKind: s.organisationKind as OrganisationKind,
        contentHash: s.contentHash,
        at: s.signedAt,
      }));
    },
    async addComment(versionId: string, c: { authorId: string; body: string; at: Date }) {
      const [row] = await db
        .insert(versionComments)
        .values({ versionId, authorId: c.authorId, body: c.body, createdAt: c.at })
        .returning({ id: versionComments.id });
      const [author] = await db.select({ name: users.name }).from(users).where(eq(users.id, c.authorId));
      if (!row) throw new Error('comment insert returned no row');
      return {
        id: row.id,
        author: author ? { id: c.authorId, name: author.name } : null,
        body: c.body,
        at: c.at,
      };
    },
    async listComments(versionId: string) {
      const rows = await db
        .select({ c: versionComments, authorName: users.name })
        .from(versionComments)
        .leftJoin(users, eq(users.id, versionComments.authorId))
        .where(eq(versionComments.versionId, versionId))
        .orderBy(asc(versionComments.createdAt), asc(versionComments.id));
      return rows.map(({ c, authorName }) => ({
        id: c.id,
        author: c.authorId && authorName !== null ? { id: c.authorId, name: authorName } : null,
        body: c.body,
        at: c.createdAt,
      }));
    },
    async addEndorsement(input: {
      versionId: string;
      organisationId: string;
      endorsedBy: string | null;
      statement: string;
      at: Date;
    }) {
      try {
        const [row] = await db
          .insert(endorsements)
          .values({
            versionId: input.versionId,
            endorserOrganisationId: input.organisationId,
            endorsedBy: input.endorsedBy,
            statement: input.statement,
            createdAt: input.at,
          })
          .returning({ id: endorsements.id });
        await refreshEndorserIds(input.versionId);
        return row?.id;
      } catch (err) {
        if (isUniqueViolation(err)) return undefined;
        throw err;
      }
    },
    async withdrawEndorsement(endorsementId: string, at: Date) {
      const rows = await db
        .update(endorsements)
        .set({ withdrawnAt: at })
        .where(and(eq(endorsements.id, endorsementId), isNull(endorsements.withdrawnAt)))
        .returning({ versionId: endorsements.versionId });
      const versionId = rows[0]?.versionId;
      if (versionId) await refreshEndorserIds(versionId);
      return versionId !== undefined;
    },
    async listEndorsements(versionIds: string[]) {
      if (versionIds.length === 0) return [];
      const rows = await db
        .select({ e: endorsements, orgName: organisations.name, userName: users.name })
        .from(endorsements)
        .innerJoin(organisations, eq(organisations.id, endorsements.endorserOrganisationId))
        .leftJoin(users, eq(users.id, endorsements.endorsedBy))
        .where(and(inArray(endorsements.versionId, versionIds), isNull(endorsements.withdrawnAt)))
        .orderBy(asc(endorsements.createdAt));
      return rows.map(({ e, orgName, userName }) => ({
        id: e.id,
        versionId: e.versionId,
        organisation: { id: e.endorserOrganisationId, name: orgName },
        endorsedBy: e.endorsedBy && userName !== null ? { id: e.endorsedBy, name: userName } : null,
        statement: e.statement,
        at: e.createdAt,
      }));
    },
    async listForOrganisations(organisationIds: string[]) {
      if (organisationIds.length === 0) return [];
      const ids = await db
        .selectDistinct({ id: achievements.id })
        .from(achievements)
        .leftJoin(achievementCollaborators, eq(achievementCollaborators.achievementId, achievements.id))
        .where(
          or(
            inArray(achievements.ownerOrganisationId, organisationIds),
            inArray(achievementCollaborators.organisationId, organisationIds),
          ),
        );
      const result = [];
      for (const { id } of ids) {
        const achievement = await findAchievement(id);
        const [latest] = await versionSelect()
          .where(eq(achievementVersions.achievementId, id))
          .orderBy(desc(achievementVersions.createdAt))
          .limit(1);
        // Stacked credentials' achievements belong to their pathways, not to this list.
        if (achievement && latest && latest.v.listed) result.push({ achievement, latest: toVersion(latest) });
      }
      return result.sort((a, b) => b.latest.updatedAt.getTime() - a.latest.updatedAt.getTime());
    },
    async saveBadgeImage(
      versionId: string,
      image: { mediaType: string; bytes: Uint8Array; sha256: string; width: number; height: number },
    ) {
      await db
        .insert(badgeImages)
        .values({ versionId, ...image })
        .onConflictDoUpdate({ target: badgeImages.versionId, set: { ...image, uploadedAt: sql`now()` } });
    },
    async findBadgeImage(versionId: string) {
      const [row] = await db
        .select({ mediaType: badgeImages.mediaType, bytes: badgeImages.bytes })
        .from(badgeImages)
        .where(eq(badgeImages.versionId, versionId));
      return row;
    },
    async copyBadgeImage(fromVersionId: string, toVersionId: string) {
      await db.execute(sql`INSERT INTO badge_images (version_id, media_type, bytes, sha256, width, height)
        SELECT ${toVersionId}, media_type, bytes, sha256, width, height FROM badge_images WHERE version_id = ${fromVersionId}
        ON CONFLICT (version_id) DO NOTHING`);
    },
  };
}
