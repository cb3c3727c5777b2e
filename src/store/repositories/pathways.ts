import { sql, type SQL } from 'drizzle-orm';
import type {
  CatalogueEntry,
  HeldCredential,
  PathwayDefinition,
  PathwayStatus,
  PathwayVersionRecord,
  ProgressRecord,
  RevocationPolicy,
  RoleProfile,
  RoleRequirement,
} from '../../domain/pathways.js';
import type { VersionStatus } from '../../domain/achievements.js';
import type { OrganisationKind } from '../../domain/identity.js';
import type { SignOff, WorkflowAction } from '../../domain/version-workflow.js';
import type { Orm } from '../db.js';
import { rows, toDate } from './sql.js';

type Stamp = Date | string;
const uuidArray = (ids: readonly string[]) =>
  sql`ARRAY[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

interface VersionRow extends Record<string, unknown> {
  id: string;
  pathway_id: string;
  pathway_key: string | null;
  owner_organisation_id: string;
  owner_name: string;
  version: string;
  status: PathwayStatus;
  title: string;
  summary: string;
  audience: string;
  target_role_id: string | null;
  definition: PathwayDefinition;
  component_ids: string[];
  stack_title: string;
  stack_description: string;
  revocation_policy: RevocationPolicy;
  stack_achievement_id: string | null;
  stack_version_id: string | null;
  change_note: string;
  content_hash: string;
  created_at: Stamp;
  updated_at: Stamp;
  published_at: Stamp | null;
}

const VERSION = sql`SELECT pv.*, p.key AS pathway_key, p.owner_organisation_id, o.name AS owner_name,
    p.stack_achievement_id
  FROM pathway_versions pv
  JOIN pathways p ON p.id = pv.pathway_id
  JOIN organisations o ON o.id = p.owner_organisation_id`;

const toVersion = (r: VersionRow): PathwayVersionRecord => ({
  id: r.id,
  pathwayId: r.pathway_id,
  pathwayKey: r.pathway_key,
  owner: { id: r.owner_organisation_id, name: r.owner_name },
  version: r.version,
  status: r.status,
  title: r.title,
  summary: r.summary,
  audience: r.audience,
  targetRoleId: r.target_role_id,
  definition: r.definition,
  componentIds: r.component_ids,
  stackTitle: r.stack_title,
  stackDescription: r.stack_description,
  revocationPolicy: r.revocation_policy,
  stackAchievementId: r.stack_achievement_id,
  stackVersionId: r.stack_version_id,
  changeNote: r.change_note,
  contentHash: r.content_hash,
  createdAt: toDate(r.created_at),
  updatedAt: toDate(r.updated_at),
  publishedAt: r.published_at === null ? null : toDate(r.published_at),
});

interface RoleRow extends Record<string, unknown> {
  id: string;
  key: string;
  title: string;
  summary: string;
  career_level: string;
  career_rank: number;
  requirements: RoleRequirement[];
  next_role_ids: string[];
}

const toRole = (r: RoleRow): RoleProfile => ({
  id: r.id,
  key: r.key,
  title: r.title,
  summary: r.summary,
  careerLevel: r.career_level,
  careerRank: r.career_rank,
  requirements: r.requirements,
  nextRoleIds: r.next_role_ids,
});

/** One entry of a learner's progress document (migration 0009). */
interface ProgressEntry {
  percent: number;
  met: boolean;
  credentialIds: string[];
  updatedAt: string;
}

interface LearnerProgressRow extends Record<string, unknown> {
  learner_user_id: string;
  pathways: Record<string, ProgressEntry>;
  stacks: Record<string, string>;
}

const toProgress = (r: LearnerProgressRow): ProgressRecord[] =>
  Object.entries(r.pathways).map(([pathwayVersionId, e]) => ({
    learnerId: r.learner_user_id,
    pathwayVersionId,
    percentComplete: e.percent,
    met: e.met,
    credentialIds: e.credentialIds,
    stackCredentialId: r.stacks[pathwayVersionId] ?? null,
    updatedAt: new Date(e.updatedAt),
  }));

interface Ref {
  id: string;
  name: string;
}
type TransitionAction = WorkflowAction | 'create' | 'supersede';
const ref = (id: string | null, name: string | null): Ref | null =>
  id !== null && name !== null ? { id, name } : null;

export function pathwayRepository(db: Orm) {
  const one = async <T extends Record<string, unknown>>(q: SQL) => (await rows<T>(db, q))[0];

  return {
    async insertRole(role: RoleProfile & { ownerOrganisationId: string | null; at: Date }) {
      await db.execute(sql`INSERT INTO role_profiles (id, key, owner_organisation_id, title, summary,
          career_level, career_rank, requirements, next_role_ids, created_at)
        VALUES (${role.id}, ${role.key}, ${role.ownerOrganisationId}, ${role.title}, ${role.summary},
          ${role.careerLevel}, ${role.careerRank}, ${JSON.stringify(role.requirements)}::jsonb,
          ${role.nextRoleIds.length > 0 ? uuidArray(role.nextRoleIds) : sql`'{}'::uuid[]`}, ${role.at})
        ON CONFLICT (key) DO NOTHING`);
    },

    async setNextRoles(roleId: string, nextRoleIds: readonly string[]) {
      await db.execute(
        sql`UPDATE role_profiles SET next_role_ids = ${
          nextRoleIds.length > 0 ? uuidArray(nextRoleIds) : sql`'{}'::uuid[]`
        } WHERE id = ${roleId}`,
      );
    },

    async listRoles(): Promise<RoleProfile[]> {
      return (await rows<RoleRow>(db, sql`SELECT * FROM role_profiles ORDER BY career_rank, title`)).map(
        toRole,
      );
    },

    async findRole(idOrKey: string): Promise<RoleProfile | undefined> {
      const byId = /^[0-9a-f-]{36}$/i.test(idOrKey);
      const r = await one<RoleRow>(
        byId
          ? sql`SELECT * FROM role_profiles WHERE id = ${idOrKey}`
          : sql`SELECT * FROM role_profiles WHERE key = ${idOrKey}`,
      );
      return r && toRole(r);
    },

    async insertPathway(p: { id: string; key: string | null; ownerOrganisationId: string; at: Date }) {
      await db.execute(sql`INSERT INTO pathways (id, key, owner_organisation_id, created_at)
        VALUES (${p.id}, ${p.key}, ${p.ownerOrganisationId}, ${p.at})`);
    },

    async findPathwayByKey(key: string): Promise<string | undefined> {
      return (await one<{ id: string }>(sql`SELECT id FROM pathways WHERE key = ${key}`))?.id;
    },

    async setStackAchievement(pathwayId: string, achievementId: string) {
      await db.execute(
        sql`UPDATE pathways SET stack_achievement_id = ${achievementId} WHERE id = ${pathwayId}`,
      );
    },

    async insertVersion(v: {
      id: string;
      pathwayId: string;
      version: string;
      status: PathwayStatus;
      title: string;
      summary: string;
      audience: string;
      targetRoleId: string | null;
      definition: PathwayDefinition;
      componentIds: readonly string[];
      stackTitle: string;
      stackDescription: string;
      revocationPolicy: RevocationPolicy;
      changeNote: string;
      contentHash: string;
      createdBy: string | null;
      at: Date;
    }): Promise<boolean> {
      const inserted = await rows(
        db,
        sql`INSERT INTO pathway_versions (id, pathway_id, version, status, title, summary, audience,
            target_role_id, definition, component_ids, stack_title, stack_description, revocation_policy,
            change_note, content_hash, created_by, created_at, updated_at)
          VALUES (${v.id}, ${v.pathwayId}, ${v.version}, ${v.status}, ${v.title}, ${v.summary}, ${v.audience},
            ${v.targetRoleId}, ${JSON.stringify(v.definition)}::jsonb,
            ${v.componentIds.length > 0 ? uuidArray(v.componentIds) : sql`'{}'::uuid[]`},
            ${v.stackTitle}, ${v.stackDescription}, ${v.revocationPolicy}, ${v.changeNote}, ${v.contentHash},
            ${v.createdBy},
            ${v.at}, ${v.at})
          ON CONFLICT DO NOTHING RETURNING id`,
      );
      return inserted.length > 0;
    },

    async updateVersion(
      id: string,
      v: {
        title: string;
        summary: string;
        audience: string;
        targetRoleId: string | null;
        definition: PathwayDefinition;
        componentIds: readonly string[];
        stackTitle: string;
        stackDescription: string;
        revocationPolicy: RevocationPolicy;
        changeNote: string;
        contentHash: string;
        at: Date;
      },
    ) {
      await db.execute(sql`UPDATE pathway_versions SET title = ${v.title}, summary = ${v.summary},
          audience = ${v.audience}, target_role_id = ${v.targetRoleId},
          definition = ${JSON.stringify(v.definition)}::jsonb,
          component_ids = ${v.componentIds.length > 0 ? uuidArray(v.componentIds) : sql`'{}'::uuid[]`},
          stack_title = ${v.stackTitle}, stack_description = ${v.stackDescription},
          revocation_policy = ${v.revocationPolicy}, change_note = ${v.changeNote},
          content_hash = ${v.contentHash}, updated_at = ${v.at}
        WHERE id = ${id} AND status IN ('draft', 'in_review')`);
    },

    /** @returns false when the version was no longer in `from` (someone else moved it first). */
    async moveVersion(id: string, from: PathwayStatus, to: PathwayStatus, at: Date): Promise<boolean> {
      const moved = await rows(
        db,
        sql`UPDATE pathway_versions SET status = ${to}, updated_at = ${at},
            published_at = ${to === 'published' ? sql`${at}` : sql`published_at`}
          WHERE id = ${id} AND status = ${from} RETURNING id`,
      );
      return moved.length > 0;
    },

    async setStackVersion(id: string, stackVersionId: string) {
      await db.execute(
        sql`UPDATE pathway_versions SET stack_version_id = ${stackVersionId} WHERE id = ${id}`,
      );
    },

    async findVersion(
      id: string,
      options: { forUpdate?: boolean } = {},
    ): Promise<PathwayVersionRecord | undefined> {
      const r = await one<VersionRow>(
        sql`${VERSION} WHERE pv.id = ${id} ${options.forUpdate ? sql`FOR UPDATE OF pv` : sql``}`,
      );
      return r && toVersion(r);
    },

    async findByStackVersion(stackVersionId: string): Promise<PathwayVersionRecord | undefined> {
      const r = await one<VersionRow>(sql`${VERSION} WHERE pv.stack_version_id = ${stackVersionId}`);
      return r && toVersion(r);
    },

    async listVersions(pathwayId: string): Promise<PathwayVersionRecord[]> {
      return (
        await rows<VersionRow>(
          db,
          sql`${VERSION} WHERE pv.pathway_id = ${pathwayId} ORDER BY pv.created_at DESC`,
        )
      ).map(toVersion);
    },

    async listPublished(): Promise<PathwayVersionRecord[]> {
      return (
        await rows<VersionRow>(db, sql`${VERSION} WHERE pv.status = 'published' ORDER BY pv.title`)
      ).map(toVersion);
    },

    /** Published pathway versions any of these micro-credentials can count towards. */
    async publishedContaining(achievementIds: readonly string[]): Promise<PathwayVersionRecord[]> {
      if (achievementIds.length === 0) return [];
      return (
        await rows<VersionRow>(
          db,
          sql`${VERSION} WHERE pv.status = 'published' AND pv.component_ids && ${uuidArray(achievementIds)}`,
        )
      ).map(toVersion);
    },

    // Co-authoring: the design team, the history of moves, sign-offs and review comments.

    async setCollaborators(pathwayId: string, organisationIds: readonly string[]) {
      await db.execute(sql`DELETE FROM pathway_collaborators WHERE pathway_id = ${pathwayId}`);
      if (organisationIds.length === 0) return;
      await db.execute(sql`INSERT INTO pathway_collaborators (pathway_id, organisation_id)
        SELECT ${pathwayId}::uuid, unnest(${uuidArray(organisationIds)}) ON CONFLICT DO NOTHING`);
    },

    async listCollaborators(pathwayId: string): Promise<Ref[]> {
      return rows<Ref>(
        db,
        sql`SELECT o.id, o.name FROM pathway_collaborators c
          JOIN organisations o ON o.id = c.organisation_id
          WHERE c.pathway_id = ${pathwayId} ORDER BY o.name`,
      );
    },

    async addTransition(
      versionId: string,
      t: {
        action: TransitionAction;
        fromStatus: VersionStatus | null;
        toStatus: VersionStatus;
        actorUserId: string | null;
        note: string;
        at: Date;
      },
    ) {
      await db.execute(sql`INSERT INTO pathway_transitions
          (version_id, action, from_status, to_status, actor_user_id, note, occurred_at)
        VALUES (${versionId}, ${t.action}, ${t.fromStatus}, ${t.toStatus}, ${t.actorUserId}, ${t.note}, ${t.at})`);
    },

    async listTransitions(versionId: string) {
      const found = await rows<{
        action: TransitionAction;
        from_status: VersionStatus | null;
        to_status: VersionStatus;
        actor_user_id: string | null;
        actor_name: string | null;
        note: string;
        occurred_at: Stamp;
      }>(
        db,
        sql`SELECT t.*, u.name AS actor_name FROM pathway_transitions t
          LEFT JOIN users u ON u.id = t.actor_user_id
          WHERE t.version_id = ${versionId} ORDER BY t.id`,
      );
      return found.map((t) => ({
        action: t.action,
        fromStatus: t.from_status,
        toStatus: t.to_status,
        actor: ref(t.actor_user_id, t.actor_name),
        note: t.note,
        at: toDate(t.occurred_at),
      }));
    },

    async addSignOff(versionId: string, s: SignOff) {
      await db.execute(sql`INSERT INTO pathway_sign_offs
          (version_id, user_id, organisation_id, organisation_kind, content_hash, signed_at)
        VALUES (${versionId}, ${s.userId}, ${s.organisationId}, ${s.organisationKind}, ${s.contentHash}, ${s.at})
        ON CONFLICT DO NOTHING`);
    },

    async listSignOffs(versionId: string) {
      const found = await rows<{
        user_id: string;
        user_name: string;
        organisation_id: string;
        organisation_name: string;
        organisation_kind: OrganisationKind;
        content_hash: string;
        signed_at: Stamp;
      }>(
        db,
        sql`SELECT s.*, u.name AS user_name, o.name AS organisation_name FROM pathway_sign_offs s
          JOIN users u ON u.id = s.user_id
          JOIN organisations o ON o.id = s.organisation_id
          WHERE s.version_id = ${versionId} ORDER BY s.signed_at, o.name`,
      );
      return found.map((s) => ({
        userId: s.user_id,
        user: { id: s.user_id, name: s.user_name },
        organisationId: s.organisation_id,
        organisationName: s.organisation_name,
        organisationKind: s.organisation_kind,
        contentHash: s.content_hash,
        at: toDate(s.signed_at),
      }));
    },

    async addComment(versionId: string, c: { authorId: string; body: string; at: Date }) {
      const [row] = await rows<{ id: string; author_name: string | null }>(
        db,
        sql`INSERT INTO pathway_comments (version_id, author_id, body, created_at)
          VALUES (${versionId}, ${c.authorId}, ${c.body}, ${c.at})
          RETURNING id, (SELECT name FROM users WHERE id = ${c.authorId}) AS author_name`,
      );
      if (!row) throw new Error('comment insert returned no row');
      return { id: row.id, author: ref(c.authorId, row.author_name), body: c.body, at: c.at };
    },

    async listComments(versionId: string) {
      const found = await rows<{
        id: string;
        author_id: string | null;
        author_name: string | null;
        body: string;
        created_at: Stamp;
      }>(
        db,
        sql`SELECT c.id, c.author_id, u.name AS author_name, c.body, c.created_at FROM pathway_comments c
          LEFT JOIN users u ON u.id = c.author_id
          WHERE c.version_id = ${versionId} ORDER BY c.created_at, c.id`,
      );
      return found.map((c) => ({
        id: c.id,
        author: ref(c.author_id, c.author_name),
        body: c.body,
        at: toDate(c.created_at),
      }));
    },

    /** Every micro-credential with its published version (if any), for evaluating trees. */
    async catalogue(onlyIds?: readonly string[]): Promise<CatalogueEntry[]> {
      if (onlyIds?.length === 0) return [];
      const found = await rows<{
        achievement_id: string;
        code: string | null;
        title: string | null;
        credits: number | null;
        version: string | null;
        competencies: { frameworkId: string; code: string; targetLevel: number }[] | null;
        latest_code: string;
        latest_title: string;
        latest_credits: number;
      }>(
        db,
        sql`SELECT a.id AS achievement_id, pub.code, pub.title, pub.credits, pub.version,
            pub.content->'competencies' AS competencies,
            latest.code AS latest_code, latest.title AS latest_title, latest.credits AS latest_credits
          FROM achievements a
          JOIN LATERAL (SELECT code, title, credits, listed FROM achievement_versions
            WHERE achievement_id = a.id ORDER BY created_at DESC LIMIT 1) latest ON true
          LEFT JOIN achievement_versions pub ON pub.achievement_id = a.id AND pub.status = 'published'
          WHERE latest.listed ${onlyIds ? sql`AND a.id = ANY(${uuidArray(onlyIds)})` : sql``}`,
      );
      return found.map((r) => ({
        achievementId: r.achievement_id,
        code: r.code ?? r.latest_code,
        title: r.title ?? r.latest_title,
        credits: r.credits ?? r.latest_credits,
        publishedVersion: r.version,
        competencies: (r.competencies ?? []).map((c) => ({
          frameworkId: c.frameworkId,
          code: c.code,
          level: c.targetLevel,
        })),
      }));
    },

    /**
     * The credentials of these learners (by account, or by the email they were issued to), with
     * what progress needs; `state` as of `now`.
     */
    async heldCredentials(learnerIds: readonly string[], now: Date): Promise<Map<string, HeldCredential[]>> {
      const held = new Map<string, HeldCredential[]>(learnerIds.map((id) => [id, []]));
      if (learnerIds.length === 0) return held;
      const found = await rows<{
        learner_id: string;
        id: string;
        achievement_id: string;
        version: string;
        route: 'assessed' | 'rpl' | 'direct';
        credits: number;
        competencies: { frameworkId: string; code: string; targetLevel: number }[] | null;
        state: 'active' | 'expired' | 'suspended' | 'revoked';
      }>(
        db,
        sql`SELECT u.id AS learner_id, c.id, c.achievement_id, v.version, c.route, v.credits,
            v.content->'competencies' AS competencies,
            CASE WHEN c.revoked_at IS NOT NULL THEN 'revoked'
                 WHEN c.suspended_at IS NOT NULL THEN 'suspended'
                 WHEN c.valid_until IS NOT NULL AND c.valid_until <= ${now} THEN 'expired'
                 ELSE 'active' END AS state
          FROM users u
          JOIN credentials c ON c.recipient_user_id = u.id OR c.recipient_email = u.email
          JOIN achievement_versions v ON v.id = c.version_id
          WHERE u.id = ANY(${uuidArray(learnerIds)})`,
      );
      for (const r of found) {
        held.get(r.learner_id)?.push({
          credentialId: r.id,
          achievementId: r.achievement_id,
          version: r.version,
          route: r.route,
          credits: r.credits,
          competencies: (r.competencies ?? []).map((c) => ({
            frameworkId: c.frameworkId,
            code: c.code,
            level: c.targetLevel,
          })),
          state: r.state,
        });
      }
      return held;
    },

    /** Learners holding a credential of any of these micro-credentials (for a new pathway version). */
    async learnersHolding(achievementIds: readonly string[]): Promise<string[]> {
      if (achievementIds.length === 0) return [];
      const found = await rows<{ id: string }>(
        db,
        sql`SELECT DISTINCT u.id FROM credentials c
          JOIN users u ON u.id = c.recipient_user_id OR u.email = c.recipient_email
          WHERE c.achievement_id = ANY(${uuidArray(achievementIds)})`,
      );
      return found.map((r) => r.id);
    },

    /**
     * Writes many learners' progress in one statement: one row per learner, the entries of the
     * pathways evaluated replacing theirs and the rest left as they were; the rows travel as one
     * JSON parameter.
     */
    async upsertProgress(records: readonly Omit<ProgressRecord, 'stackCredentialId'>[]) {
      if (records.length === 0) return;
      const byLearner = new Map<string, { pathways: Record<string, ProgressEntry>; at: Date }>();
      for (const r of records) {
        const doc = byLearner.get(r.learnerId) ?? { pathways: {}, at: r.updatedAt };
        doc.pathways[r.pathwayVersionId] = {
          percent: r.percentComplete,
          met: r.met,
          credentialIds: r.credentialIds,
          updatedAt: r.updatedAt.toISOString(),
        };
        if (r.updatedAt > doc.at) doc.at = r.updatedAt;
        byLearner.set(r.learnerId, doc);
      }
      const json = JSON.stringify(
        [...byLearner].map(([learner, doc]) => ({
          learner,
          pathways: doc.pathways,
          updated_at: doc.at.toISOString(),
        })),
      );
      await db.execute(sql`INSERT INTO learner_pathway_progress AS p (learner_user_id, pathways, updated_at)
        SELECT learner, pathways, updated_at
        FROM json_to_recordset(${json}::json) AS t(learner uuid, pathways jsonb, updated_at timestamptz)
        ON CONFLICT (learner_user_id) DO UPDATE SET
          pathways = p.pathways || EXCLUDED.pathways, updated_at = EXCLUDED.updated_at`);
    },

    async findProgress(learnerId: string, pathwayVersionId: string): Promise<ProgressRecord | undefined> {
      const r = await one<LearnerProgressRow>(
        sql`SELECT learner_user_id, pathways, stacks FROM learner_pathway_progress
          WHERE learner_user_id = ${learnerId}`,
      );
      return r && toProgress(r).find((p) => p.pathwayVersionId === pathwayVersionId);
    },

    async progressForLearners(learnerIds: readonly string[]): Promise<ProgressRecord[]> {
      if (learnerIds.length === 0) return [];
      return (
        await rows<LearnerProgressRow>(
          db,
          sql`SELECT learner_user_id, pathways, stacks FROM learner_pathway_progress
            WHERE learner_user_id = ANY(${uuidArray(learnerIds)})`,
        )
      ).flatMap(toProgress);
    },

    async progressForLearner(learnerId: string): Promise<ProgressRecord[]> {
      return (
        await rows<LearnerProgressRow>(
          db,
          sql`SELECT learner_user_id, pathways, stacks FROM learner_pathway_progress
            WHERE learner_user_id = ${learnerId}`,
        )
      ).flatMap(toProgress);
    },

    async setStackCredential(learnerId: string, pathwayVersionId: string, credentialId: string) {
      await db.execute(sql`UPDATE learner_pathway_progress
        SET stacks = stacks || jsonb_build_object(${pathwayVersionId}::text, ${credentialId}::text)
        WHERE learner_user_id = ${learnerId}`);
    },

    /** Learners whose credentials expired in (since, until]: their progress must drop. */
    async learnersWithExpiries(
      since: Date,
      until: Date,
    ): Promise<{ learnerId: string; achievementId: string }[]> {
      const found = await rows<{ learner_id: string; achievement_id: string }>(
        db,
        sql`SELECT DISTINCT u.id AS learner_id, c.achievement_id FROM credentials c
          JOIN users u ON u.id = c.recipient_user_id OR u.email = c.recipient_email
          WHERE c.valid_until > ${since} AND c.valid_until <= ${until}`,
      );
      return found.map((r) => ({ learnerId: r.learner_id, achievementId: r.achievement_id }));
    },

    async target(
      learnerId: string,
    ): Promise<{ roleId: string | null; pathwayId: string | null } | undefined> {
      const r = await one<{ role_id: string | null; pathway_id: string | null }>(
        sql`SELECT role_id, pathway_id FROM learner_targets WHERE learner_user_id = ${learnerId}`,
      );
      return r && { roleId: r.role_id, pathwayId: r.pathway_id };
    },

    async setTarget(learnerId: string, t: { roleId: string | null; pathwayId: string | null }, at: Date) {
      await db.execute(sql`INSERT INTO learner_targets (learner_user_id, role_id, pathway_id, updated_at)
        VALUES (${learnerId}, ${t.roleId}, ${t.pathwayId}, ${at})
        ON CONFLICT (learner_user_id) DO UPDATE SET role_id = EXCLUDED.role_id,
          pathway_id = EXCLUDED.pathway_id, updated_at = EXCLUDED.updated_at`);
    },

    async selfAssessment(learnerId: string): Promise<{ frameworkId: string; code: string; level: number }[]> {
      const found = await rows<{ framework_id: string; code: string; level: number }>(
        db,
        sql`SELECT framework_id, code, level FROM self_assessments WHERE learner_user_id = ${learnerId} ORDER BY code`,
      );
      return found.map((r) => ({ frameworkId: r.framework_id, code: r.code, level: r.level }));
    },

    async replaceSelfAssessment(
      learnerId: string,
      items: readonly { frameworkId: string; code: string; level: number }[],
      at: Date,
    ) {
      await db.execute(sql`DELETE FROM self_assessments WHERE learner_user_id = ${learnerId}`);
      for (const i of items) {
        await db.execute(sql`INSERT INTO self_assessments (learner_user_id, framework_id, code, level, updated_at)
          VALUES (${learnerId}, ${i.frameworkId}, ${i.code}, ${i.level}, ${at})`);
      }
    },

    /** People registered as mentors (the mentor role in any organisation), with where they work. */
    async mentors(): Promise<{ id: string; name: string; organisation: string }[]> {
      const found = await rows<{ id: string; name: string; organisation: string }>(
        db,
        sql`SELECT DISTINCT u.id, u.name, o.name AS organisation FROM memberships m
          JOIN users u ON u.id = m.user_id JOIN organisations o ON o.id = m.organisation_id
          WHERE 'mentor' = ANY(m.roles) ORDER BY u.name`,
      );
      return found;
    },
  };
}
