/** Wire shapes of frameworks, micro-credentials and the catalogue. */
import { Type } from '@fastify/type-provider-typebox';
import { ACHIEVEMENT_TYPES, VERSION_STATUSES, type AchievementContent } from '../../domain/achievements.js';
import { ORGANISATION_KINDS } from '../../domain/identity.js';
import { DateTime, Uuid } from '../schemas.js';

const Str = (maxLength: number, minLength = 0) => Type.String({ maxLength, minLength });

export const RefView = Type.Object({ id: Type.String(), name: Type.String() });

export const AlignedCompetencyBody = Type.Object(
  { frameworkId: Uuid, code: Str(32, 1), targetLevel: Type.Integer() },
  { additionalProperties: false },
);

export const CriterionBody = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,32}$' }),
    title: Str(500),
    evidenceRequirements: Type.Array(Str(2000), { maxItems: 30 }),
  },
  { additionalProperties: false },
);

export const AchievementContentBody = Type.Object(
  {
    title: Str(200),
    summary: Str(500),
    description: Str(10_000),
    criteriaNarrative: Str(10_000),
    achievementType: Type.String({
      maxLength: 64,
      description: `One of ${ACHIEVEMENT_TYPES.join(', ')}, or ext:Name`,
    }),
    code: Str(32),
    competencies: Type.Array(AlignedCompetencyBody, { maxItems: 100 }),
    nzqfLevel: Type.Integer({ description: 'NZQF level, 1 to 10' }),
    credits: Type.Integer({ description: '1 to 40; 1 credit = 10 notional learning hours' }),
    assessmentMethods: Type.Array(Str(200, 1), { maxItems: 20 }),
    criteria: Type.Array(CriterionBody, { maxItems: 50 }),
    rplAllowed: Type.Boolean(),
    rplEvidence: Str(4000),
    validityDays: Type.Optional(Type.Integer()),
    tags: Type.Array(Str(40), { maxItems: 20 }),
    language: Str(16, 2),
    badge: Type.Object(
      { shape: Type.Enum(['hexagon', 'circle', 'shield', 'rounded-square']), colour: Str(7, 7) },
      { additionalProperties: false },
    ),
    nzqa: Type.Object(
      {
        nzscedCode: Type.Optional(Str(6)),
        reviewPeriodYears: Type.Optional(Type.Integer()),
        purposeStatement: Type.Optional(Str(4000)),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const VersionStatusSchema = Type.Enum(VERSION_STATUSES);

export const VersionSummaryView = Type.Object({
  id: Type.String(),
  version: Type.String(),
  status: VersionStatusSchema,
  changeNote: Type.String(),
  createdAt: DateTime,
  publishedAt: Type.Union([DateTime, Type.Null()]),
  createdBy: Type.Union([RefView, Type.Null()]),
});

export const CompetencyView = Type.Object({
  id: Type.String(),
  frameworkId: Type.String(),
  code: Type.String(),
  name: Type.String(),
  targetLevel: Type.Integer(),
  skillAreas: Type.Array(Type.String()),
});

export const EndorsementView = Type.Object({
  id: Type.String(),
  versionId: Type.String(),
  organisation: RefView,
  endorsedBy: Type.Union([RefView, Type.Null()]),
  statement: Type.String(),
  createdAt: DateTime,
});

export const CatalogueItemView = Type.Object({
  id: Type.String({ description: "The micro-credential's id; stays the same across versions" }),
  versionId: Type.String(),
  title: Type.String(),
  code: Type.String(),
  summary: Type.String(),
  version: Type.String(),
  achievementType: Type.String(),
  credits: Type.Integer(),
  notionalHours: Type.Integer(),
  level: Type.Integer({ description: 'NZQF level' }),
  rplAllowed: Type.Boolean(),
  provider: RefView,
  skillAreas: Type.Array(Type.String()),
  competencies: Type.Array(CompetencyView),
  endorsements: Type.Array(EndorsementView),
  publishedAt: Type.Union([DateTime, Type.Null()]),
  imageUrl: Type.String(),
});

export const ContentView = Type.Unsafe<AchievementContent>({
  type: 'object',
  // Without this the response serialiser knows no properties and sends `{}`.
  additionalProperties: true,
  description: 'The version content as authored (the body of createAchievement and updateDraft)',
});

export const OrganisationKindSchema = Type.Enum(ORGANISATION_KINDS);
