import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  getAchievement,
  getVersionPair,
  listMyAchievements,
  type AchievementDetail,
} from '../../app/achievement-queries.js';
import {
  commentOnVersion,
  createAchievement,
  moveVersion,
  signOffVersion,
  startNewVersion,
  updateDraft,
} from '../../app/achievement-authoring.js';
import { draftOverlaps, endorseVersion, searchCatalogue } from '../../app/catalogue.js';
import { getEndorsementCredential } from '../../app/issue-credential.js';
import type { Endorsement, VersionRecord } from '../../app/catalogue-ports.js';
import { HOURS_PER_CREDIT } from '../../domain/achievements.js';
import { diffAchievementContent } from '../../domain/achievement-diff.js';
import type { Actor } from '../../domain/actor.js';
import { achievementAbilities } from '../../policies/achievements.js';
import { getAchievementOb3 } from '../../app/achievement-ob3.js';
import { CREDENTIALS_V2_CONTEXT, OB_V3_CONTEXT } from '../../credentials/ob3/achievement.js';
import { Body, DateTime, Uuid, VersionMoveBody } from '../schemas.js';
import {
  AchievementContentBody,
  CatalogueItemView,
  CompetencyView,
  ContentView,
  EndorsementView,
  OrganisationKindSchema,
  RefView,
  VersionStatusSchema,
  VersionSummaryView,
} from './catalogue-schemas.js';

export const imageUrl = (versionId: string) => `/api/v1/achievement-versions/${versionId}/image`;

const presentEndorsement = (e: Endorsement) => ({
  id: e.id,
  versionId: e.versionId,
  organisation: e.organisation,
  endorsedBy: e.endorsedBy,
  statement: e.statement,
  createdAt: e.at.toISOString(),
});

const presentVersionSummary = (v: VersionRecord) => ({
  id: v.id,
  version: v.version,
  status: v.status,
  changeNote: v.changeNote,
  createdAt: v.createdAt.toISOString(),
  publishedAt: v.publishedAt?.toISOString() ?? null,
  createdBy: v.createdBy,
});

/** Everything a detail page, an editor and an integrator need about one version. */
function presentDetail(actor: Actor, d: AchievementDetail) {
  const c = d.version.content;
  const byKey = new Map(d.competencies.map((r) => [`${r.frameworkId}:${r.code.toUpperCase()}`, r]));
  return {
    id: d.achievement.id,
    versionId: d.version.id,
    version: d.version.version,
    status: d.version.status,
    changeNote: d.version.changeNote,
    title: c.title,
    code: c.code,
    summary: c.summary,
    description: c.description,
    criteriaNarrative: c.criteriaNarrative,
    achievementType: c.achievementType,
    credits: c.credits,
    notionalHours: c.credits * HOURS_PER_CREDIT,
    level: c.nzqfLevel,
    rplAllowed: c.rplAllowed,
    rplEvidence: c.rplEvidence,
    validityDays: c.validityDays ?? null,
    assessmentMethods: c.assessmentMethods,
    criteria: c.criteria,
    tags: c.tags,
    language: c.language,
    badge: c.badge,
    nzqa: c.nzqa,
    competencies: c.competencies.map((a) => {
      const ref = byKey.get(`${a.frameworkId}:${a.code.toUpperCase()}`);
      return {
        id: ref?.id ?? '',
        frameworkId: a.frameworkId,
        code: a.code,
        name: ref?.name ?? a.code,
        targetLevel: a.targetLevel,
        skillAreas: ref?.tags ?? [],
      };
    }),
    provider: d.achievement.owner,
    collaborators: d.achievement.collaborators,
    endorsements: d.endorsements.map(presentEndorsement),
    versions: d.versions.map(presentVersionSummary),
    publishedAt: d.version.publishedAt?.toISOString() ?? null,
    updatedAt: d.version.updatedAt.toISOString(),
    imageUrl: imageUrl(d.version.id),
    content: c,
    signOffs: d.signOffs.map((s) => ({
      user: s.user,
      organisation: { id: s.organisationId, name: s.organisationName },
      organisationKind: s.organisationKind,
      current: s.contentHash === d.version.contentHash,
      signedAt: s.at.toISOString(),
    })),
    requiredSignOffKinds: d.requiredSignOffKinds,
    missingSignOffKinds: d.missingSignOffKinds,
    comments: d.comments.map((m) => ({
      id: m.id,
      author: m.author,
      body: m.body,
      createdAt: m.at.toISOString(),
    })),
    history: d.transitions.map((t) => ({
      action: t.action,
      fromStatus: t.fromStatus,
      toStatus: t.toStatus,
      actor: t.actor,
      note: t.note,
      at: t.at.toISOString(),
    })),
    abilities: achievementAbilities(actor, d.team, d.version.status),
  };
}

