import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('configuration from the environment', () => {
  it('has safe defaults: captcha on, embedded database, demo data on', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, captcha: true, demoData: true, databaseUrl: undefined, adminSessionIdleMinutes: 30 });
    expect(c.dataDir).toMatch(/data$/);
  });

  it('reads CAPTCHA=off, DATABASE_URL and PORT', () => {
    const c = loadConfig({ CAPTCHA: 'off', DATABASE_URL: 'postgres://u@h:5432/db', PORT: '8080' });
    expect(c).toMatchObject({ captcha: false, databaseUrl: 'postgres://u@h:5432/db', port: 8080 });
  });

  it('refuses a bad value with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/配置错误（环境变量）：PORT/);
    expect(() => loadConfig({ CAPTCHA: 'maybe' })).toThrow(/CAPTCHA/);
  });
});
