import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { overlapReport } from '../../app/catalogue.js';
import { RefView } from './catalogue-schemas.js';

const Side = Type.Object({
  id: Type.String(),
  versionId: Type.String(),
  code: Type.String(),
  title: Type.String(),
  provider: RefView,
});

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/reports/overlap',
    {
      schema: {
        operationId: 'overlapReport',
        tags: ['reports'],
        summary: 'Pairs of published micro-credentials that overlap, most similar first (public)',
        description:
          'Score = 0.7 × competency overlap (shared competencies, weighted by how close the levels are) + ' +
          '0.3 × text similarity. Pairs are found through shared competencies and similar text, never by ' +
          'comparing all against all.',
        security: [],
        querystring: Type.Object(
          {
            // Below 0.15 nearly every pair that shares one competency qualifies and the report grows
            // towards all-pairs; 0.15 keeps it bounded (see npm run bench).
            threshold: Type.Number({
              minimum: 0.15,
              maximum: 1,
              default: 0.25,
              description: 'Keep pairs scoring at least this (0.25: a quarter of the profile shared)',
            }),
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            threshold: Type.Number(),
            compared: Type.Integer({ description: 'Published micro-credentials looked at' }),
            pairs: Type.Array(
              Type.Object({
                score: Type.Number(),
                competencyScore: Type.Number(),
                textScore: Type.Number(),
                a: Side,
                b: Side,
                sharedCompetencies: Type.Array(
                  Type.Object({
                    id: Type.String(),
                    code: Type.String(),
                    name: Type.String(),
                    levelA: Type.Integer(),
                    levelB: Type.Integer(),
                  }),
                ),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const { pairs, compared } = await overlapReport(app.deps, req.query);
      const side = (p: (typeof pairs)[number]['a']) => ({
        id: p.achievementId,
        versionId: p.versionId,
        code: p.code,
        title: p.title,
        provider: p.provider,
      });
      return {
        threshold: req.query.threshold,
        compared,
        pairs: pairs.map((p) => ({
          score: p.score,
          competencyScore: p.competency,
          textScore: p.text,
          a: side(p.a),
          b: side(p.b),
          sharedCompetencies: p.sharedCompetencies.map((s) => ({
            id: s.competency?.id ?? '',
            code: s.competency?.code ?? '',
            name: s.competency?.name ?? '',
            levelA: s.levelA,
            levelB: s.levelB,
          })),
        })),
      };
    },
  );
};
