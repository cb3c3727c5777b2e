import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { coverageReport } from '../../app/catalogue.js';
import {
  exportFrameworkCase,
  exportFrameworkCsv,
  getFramework,
  importFramework,
  listFrameworks,
  saveCompetency,
} from '../../app/frameworks.js';
import type { StoredFramework } from '../../app/catalogue-ports.js';
import type { Actor } from '../../domain/actor.js';
import { canEditFramework } from '../../policies/achievements.js';
import { Body, DateTime, ListOf, Uuid } from '../schemas.js';
import { RefView } from './catalogue-schemas.js';

const FrameworkSummaryView = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  title: Type.String(),
  description: Type.String(),
  version: Type.String(),
  language: Type.String(),
  owner: Type.Union([RefView, Type.Null()]),
  groupCount: Type.Integer(),
  competencyCount: Type.Integer(),
  updatedAt: DateTime,
});

const AlignmentSchema = Type.Object(
  {
    framework: Type.String({ minLength: 1, maxLength: 200 }),
    code: Type.String({ minLength: 1, maxLength: 100 }),
    targetName: Type.Optional(Type.String({ maxLength: 500 })),
    targetUrl: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

const CompetencySchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 32 }),
    groupCode: Type.String({ minLength: 1, maxLength: 32 }),
    name: Type.String({ maxLength: 200 }),
    description: Type.String({ maxLength: 4000 }),
    tags: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 30 }),
    indicators: Type.Array(
      Type.Object(
        { level: Type.Integer(), indicator: Type.String({ maxLength: 2000 }) },
        { additionalProperties: false },
      ),
      { maxItems: 10 },
    ),
    alignments: Type.Array(AlignmentSchema, { maxItems: 50 }),
  },
  { additionalProperties: false },
);

const FrameworkView = Type.Intersect([
  FrameworkSummaryView,
  Type.Object({
    scale: Type.Array(
      Type.Object({ level: Type.Integer(), name: Type.String(), description: Type.String() }),
    ),
    groups: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), description: Type.String() })),
    competencies: Type.Array(
      Type.Object({
        id: Type.String(),
        code: Type.String(),
        groupCode: Type.String(),
        name: Type.String(),
        description: Type.String(),
        tags: Type.Array(Type.String()),
        indicators: Type.Array(Type.Object({ level: Type.Integer(), indicator: Type.String() })),
        alignments: Type.Array(AlignmentSchema),
      }),
    ),
    abilities: Type.Object({ edit: Type.Boolean() }),
  }),
]);

const ImportIssueView = Type.Object({
  row: Type.Union([Type.Integer(), Type.String()]),
  field: Type.Optional(Type.String()),
  message: Type.String(),
});

const ImportReportView = Type.Object({
  dryRun: Type.Boolean(),
  frameworkId: Type.Union([Type.String(), Type.Null()]),
  title: Type.String(),
  groups: Type.Integer(),
  competencies: Type.Integer(),
  warnings: Type.Array(ImportIssueView),
});

function presentFramework(actor: Actor, f: StoredFramework) {
  const { content, updatedAt, competencyIds, ...summary } = f;
  return {
    ...summary,
    updatedAt: updatedAt.toISOString(),
    scale: content.scale,
    groups: content.groups,
    competencies: content.competencies.map(({ caseIdentifier: _id, ...c }) => ({
      id: competencyIds[c.code] ?? '',
      ...c,
    })),
    abilities: { edit: canEditFramework(actor, f.owner?.id ?? null) },
  };
}

const Params = Type.Object({ frameworkId: Uuid });