const DetailView = Type.Object(
  {
    id: Type.String(),
    versionId: Type.String(),
    version: Type.String(),
    status: VersionStatusSchema,
    title: Type.String(),
    code: Type.String(),
    summary: Type.String(),
    credits: Type.Integer(),
    notionalHours: Type.Integer(),
    level: Type.Integer(),
    competencies: Type.Array(CompetencyView),
    provider: RefView,
    collaborators: Type.Array(RefView),
    endorsements: Type.Array(EndorsementView),
    versions: Type.Array(VersionSummaryView),
    content: ContentView,
    missingSignOffKinds: Type.Array(OrganisationKindSchema),
    abilities: Type.Record(Type.String(), Type.Boolean()),
  },
  { additionalProperties: true },
);

const CatalogueQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    competency: Type.Optional(Type.Array(Uuid, { maxItems: 20, description: 'Competency ids (any of)' })),
    skillArea: Type.Optional(Type.String({ maxLength: 100 })),
    level: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: 'NZQF level' })),
    creditsMin: Type.Optional(Type.Integer({ minimum: 0, maximum: 40 })),
    creditsMax: Type.Optional(Type.Integer({ minimum: 0, maximum: 40 })),
    provider: Type.Optional(Uuid),
    endorsedBy: Type.Optional(Uuid),
    rplAllowed: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Type.Enum(['relevance', 'title', 'newest', 'credits'])),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
  },
  { additionalProperties: false },
);

const IdParams = Type.Object({ id: Uuid });
const VersionParams = Type.Object({ versionId: Uuid });

