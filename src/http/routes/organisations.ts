import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createOrganisation } from '../../app/create-organisation.js';
import { getOrganisation, listMembers, listOrganisations } from '../../app/organisation-queries.js';
import { changeMemberRoles, removeMember } from '../../app/manage-members.js';
import { requestContext } from '../auth.js';
import { presentMember, presentOrganisation } from '../presenters.js';
import {
  Body,
  ListOf,
  OrganisationKindSchema,
  OrganisationView,
  OrgParams,
  Roles,
  Uuid,
} from '../schemas.js';

const CreateOrganisationBody = Body({
  name: Type.String({ minLength: 1, maxLength: 120 }),
  kind: OrganisationKindSchema,
});
const MemberView = Type.Object({
  user: Type.Object({ id: Type.String(), email: Type.String(), name: Type.String() }),
  roles: Roles,
  joinedAt: Type.String({ format: 'date-time' }),
  abilities: Type.Object({ changeRoles: Type.Boolean(), remove: Type.Boolean() }),
});
const MemberParams = Type.Object({ orgId: Uuid, userId: Uuid });

export const organisationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/organisations',
    {
      schema: {
        operationId: 'listOrganisations',
        tags: ['organisations'],
        summary: "The caller's organisations (every one for a platform admin)",
        response: { 200: ListOf(OrganisationView) },
      },
    },
    async (req) => ({
      items: (await listOrganisations(app.deps, req.actor)).map((o) => presentOrganisation(req.actor, o)),
    }),
  );

  app.post(
    '/organisations',
    {
      schema: {
        operationId: 'createOrganisation',
        tags: ['organisations'],
        summary: 'Create an organisation; the caller becomes its admin',
        body: CreateOrganisationBody,
        response: { 201: OrganisationView },
      },
    },
    async (req, reply) => {
      const org = await createOrganisation(app.deps, req.actor, req.body, requestContext(req));
      // The creator's new role must show in the abilities of this very response.
      const actor =
        req.actor.kind === 'user'
          ? {
              ...req.actor,
              rolesByOrganisation: new Map([
                ...req.actor.rolesByOrganisation,
                [org.id, ['org_admin' as const]],
              ]),
            }
          : req.actor;
      reply.code(201).header('location', `/api/v1/organisations/${org.id}`);
      return presentOrganisation(actor, org);
    },
  );

  app.get(
    '/organisations/:orgId',
    {
      schema: {
        operationId: 'getOrganisation',
        tags: ['organisations'],
        params: OrgParams,
        response: { 200: OrganisationView },
      },
    },
    async (req) =>
      presentOrganisation(req.actor, await getOrganisation(app.deps, req.actor, req.params.orgId)),
  );

  app.get(
    '/organisations/:orgId/members',
    {
      schema: {
        operationId: 'listMembers',
        tags: ['members'],
        params: OrgParams,
        response: { 200: ListOf(MemberView) },
      },
    },
    async (req) => ({
      items: (await listMembers(app.deps, req.actor, req.params.orgId)).map((m) =>
        presentMember(req.actor, req.params.orgId, m),
      ),
    }),
  );

  app.put(
    '/organisations/:orgId/members/:userId/roles',
    {
      schema: {
        operationId: 'changeMemberRoles',
        tags: ['members'],
        summary: "Replace a member's roles; an organisation always keeps one admin",
        params: MemberParams,
        body: Body({ roles: Roles }),
        response: { 200: MemberView },
      },
    },
    async (req) => {
      const member = await changeMemberRoles(
        app.deps,
        req.actor,
        { organisationId: req.params.orgId, userId: req.params.userId, roles: req.body.roles },
        requestContext(req),
      );
      return presentMember(req.actor, req.params.orgId, member);
    },
  );

  app.delete(
    '/organisations/:orgId/members/:userId',
    {
      schema: {
        operationId: 'removeMember',
        tags: ['members'],
        summary: 'Remove a member (or leave, for oneself)',
        params: MemberParams,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await removeMember(
        app.deps,
        req.actor,
        { organisationId: req.params.orgId, userId: req.params.userId },
        requestContext(req),
      );
      return reply.code(204).send(null);
    },
  );
};
