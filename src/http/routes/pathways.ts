/** Stacks and pathways over HTTP (docs/pathways.md): roles, pathways, progress, guidance. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  getMyGuidance,
  getMySelfAssessment,
  getMyTarget,
  setMySelfAssessment,
  setMyTarget,
} from '../../app/guidance.js';
import { getMyProgress, listMyPathways } from '../../app/pathway-progress.js';
import {
  checkPathway,
  commentOnPathwayVersion,
  createPathway,
  getPathway,
  getRole,
  listPathways,
  listRoles,
  movePathwayVersion,
  newPathwayVersion,
  publishPathwayVersion,
  retirePathwayVersion,
  signOffPathwayVersion,
  updatePathwayVersion,
  type PathwayInput,
} from '../../app/pathways.js';
import type { Comment } from '../../app/catalogue-ports.js';
import {
  parsePathwayDefinition,
  PATHWAY_STATUSES,
  REVOCATION_POLICIES,
  type CatalogueEntry,
  type PathwayVersionRecord,
  type Requirement,
  type RoleProfile,
} from '../../domain/pathways.js';
import { toWire } from '../presenters.js';
import { Body, DateTime, Uuid, VersionMoveBody } from '../schemas.js';
import { OrganisationKindSchema, RefView } from './catalogue-schemas.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const VersionParams = Type.Object({ versionId: Uuid });
const Tree = Type.Unknown({
  description: 'The requirement tree (docs/pathways.md): nodes all, n_of, achievement, competency.',
});

const RoleView = Type.Object({
  id: Type.String(),
  key: Type.String(),
  title: Type.String(),
  summary: Type.String(),
  careerLevel: Type.String(),
  careerRank: Type.Integer(),
  requirements: Type.Array(
    Type.Object({
      frameworkId: Type.String(),
      code: Type.String(),
      level: Type.Integer(),
      importance: Type.String(),
    }),
  ),
  nextRoleIds: Type.Array(Type.String()),
});
const PathwaySummaryView = Type.Object({
  id: Type.String(),
  versionId: Type.String(),
  version: Type.String(),
  status: Type.Enum(PATHWAY_STATUSES),
  title: Type.String(),
  summary: Type.String(),
  audience: Type.String(),
  owner: Type.Object({ id: Type.String(), name: Type.String() }),
  targetRole: Nullable(Type.Object({ id: Type.String(), title: Type.String(), careerLevel: Type.String() })),
  stack: Type.Object({
    title: Type.String(),
    description: Type.String(),
    achievementId: Nullable(Type.String()),
  }),
  revocationPolicy: Type.Enum(REVOCATION_POLICIES),
  credits: Type.Object({ required: Type.Integer() }),
  requirements: Tree,
  sequence: Type.Array(Type.String()),
  prerequisites: Type.Array(Type.Object({ step: Type.String(), after: Type.Array(Type.String()) })),
  publishedAt: Nullable(DateTime),
});
const CommentView = Type.Object({
  id: Type.String(),
  author: Nullable(RefView),
  body: Type.String(),
  createdAt: DateTime,
});
const presentComment = (c: Comment) => ({
  id: c.id,
  author: c.author,
  body: c.body,
  createdAt: c.at.toISOString(),
});
const PathwayView = Type.Object({
  ...PathwaySummaryView.properties,
  changeNote: Type.String(),
  versions: Type.Array(
    Type.Object({
      id: Type.String(),
      version: Type.String(),
      status: Type.Enum(PATHWAY_STATUSES),
      publishedAt: Nullable(DateTime),
    }),
  ),
  coverage: Type.Unknown(),
  collaborators: Type.Array(RefView),
  // The design team's working papers: present only for those who may review the version.
  signOffs: Type.Optional(
    Type.Array(
      Type.Object({
        user: RefView,
        organisation: RefView,
        organisationKind: OrganisationKindSchema,
        current: Type.Boolean({ description: 'Given on the current content (an edit makes it stale).' }),
        signedAt: DateTime,
      }),
    ),
  ),
  requiredSignOffKinds: Type.Optional(Type.Array(OrganisationKindSchema)),
  missingSignOffKinds: Type.Optional(Type.Array(OrganisationKindSchema)),
  comments: Type.Optional(Type.Array(CommentView)),
  history: Type.Optional(
    Type.Array(
      Type.Object({
        action: Type.String(),
        fromStatus: Nullable(Type.Enum(PATHWAY_STATUSES)),
        toStatus: Type.Enum(PATHWAY_STATUSES),
        actor: Nullable(RefView),
        note: Type.String(),
        at: DateTime,
      }),
    ),
  ),
  abilities: Type.Object({
    edit: Type.Boolean(),
    submit: Type.Boolean(),
    returnToDraft: Type.Boolean(),
    signOff: Type.Boolean(),
    publish: Type.Boolean(),
    comment: Type.Boolean(),
    newVersion: Type.Boolean(),
    retire: Type.Boolean(),
  }),
});
const PathwayBody = Type.Object(
  {
    title: Type.String({ maxLength: 200 }),
    summary: Type.String({ maxLength: 2000 }),
    audience: Type.Optional(Type.String({ maxLength: 1000 })),
    targetRoleId: Type.Optional(Nullable(Uuid)),
    definition: Type.Unknown({ description: '{ requirements, sequence, prerequisites } (docs/pathways.md)' }),
    stackTitle: Type.String({ maxLength: 200 }),
    stackDescription: Type.Optional(Type.String({ maxLength: 4000 })),
    revocationPolicy: Type.Optional(Type.Enum(REVOCATION_POLICIES)),
    changeNote: Type.Optional(Type.String({ maxLength: 2000 })),
    collaboratorIds: Type.Optional(
      Type.Array(Uuid, { maxItems: 20, description: 'Organisations co-designing the pathway.' }),
    ),
  },
  { additionalProperties: false },
);

type Body = {
  title: string;
  summary: string;
  audience?: string;
  targetRoleId?: string | null;
  definition: unknown;
  stackTitle: string;
  stackDescription?: string;
  revocationPolicy?: 'suspend' | 'keep';
  changeNote?: string;
  collaboratorIds?: string[];
};

function input(body: Body): PathwayInput {
  return {
    title: body.title,
    summary: body.summary,
    audience: body.audience ?? '',
    targetRoleId: body.targetRoleId ?? null,
    definition: parsePathwayDefinition(body.definition),
    stackTitle: body.stackTitle,
    stackDescription: body.stackDescription ?? '',
    revocationPolicy: body.revocationPolicy ?? 'suspend',
    ...(body.changeNote !== undefined ? { changeNote: body.changeNote } : {}),
    ...(body.collaboratorIds !== undefined ? { collaboratorIds: body.collaboratorIds } : {}),
  };
}

/** The tree with what a reader needs beside each leaf: code, title, credits, options. */
function presentTree(node: Requirement, catalogue: ReadonlyMap<string, CatalogueEntry>): unknown {
  switch (node.kind) {
    case 'all':
    case 'n_of':
      return { ...node, label: node.label ?? null, items: node.items.map((i) => presentTree(i, catalogue)) };
    case 'achievement': {
      const e = catalogue.get(node.achievementId);
      return {
        ...node,
        minVersion: node.minVersion ?? null,
        code: e?.code ?? '',
        title: e?.title ?? 'Unknown micro-credential',
        credits: e?.credits ?? 0,
        publishedVersion: e?.publishedVersion ?? null,
      };
    }
    case 'competency': {
      const options = [...catalogue.values()]
        .filter(
          (e) =>
            e.publishedVersion &&
            e.competencies.some(
              (c) =>
                c.frameworkId === node.frameworkId &&
                c.code.toUpperCase() === node.code.toUpperCase() &&
                c.level >= node.minLevel,
            ),
        )
        .map((e) => ({ achievementId: e.achievementId, code: e.code, title: e.title, credits: e.credits }));
      return { ...node, options };
    }
  }
}