export const achievementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/achievements',
    {
      schema: {
        operationId: 'searchCatalogue',
        tags: ['catalogue'],
        summary: 'The public catalogue of published micro-credentials',
        description:
          'Full-text search (ranked, prefix and typo tolerant for short queries) with filters, sorting and paging.',
        security: [],
        querystring: CatalogueQuerySchema,
        response: {
          200: Type.Object({
            items: Type.Array(CatalogueItemView),
            total: Type.Integer(),
            limit: Type.Integer(),
            offset: Type.Integer(),
          }),
        },
      },
    },
    async (req) => {
      const q = req.query;
      const { items, total } = await searchCatalogue(app.deps, {
        ...(q.q !== undefined ? { q: q.q } : {}),
        ...(q.competency ? { competencyIds: q.competency } : {}),
        ...(q.skillArea !== undefined ? { skillArea: q.skillArea } : {}),
        ...(q.level !== undefined ? { nzqfLevel: q.level } : {}),
        ...(q.creditsMin !== undefined ? { creditsMin: q.creditsMin } : {}),
        ...(q.creditsMax !== undefined ? { creditsMax: q.creditsMax } : {}),
        ...(q.provider !== undefined ? { providerId: q.provider } : {}),
        ...(q.endorsedBy !== undefined ? { endorsedBy: q.endorsedBy } : {}),
        ...(q.rplAllowed !== undefined ? { rplAllowed: q.rplAllowed } : {}),
        sort: q.sort ?? (q.q ? 'relevance' : 'title'),
        limit: q.limit,
        offset: q.offset,
      });
      return {
        total,
        limit: q.limit,
        offset: q.offset,
        items: items.map((i) => ({
          id: i.achievementId,
          versionId: i.versionId,
          title: i.title,
          code: i.code,
          summary: i.summary,
          version: i.version,
          achievementType: i.achievementType,
          credits: i.credits,
          notionalHours: i.credits * HOURS_PER_CREDIT,
          level: i.nzqfLevel,
          rplAllowed: i.rplAllowed,
          provider: i.provider,
          skillAreas: i.skillAreas,
          competencies: i.competencies.map((c) => ({
            id: c.id,
            frameworkId: c.frameworkId,
            code: c.code,
            name: c.name,
            targetLevel: c.targetLevel,
            skillAreas: c.tags,
          })),
          endorsements: i.endorsements.map(presentEndorsement),
          publishedAt: i.publishedAt?.toISOString() ?? null,
          imageUrl: imageUrl(i.versionId),
        })),
      };
    },
  );

  app.get(
    '/achievements/:id',
    {
      schema: {
        operationId: 'getAchievement',
        tags: ['catalogue'],
        summary: 'One micro-credential by its id (its published version) or by a version id (that version)',
        description: 'Includes `versions`. Drafts are visible only to the design team and reviewers.',
        params: IdParams,
        response: { 200: DetailView },
      },
    },
    async (req) => presentDetail(req.actor, await getAchievement(app.deps, req.actor, req.params.id)),
  );

  app.get(
    '/achievements/:id/ob3',
    {
      schema: {
        operationId: 'getAchievementOb3',
        tags: ['catalogue'],
        summary: 'The version as an Open Badges 3.0 Achievement (JSON-LD)',
        description:
          'By micro-credential id: its published version; by version id: that version. `version` names it and ' +
          '`related` links the other versions.',
        params: IdParams,
        response: { 200: Type.Object({}, { additionalProperties: true }) },
      },
    },
    async (req, reply) => {
      const { achievement } = await getAchievementOb3(app.deps, req.actor, req.params.id);
      reply.type('application/ld+json');
      return { '@context': [CREDENTIALS_V2_CONTEXT, OB_V3_CONTEXT], ...achievement };
    },
  );

  app.get(
    '/me/achievements',
    {
      schema: {
        operationId: 'listMyAchievements',
        tags: ['authoring'],
        summary: "Micro-credentials the caller's organisations own or co-design, newest change first",
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                provider: RefView,
                collaborators: Type.Array(RefView),
                latest: VersionSummaryView,
                title: Type.String(),
                code: Type.String(),
                updatedAt: DateTime,
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({
      items: (await listMyAchievements(app.deps, req.actor)).map(({ achievement, latest }) => ({
        id: achievement.id,
        provider: achievement.owner,
        collaborators: achievement.collaborators,
        latest: presentVersionSummary(latest),
        title: latest.content.title,
        code: latest.content.code,
        updatedAt: latest.updatedAt.toISOString(),
      })),
    }),
  );

  app.post(
    '/achievements',
    {
      schema: {
        operationId: 'createAchievement',
        tags: ['authoring'],
        summary: 'Start a micro-credential as a draft',
        body: Body({
          organisationId: Uuid,
          collaboratorIds: Type.Array(Uuid, { maxItems: 20 }),
          content: AchievementContentBody,
          version: Type.Optional(Type.String({ maxLength: 20 })),
          changeNote: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
        response: { 201: DetailView },
      },
    },
    async (req, reply) => {
      const created = await createAchievement(app.deps, req.actor, req.body);
      const detail = await getAchievement(app.deps, req.actor, created.id);
      return reply
        .code(201)
        .header('location', `/api/v1/achievements/${created.achievementId}`)
        .send(presentDetail(req.actor, detail));
    },
  );

  app.put(
    '/achievement-versions/:versionId',
    {
      schema: {
        operationId: 'updateDraft',
        tags: ['authoring'],
        summary: 'Replace the content of a draft or in-review version',
        description: 'Published versions never change: 409 `/problems/version-not-editable`.',
        params: VersionParams,
        body: Body({
          content: AchievementContentBody,
          changeNote: Type.Optional(Type.String({ maxLength: 2000 })),
          collaboratorIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
        }),
        response: { 200: DetailView },
      },
    },
    async (req) => {
      await updateDraft(app.deps, req.actor, req.params.versionId, req.body);
      return presentDetail(req.actor, await getAchievement(app.deps, req.actor, req.params.versionId));
    },
  );

  app.post(
    '/achievement-versions/:versionId/transitions',
    {
      schema: {
        operationId: 'moveVersion',
        tags: ['authoring'],
        summary: 'Submit for review, return to draft, publish or retire a version',
        description:
          'Publishing needs current sign-offs from authors of the organisation kinds the owner requires ' +
          '(409 `/problems/sign-offs-missing`), and supersedes the version published before.',
        params: VersionParams,
        body: VersionMoveBody,
        response: { 200: DetailView },
      },
    },
    async (req) => {
      await moveVersion(app.deps, req.actor, req.params.versionId, req.body.action, req.body.note);
      return presentDetail(req.actor, await getAchievement(app.deps, req.actor, req.params.versionId));
    },
  );

  app.post(
    '/achievement-versions/:versionId/sign-offs',
    {
      schema: {
        operationId: 'signOffVersion',
        tags: ['authoring'],
        summary: "Sign off the version's current content for one of your organisations",
        params: VersionParams,
        body: Body({ organisationId: Uuid }),
        response: { 200: DetailView },
      },
    },
    async (req) => {
      await signOffVersion(app.deps, req.actor, req.params.versionId, req.body.organisationId);
      return presentDetail(req.actor, await getAchievement(app.deps, req.actor, req.params.versionId));
    },
  );

  app.post(
    '/achievement-versions/:versionId/comments',
    {
      schema: {
        operationId: 'commentOnVersion',
        tags: ['authoring'],
        summary: 'Comment on a draft under review',
        params: VersionParams,
        body: Body({ body: Type.String({ minLength: 1, maxLength: 5000 }) }),
        response: {
          201: Type.Object({
            id: Type.String(),
            author: Type.Union([RefView, Type.Null()]),
            body: Type.String(),
            createdAt: DateTime,
          }),
        },
      },
    },
    async (req, reply) => {
      const c = await commentOnVersion(app.deps, req.actor, req.params.versionId, req.body.body);
      return reply
        .code(201)
        .send({ id: c.id, author: c.author, body: c.body, createdAt: c.at.toISOString() });
    },
  );

  app.post(
    '/achievements/:id/versions',
    {
      schema: {
        operationId: 'startNewVersion',
        tags: ['authoring'],
        summary: 'Start the next version as a draft copy of the published one',
        params: IdParams,
        body: Body({
          bump: Type.Enum(['major', 'minor', 'patch']),
          changeNote: Type.String({ minLength: 1, maxLength: 2000 }),
        }),
        response: { 201: DetailView },
      },
    },
    async (req, reply) => {
      const v = await startNewVersion(app.deps, req.actor, req.params.id, req.body);
      return reply.code(201).send(presentDetail(req.actor, await getAchievement(app.deps, req.actor, v.id)));
    },
  );

  app.get(
    '/achievement-versions/:versionId/diff/:otherVersionId',
    {
      schema: {
        operationId: 'diffVersions',
        tags: ['catalogue'],
        summary: 'What changed between two versions of one micro-credential',
        params: Type.Object({ versionId: Uuid, otherVersionId: Uuid }),
        response: {
          200: Type.Object({
            from: VersionSummaryView,
            to: VersionSummaryView,
            changes: Type.Array(
              Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const { from, to } = await getVersionPair(
        app.deps,
        req.actor,
        req.params.versionId,
        req.params.otherVersionId,
      );
      return {
        from: presentVersionSummary(from),
        to: presentVersionSummary(to),
        changes: diffAchievementContent(from.content, to.content) as unknown as Record<string, unknown>[],
      };
    },
  );

  app.get(
    '/achievement-versions/:versionId/overlaps',
    {
      schema: {
        operationId: 'draftOverlaps',
        tags: ['authoring'],
        summary: 'Published micro-credentials this version overlaps most',
        params: VersionParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                score: Type.Number(),
                id: Type.String(),
                versionId: Type.String(),
                title: Type.String(),
                code: Type.String(),
                provider: RefView,
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({
      items: (await draftOverlaps(app.deps, req.actor, req.params.versionId)).map((m) => ({
        score: m.score,
        id: m.profile.achievementId,
        versionId: m.profile.versionId,
        title: m.profile.title,
        code: m.profile.code,
        provider: m.profile.provider,
      })),
    }),
  );

  app.post(
    '/achievement-versions/:versionId/endorsements',
    {
      schema: {
        operationId: 'endorseVersion',
        tags: ['catalogue'],
        summary: 'Endorse a published version on behalf of your organisation',
        params: VersionParams,
        body: Body({ organisationId: Uuid, statement: Type.String({ minLength: 10, maxLength: 4000 }) }),
        response: { 201: DetailView },
      },
    },
    async (req, reply) => {
      await endorseVersion(app.deps, req.actor, req.params.versionId, req.body);
      return reply
        .code(201)
        .send(presentDetail(req.actor, await getAchievement(app.deps, req.actor, req.params.versionId)));
    },
  );

  app.get(
    '/endorsements/:id/credential',
    {
      schema: {
        operationId: 'getEndorsementCredential',
        tags: ['catalogue'],
        summary: 'An endorsement as its signed Open Badges 3.0 EndorsementCredential (public)',
        security: [],
        params: Type.Object({ id: Uuid }),
      },
    },
    async (req, reply) =>
      reply
        .type('application/vc+ld+json; charset=utf-8')
        .send(JSON.stringify(await getEndorsementCredential(app.deps, req.params.id))),
  );
};
