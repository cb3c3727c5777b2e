import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to the embedded database with demo data on port 3000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demo).toBe(true);
    expect(c.dataDir).toMatch(/data$/);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.secureCookies).toBe(false);
  });
  it('uses PostgreSQL when DATABASE_URL is set and secure cookies behind https', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db/cairn', CAIRN_PUBLIC_URL: 'https://cairn.example.org/' });
    expect(c.databaseUrl).toBe('postgres://u@db/cairn');
    expect(c.publicUrl).toBe('https://cairn.example.org');
    expect(c.secureCookies).toBe(true);
  });
  it('never loads demo data in production', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', CAIRN_DEMO: '1' })).toThrow(ConfigError);
    expect(loadConfig({ CAIRN_DEMO: '0' }).demo).toBe(false);
  });
  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ CAIRN_DEMO: 'maybe' }, /CAIRN_DEMO/],
    [{ CAIRN_PUBLIC_URL: 'not a url' }, /CAIRN_PUBLIC_URL/],
    [{ CAIRN_ENV: 'staging' }, /CAIRN_ENV/],
  ])('refuses %j with a message naming the setting', (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
  });
});