function presentSummary(
  v: PathwayVersionRecord,
  role: RoleProfile | null,
  credits: number,
  catalogue: ReadonlyMap<string, CatalogueEntry>,
) {
  return toWire({
    id: v.pathwayId,
    versionId: v.id,
    version: v.version,
    status: v.status,
    title: v.title,
    summary: v.summary,
    audience: v.audience,
    owner: v.owner,
    targetRole: role ? { id: role.id, title: role.title, careerLevel: role.careerLevel } : null,
    stack: { title: v.stackTitle, description: v.stackDescription, achievementId: v.stackAchievementId },
    revocationPolicy: v.revocationPolicy,
    credits: { required: credits },
    requirements: presentTree(v.definition.requirements, catalogue),
    sequence: v.definition.sequence,
    prerequisites: v.definition.prerequisites,
    publishedAt: v.publishedAt,
  });
}

type Detail = Awaited<ReturnType<typeof getPathway>>;
const presentDetail = (d: Detail) => ({
  ...presentSummary(d.version, d.role, d.credits, d.catalogue),
  changeNote: d.version.changeNote,
  versions: d.versions.map((v) =>
    toWire({ id: v.id, version: v.version, status: v.status, publishedAt: v.publishedAt }),
  ),
  coverage: d.coverage,
  collaborators: d.collaborators,
  ...(d.review
    ? {
        signOffs: d.review.signOffs.map((o) => ({
          user: o.user,
          organisation: { id: o.organisationId, name: o.organisationName },
          organisationKind: o.organisationKind,
          current: o.contentHash === d.version.contentHash,
          signedAt: o.at.toISOString(),
        })),
        requiredSignOffKinds: d.review.requiredSignOffKinds,
        missingSignOffKinds: d.review.missingSignOffKinds,
        comments: d.review.comments.map(presentComment),
        history: d.review.transitions.map((t) => ({
          action: t.action,
          fromStatus: t.fromStatus,
          toStatus: t.toStatus,
          actor: t.actor,
          note: t.note,
          at: t.at.toISOString(),
        })),
      }
    : {}),
  abilities: d.abilities,
});

