import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { TEST_DATABASE } from '../support/db.js';

describe('health and API description', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports ok and which database serves it', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: TEST_DATABASE });
  });

  it('describes every API route in OpenAPI 3.1', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{
      openapi: string;
      paths: Record<string, Record<string, { operationId?: string }>>;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    const routes = t.app.printRoutes({ commonPrefix: false });
    expect(routes).toContain('/api/v1/auth/sign-in');
    for (const path of [
      '/api/v1/auth/sign-up',
      '/api/v1/auth/sign-in',
      '/api/v1/auth/sign-out',
      '/api/v1/me',
      '/api/v1/organisations/{orgId}/members',
      '/api/v1/organisations/{orgId}/api-keys',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    const operationIds = Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops).map((o) => o.operationId),
    );
    expect(operationIds.every((id) => typeof id === 'string')).toBe(true);
  });

  it('renders the API docs page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });
});