export const frameworkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/frameworks',
    {
      schema: {
        operationId: 'listFrameworks',
        tags: ['frameworks'],
        summary: 'Competency frameworks (public)',
        security: [],
        response: { 200: ListOf(FrameworkSummaryView) },
      },
    },
    async () => ({
      items: (await listFrameworks(app.deps)).map((f) => ({ ...f, updatedAt: f.updatedAt.toISOString() })),
    }),
  );

  app.get(
    '/frameworks/:frameworkId',
    {
      schema: {
        operationId: 'getFramework',
        tags: ['frameworks'],
        summary: 'A framework with its scale, groups and competencies (public)',
        security: [],
        params: Params,
        response: { 200: FrameworkView },
      },
    },
    async (req) => presentFramework(req.actor, await getFramework(app.deps, req.params.frameworkId)),
  );

  app.get(
    '/frameworks/:frameworkId/case',
    {
      schema: {
        operationId: 'exportFrameworkCase',
        tags: ['frameworks'],
        summary: 'The framework as a 1EdTech CASE 1.1 CFPackage (public)',
        security: [],
        params: Params,
        response: { 200: Type.Object({}, { additionalProperties: true }) },
      },
    },
    async (req) => exportFrameworkCase(app.deps, req.params.frameworkId),
  );

  app.get(
    '/frameworks/:frameworkId/csv',
    {
      schema: {
        operationId: 'exportFrameworkCsv',
        tags: ['frameworks'],
        summary: 'The framework as CSV, one competency a row (public)',
        security: [],
        params: Params,
      },
    },
    async (req, reply) => {
      const { filename, csv } = await exportFrameworkCsv(app.deps, req.params.frameworkId);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  );

  app.post(
    '/frameworks/import',
    {
      bodyLimit: 10 * 1024 * 1024,
      schema: {
        operationId: 'importFramework',
        tags: ['frameworks'],
        summary: 'Import a framework from CASE 1.1 JSON or CSV; all or nothing, with a dry run',
        description:
          'An invalid file imports nothing and is answered 422 `/problems/framework-file-invalid` with every ' +
          'rejected row in `problems: [{row, field?, message}]`.',
        body: Body({
          organisationId: Uuid,
          format: Type.Enum(['case', 'csv']),
          data: Type.Union([
            Type.String({ maxLength: 10_000_000 }),
            Type.Object({}, { additionalProperties: true }),
          ]),
          title: Type.Optional(Type.String({ maxLength: 200 })),
          description: Type.Optional(Type.String({ maxLength: 4000 })),
          version: Type.Optional(Type.String({ maxLength: 50 })),
          language: Type.Optional(Type.String({ maxLength: 16 })),
          dryRun: Type.Optional(Type.Boolean()),
        }),
        response: { 200: ImportReportView, 201: ImportReportView },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const report = await importFramework(app.deps, req.actor, {
        organisationId: body.organisationId,
        format: body.format,
        data: body.data,
        dryRun: body.dryRun ?? false,
        ...(body.title !== undefined ? { title: body.title } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.version !== undefined ? { version: body.version } : {}),
        ...(body.language !== undefined ? { language: body.language } : {}),
      });
      if (!report.frameworkId) return report;
      return reply.code(201).header('location', `/api/v1/frameworks/${report.frameworkId}`).send(report);
    },
  );

  app.put(
    '/frameworks/:frameworkId/competencies/:code',
    {
      schema: {
        operationId: 'saveCompetency',
        tags: ['frameworks'],
        summary: 'Add a competency, or replace the one with this code',
        params: Type.Object({ frameworkId: Uuid, code: Type.String({ minLength: 1, maxLength: 32 }) }),
        body: CompetencySchema,
        response: { 200: FrameworkView },
      },
    },
    async (req) => {
      const saved = await saveCompetency(app.deps, req.actor, req.params.frameworkId, {
        ...req.body,
        code: req.params.code,
      });
      return presentFramework(req.actor, saved);
    },
  );

  app.get(
    '/frameworks/:frameworkId/coverage',
    {
      schema: {
        operationId: 'frameworkCoverage',
        tags: ['reports'],
        summary: 'How many published micro-credentials teach each competency (0 = nobody does)',
        security: [],
        params: Params,
        response: {
          200: Type.Object({
            frameworkId: Type.String(),
            uncovered: Type.Integer(),
            competencies: Type.Array(
              Type.Object({
                id: Type.String(),
                code: Type.String(),
                name: Type.String(),
                groupCode: Type.String(),
                skillAreas: Type.Array(Type.String()),
                taughtBy: Type.Integer(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const report = await coverageReport(app.deps, req.params.frameworkId);
      return {
        frameworkId: report.framework.id,
        uncovered: report.uncovered,
        competencies: report.competencies.map((c) => ({
          id: c.id,
          code: c.code,
          name: c.name,
          groupCode: c.groupCode,
          skillAreas: c.tags,
          taughtBy: c.taughtBy,
        })),
      };
    },
  );
};