const NodeView = Type.Unknown({
  description: 'A progress node: id, kind, title, met, state, metBy, options, children.',
});

export const pathwayRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/roles',
    {
      schema: {
        operationId: 'listRoles',
        tags: ['pathways'],
        summary: 'Role profiles: the competencies each role needs, by career level (public)',
        security: [],
        response: { 200: Type.Object({ items: Type.Array(RoleView) }) },
      },
    },
    async () => ({ items: await listRoles(app.deps) }),
  );

  app.get(
    '/roles/:id',
    {
      schema: {
        operationId: 'getRole',
        tags: ['pathways'],
        summary: 'One role profile by id or key (public)',
        security: [],
        params: Id,
        response: { 200: RoleView },
      },
    },
    async (req) => getRole(app.deps, req.params.id),
  );

  app.get(
    '/pathways',
    {
      schema: {
        operationId: 'listPathways',
        tags: ['pathways'],
        summary: 'Published pathways with their requirement trees (public)',
        security: [],
        response: { 200: Type.Object({ items: Type.Array(PathwaySummaryView) }) },
      },
    },
    async () => ({
      items: (await listPathways(app.deps)).map((p) =>
        presentSummary(p.version, p.role, p.credits, p.catalogue),
      ),
    }),
  );

  app.get(
    '/pathways/:id',
    {
      schema: {
        operationId: 'getPathway',
        tags: ['pathways'],
        summary: 'One pathway by its id (published version) or a version id, with versions and role coverage',
        security: [],
        params: Id,
        response: { 200: PathwayView },
      },
    },
    async (req) => presentDetail(await getPathway(app.deps, req.actor, req.params.id)),
  );

  app.post(
    '/pathways',
    {
      schema: {
        operationId: 'createPathway',
        tags: ['pathways'],
        summary: 'Start a pathway (a draft, version 1.0.0) for your organisation',
        body: Type.Object(
          { ...PathwayBody.properties, organisationId: Uuid },
          { additionalProperties: false },
        ),
        response: { 201: PathwayView },
      },
    },
    async (req, reply) => {
      const v = await createPathway(app.deps, req.actor, {
        ...input(req.body),
        organisationId: req.body.organisationId,
      });
      reply.code(201);
      return presentDetail(await getPathway(app.deps, req.actor, v.id));
    },
  );

  app.post(
    '/pathway-versions/check',
    {
      schema: {
        operationId: 'checkPathway',
        tags: ['pathways'],
        summary: 'Check a pathway without saving it: problems, credits and role coverage (live preview)',
        body: PathwayBody,
        response: {
          200: Type.Object({
            valid: Type.Boolean(),
            errors: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })),
            credits: Nullable(Type.Integer()),
            coverage: Type.Unknown(),
          }),
        },
      },
    },
    async (req) => {
      let parsed: PathwayInput;
      try {
        parsed = input(req.body);
      } catch (err) {
        const errors = (err as { errors?: { path: string; message: string }[] }).errors;
        if (!errors) throw err;
        return { valid: false, errors, credits: null, coverage: null };
      }
      return checkPathway(app.deps, parsed);
    },
  );

  app.put(
    '/pathway-versions/:versionId',
    {
      schema: {
        operationId: 'updatePathwayVersion',
        tags: ['pathways'],
        summary: 'Change a draft or in-review pathway version (a published one never changes)',
        description:
          'Sign-offs given before no longer count. `collaboratorIds`, when given, replaces the organisations co-designing it.',
        params: VersionParams,
        body: PathwayBody,
        response: { 200: PathwayView },
      },
    },
    async (req) => {
      await updatePathwayVersion(app.deps, req.actor, req.params.versionId, input(req.body));
      return presentDetail(await getPathway(app.deps, req.actor, req.params.versionId));
    },
  );

  app.post(
    '/pathway-versions/:versionId/publish',
    {
      schema: {
        operationId: 'publishPathwayVersion',
        tags: ['pathways'],
        summary:
          'Publish a version in review: it supersedes the published version and its stacked credential goes live',
        description:
          'Needs current sign-offs from authors of the organisation kinds the owner requires ' +
          '(409 `/problems/sign-offs-missing`); the same as the `publish` transition.',
        params: VersionParams,
        response: { 200: PathwayView },
      },
    },
    async (req) => {
      await publishPathwayVersion(app.deps, req.actor, req.params.versionId);
      return presentDetail(await getPathway(app.deps, req.actor, req.params.versionId));
    },
  );

  app.post(
    '/pathway-versions/:versionId/transitions',
    {
      schema: {
        operationId: 'movePathwayVersion',
        tags: ['pathways'],
        summary: 'Submit for review, return to draft, publish or retire a pathway version',
        description:
          'The co-authoring workflow of micro-credentials (docs/pathways.md). Publishing needs current ' +
          'sign-offs (409 `/problems/sign-offs-missing`); a move the state does not allow is 409 ' +
          '`/problems/transition-not-allowed`. Every move is recorded in `history`.',
        params: VersionParams,
        body: VersionMoveBody,
        response: { 200: PathwayView },
      },
    },
    async (req) => {
      await movePathwayVersion(app.deps, req.actor, req.params.versionId, req.body.action, req.body.note);
      return presentDetail(await getPathway(app.deps, req.actor, req.params.versionId));
    },
  );

  app.post(
    '/pathway-versions/:versionId/sign-offs',
    {
      schema: {
        operationId: 'signOffPathwayVersion',
        tags: ['pathways'],
        summary: "Sign off the version's current content for one of your organisations in its design team",
        params: VersionParams,
        body: Body({ organisationId: Uuid }),
        response: { 200: PathwayView },
      },
    },
    async (req) => {
      await signOffPathwayVersion(app.deps, req.actor, req.params.versionId, req.body.organisationId);
      return presentDetail(await getPathway(app.deps, req.actor, req.params.versionId));
    },
  );

  app.get(
    '/pathway-versions/:versionId/comments',
    {
      schema: {
        operationId: 'listPathwayComments',
        tags: ['pathways'],
        summary: "The design team's review comments on a version",
        params: VersionParams,
        response: { 200: Type.Object({ items: Type.Array(CommentView) }) },
      },
    },
    async (req) => {
      const d = await getPathway(app.deps, req.actor, req.params.versionId);
      if (!d.review) return { items: [] };
      return { items: d.review.comments.map(presentComment) };
    },
  );

  app.post(
    '/pathway-versions/:versionId/comments',
    {
      schema: {
        operationId: 'commentOnPathwayVersion',
        tags: ['pathways'],
        summary: 'Comment on a draft or a version in review',
        params: VersionParams,
        body: Body({ body: Type.String({ minLength: 1, maxLength: 5000 }) }),
        response: { 201: CommentView },
      },
    },
    async (req, reply) => {
      const c = await commentOnPathwayVersion(app.deps, req.actor, req.params.versionId, req.body.body);
      return reply.code(201).send(presentComment(c));
    },
  );

  app.post(
    '/pathway-versions/:versionId/retire',
    {
      schema: {
        operationId: 'retirePathwayVersion',
        tags: ['pathways'],
        summary: 'Retire the published version (learners keep what they earned)',
        params: VersionParams,
        response: { 200: PathwayView },
      },
    },
    async (req) => {
      await retirePathwayVersion(app.deps, req.actor, req.params.versionId);
      return presentDetail(await getPathway(app.deps, req.actor, req.params.versionId));
    },
  );

  app.post(
    '/pathways/:id/versions',
    {
      schema: {
        operationId: 'newPathwayVersion',
        tags: ['pathways'],
        summary: 'Start a new draft version from the published one',
        params: Type.Object({ id: Uuid }),
        body: Body({ changeNote: Type.String({ maxLength: 2000 }) }),
        response: { 201: PathwayView },
      },
    },
    async (req, reply) => {
      const v = await newPathwayVersion(app.deps, req.actor, req.params.id, req.body.changeNote);
      reply.code(201);
      return presentDetail(await getPathway(app.deps, req.actor, v.id));
    },
  );

  app.get(
    '/learners/me/pathways',
    {
      schema: {
        operationId: 'listMyPathways',
        tags: ['pathways'],
        summary: 'Your progress on every published pathway',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                pathwayId: Type.String(),
                versionId: Type.String(),
                title: Type.String(),
                percentComplete: Type.Integer({ minimum: 0, maximum: 100 }),
                met: Type.Boolean(),
                stackCredentialId: Nullable(Type.String()),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({
      items: (await listMyPathways(app.deps, req.actor)).map((p) => ({
        pathwayId: p.version.pathwayId,
        versionId: p.version.id,
        title: p.version.title,
        percentComplete: p.percentComplete,
        met: p.met,
        stackCredentialId: p.stackCredentialId,
      })),
    }),
  );

  app.get(
    '/learners/me/pathways/:id/progress',
    {
      schema: {
        operationId: 'getMyPathwayProgress',
        tags: ['pathways'],
        summary:
          'Your progress on one pathway: what is met and by which credentials, what remains, percentComplete',
        params: Id,
        response: {
          200: Type.Object({
            pathwayId: Type.String(),
            versionId: Type.String(),
            percentComplete: Type.Integer({ minimum: 0, maximum: 100 }),
            met: Type.Boolean(),
            tree: NodeView,
            metRequirements: Type.Array(NodeView),
            remaining: Type.Array(NodeView),
            stackCredentialId: Nullable(Type.String()),
          }),
        },
      },
    },
    async (req) => {
      const p = await getMyProgress(app.deps, req.actor, req.params.id);
      return {
        pathwayId: p.version.pathwayId,
        versionId: p.version.id,
        percentComplete: p.percentComplete,
        met: p.met,
        tree: p.tree,
        metRequirements: p.metRequirements,
        remaining: p.remaining,
        stackCredentialId: p.stackCredentialId,
      };
    },
  );

  const TargetView = Type.Object({ roleId: Nullable(Type.String()), pathwayId: Nullable(Type.String()) });
  app.get(
    '/learners/me/target',
    {
      schema: {
        operationId: 'getMyTarget',
        tags: ['pathways'],
        summary: 'Your target role and pathway',
        response: { 200: TargetView },
      },
    },
    async (req) => getMyTarget(app.deps, req.actor),
  );
  app.put(
    '/learners/me/target',
    {
      schema: {
        operationId: 'setMyTarget',
        tags: ['pathways'],
        summary: 'Choose your target role and/or pathway',
        body: Body({ roleId: Type.Optional(Nullable(Uuid)), pathwayId: Type.Optional(Nullable(Uuid)) }),
        response: { 200: TargetView },
      },
    },
    async (req) =>
      setMyTarget(app.deps, req.actor, {
        roleId: req.body.roleId ?? null,
        pathwayId: req.body.pathwayId ?? null,
      }),
  );

  const SelfAssessmentItem = Type.Object(
    {
      frameworkId: Uuid,
      code: Type.String({ minLength: 1, maxLength: 40 }),
      level: Type.Integer({ minimum: 1, maximum: 10 }),
    },
    { additionalProperties: false },
  );
  app.get(
    '/learners/me/self-assessment',
    {
      schema: {
        operationId: 'getMySelfAssessment',
        tags: ['pathways'],
        summary: 'What you say you can already do (shown as self-assessed, never as certified)',
        response: { 200: Type.Object({ items: Type.Array(SelfAssessmentItem) }) },
      },
    },
    async (req) => ({ items: await getMySelfAssessment(app.deps, req.actor) }),
  );
  app.put(
    '/learners/me/self-assessment',
    {
      schema: {
        operationId: 'setMySelfAssessment',
        tags: ['pathways'],
        summary: 'Replace your self-assessment',
        body: Body({ items: Type.Array(SelfAssessmentItem, { maxItems: 200 }) }),
        response: { 200: Type.Object({ items: Type.Array(SelfAssessmentItem) }) },
      },
    },
    async (req) => ({ items: await setMySelfAssessment(app.deps, req.actor, req.body.items) }),
  );

  app.get(
    '/learners/me/guidance',
    {
      schema: {
        operationId: 'getMyGuidance',
        tags: ['pathways'],
        summary: 'Your competency gap against a role, ranked next steps and mentors',
        querystring: Type.Object({ roleId: Type.Optional(Uuid) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            role: RoleView,
            gap: Type.Array(Type.Unknown()),
            recommendations: Type.Array(Type.Unknown()),
            mentors: Type.Array(
              Type.Object({ id: Type.String(), name: Type.String(), organisation: Type.String() }),
            ),
          }),
        },
      },
    },
    async (req) => getMyGuidance(app.deps, req.actor, req.query.roleId),
  );
};
