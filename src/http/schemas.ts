/** Wire shapes shared by several routes. Route-specific ones live beside their route. */
import { Type, type TSchema } from '@fastify/type-provider-typebox';
import { API_KEY_SCOPES } from '../domain/api-keys.js';
import { ORGANISATION_KINDS, ROLES } from '../domain/identity.js';
import { WORKFLOW_ACTIONS } from '../domain/version-workflow.js';

export const Uuid = Type.String({ format: 'uuid' });
export const DateTime = Type.String({ format: 'date-time' });
export const Email = Type.String({ minLength: 3, maxLength: 254, description: 'An email address.' });
export const Password = Type.String({ minLength: 1, maxLength: 256 });
export const PersonName = Type.String({ minLength: 1, maxLength: 120 });
export const RoleSchema = Type.Enum(ROLES, { description: 'A role inside one organisation.' });
export const Roles = Type.Array(RoleSchema, { minItems: 1, maxItems: ROLES.length, uniqueItems: true });
export const OrganisationKindSchema = Type.Enum(ORGANISATION_KINDS);
export const ScopeSchema = Type.Enum(Object.keys(API_KEY_SCOPES) as (keyof typeof API_KEY_SCOPES)[]);

export const Body = <T extends Record<string, TSchema>>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });

/** A move through the co-authoring workflow of a micro-credential or pathway version. */
export const VersionMoveBody = Body({
  action: Type.Enum(WORKFLOW_ACTIONS),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
});

export const UserView = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  isPlatformAdmin: Type.Boolean(),
  createdAt: DateTime,
});

export const PersonRef = Type.Object({ id: Type.String(), name: Type.String() });

export const OrganisationAbilitiesView = Type.Object({
  update: Type.Boolean(),
  manageMembers: Type.Boolean(),
  manageApiKeys: Type.Boolean(),
  readAudit: Type.Boolean(),
});

export const OrganisationView = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  kind: OrganisationKindSchema,
  createdAt: DateTime,
  abilities: OrganisationAbilitiesView,
});

export const OrgParams = Type.Object({ orgId: Uuid });

export const ListOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });

export const ProblemView = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);
