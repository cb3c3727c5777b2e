import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  acceptInvitation,
  inviteMember,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from '../../app/invitations.js';
import { requestContext } from '../auth.js';
import { presentInvitation, presentOrganisationRef } from '../presenters.js';
import {
  Body,
  DateTime,
  Email,
  ListOf,
  OrganisationKindSchema,
  OrgParams,
  PersonRef,
  Roles,
  Uuid,
} from '../schemas.js';

const Status = Type.Union([
  Type.Literal('pending'),
  Type.Literal('accepted'),
  Type.Literal('revoked'),
  Type.Literal('expired'),
]);
const InvitationView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  roles: Roles,
  status: Status,
  invitedBy: Type.Union([PersonRef, Type.Null()]),
  createdAt: DateTime,
  expiresAt: DateTime,
});
const OrganisationRef = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  kind: OrganisationKindSchema,
});
const TokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) });

export const invitationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/organisations/:orgId/invitations',
    {
      schema: {
        operationId: 'listInvitations',
        tags: ['members'],
        params: OrgParams,
        response: { 200: ListOf(InvitationView) },
      },
    },
    async (req) => {
      const now = app.deps.clock.now();
      return {
        items: (await listInvitations(app.deps, req.actor, req.params.orgId)).map((i) =>
          presentInvitation(i, now),
        ),
      };
    },
  );

  app.post(
    '/organisations/:orgId/invitations',
    {
      schema: {
        operationId: 'inviteMember',
        tags: ['members'],
        summary: 'Invite a person by email; they get a link to accept',
        params: OrgParams,
        body: Body({ email: Email, roles: Roles }),
        response: { 201: InvitationView },
      },
    },
    async (req, reply) => {
      const invitation = await inviteMember(
        app.deps,
        req.actor,
        { organisationId: req.params.orgId, ...req.body },
        requestContext(req),
      );
      return reply.code(201).send(presentInvitation(invitation, app.deps.clock.now()));
    },
  );

  app.delete(
    '/organisations/:orgId/invitations/:invitationId',
    {
      schema: {
        operationId: 'revokeInvitation',
        tags: ['members'],
        params: Type.Object({ orgId: Uuid, invitationId: Uuid }),
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await revokeInvitation(
        app.deps,
        req.actor,
        { organisationId: req.params.orgId, invitationId: req.params.invitationId },
        requestContext(req),
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/invitations/:token',
    {
      schema: {
        operationId: 'previewInvitation',
        tags: ['members'],
        summary: 'What an invitation link offers (public: the link itself is the secret)',
        params: TokenParams,
        response: {
          200: Type.Object({
            organisation: OrganisationRef,
            email: Type.String(),
            roles: Roles,
            status: Status,
            expiresAt: DateTime,
          }),
        },
      },
    },
    async (req) => {
      const { invitation, organisation, status } = await previewInvitation(app.deps, req.params.token);
      return {
        organisation: presentOrganisationRef(organisation),
        email: invitation.email,
        roles: invitation.roles,
        status,
        expiresAt: invitation.expiresAt.toISOString(),
      };
    },
  );

  app.post(
    '/invitations/:token/accept',
    {
      schema: {
        operationId: 'acceptInvitation',
        tags: ['members'],
        summary: 'Join the organisation with the invited roles',
        params: TokenParams,
        response: { 200: Type.Object({ organisation: OrganisationRef, roles: Roles }) },
      },
    },
    async (req) => {
      const { organisation, roles } = await acceptInvitation(
        app.deps,
        req.actor,
        req.params.token,
        requestContext(req),
      );
      return { organisation: presentOrganisationRef(organisation), roles };
    },
  );
};
