/**
 * The deployment files (deploy/, issue 13 item 6) against the app they deploy: the environment file
 * is one the server's configuration parser accepts, nginx admits the largest upload the app accepts
 * and sets the client address the app trusts, and the systemd unit starts the real entry point.
 * nginx itself runs the configuration in nginx.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config';
import { buildTestApp, type TestContext } from '../helper';
import type * as Multipart from '../../src/modules/files/multipart';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');

// Every multipart route's limits, as the app registers them.
const multipartLimits = vi.hoisted(() => [] as { maxFileBytes: number; maxFiles: number }[]);
vi.mock('../../src/modules/files/multipart', async (importOriginal) => {
  const original = await importOriginal<typeof Multipart>();
  return {
    ...original,
    multipartRoutes: (...args: Parameters<typeof original.multipartRoutes>) => {
      multipartLimits.push(args[1]);
      return original.multipartRoutes(...args);
    },
  };
});

/** KEY=VALUE lines of an environment file (systemd's EnvironmentFile syntax, no quoting used). */
function envFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]!] = m[2]!;
  }
  return env;
}

/** nginx sizes: 64m, 512k, or bytes. */
function nginxSize(value: string): number {
  const m = /^(\d+)([kKmMgG]?)$/.exec(value);
  if (!m) throw new Error(`not an nginx size: ${value}`);
  return Number(m[1]) * ({ '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[m[2]!.toLowerCase()]!;
}

const directive = (conf: string, name: string) => [...conf.matchAll(new RegExp(`^\\s*${name}\\s+([^;]+);`, 'gm'))].map((m) => m[1]!.trim());

describe('deploy/', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await buildTestApp();
  });
  afterAll(async () => {
    await ctx.close();
  });

  const env = envFile(read('deploy/env/ce.env.example'));

  it('ce.env.example uses only documented variables and is accepted as the production configuration', () => {
    const documented = new Set([...read('README.md').matchAll(/^\| `([A-Z0-9_]+)`(?:, `([A-Z0-9_]+)`)? \|/gm)].flatMap((m) => [m[1]!, m[2]].filter(Boolean) as string[]));
    // NODE_OPTIONS is Node's own (README, "Memory").
    const undocumented = Object.keys(env).filter((k) => !documented.has(k) && k !== 'NODE_OPTIONS');
    expect(undocumented).toEqual([]);
    const config = loadConfig({ ...env, PORT: '3000' });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      trustProxy: true,
      cookieSecure: true,
      demoData: false,
      captcha: true,
      fileStorage: { kind: 's3', bucket: 'ce-files', forcePathStyle: true },
    });
    expect(config.databaseUrl).toMatch(/^postgres:\/\//);
    expect(config.databaseReadUrl).toMatch(/^postgres:\/\//);
    expect(config.redisUrl).toMatch(/^redis:\/\//);
    // Several servers over one PostgreSQL: the secrets must come from the configuration, not a file per server.
    expect(config.signingKeySecret).toBeDefined();
    expect(config.piiSecrets).toBeDefined();
    expect(env.NODE_OPTIONS).toContain('--max-old-space-size=256');
  });

  it('nginx admits the largest upload the app accepts and overwrites the client address the app trusts', () => {
    const conf = read('deploy/nginx/ce.conf');
    expect(multipartLimits.length).toBeGreaterThan(5);
    // A multipart request: its files at their limit plus the form fields (≤ 20 × 2,000 bytes) and framing.
    const largestUpload = Math.max(...multipartLimits.map((l) => l.maxFileBytes * l.maxFiles)) + 64 * 1024;
    const [bodySize] = directive(conf, 'client_max_body_size');
    expect(nginxSize(bodySize!)).toBeGreaterThanOrEqual(largestUpload);
    expect(nginxSize(bodySize!)).toBeGreaterThanOrEqual(ctx.app.initialConfig.bodyLimit!);
    // TRUST_PROXY=on takes the address from X-Forwarded-For: the edge must set it, not append to the client's.
    const forwarded = directive(conf, 'proxy_set_header').filter((v) => v.startsWith('X-Forwarded-For'));
    expect(forwarded).toEqual(['X-Forwarded-For $remote_addr']);
    expect(directive(conf, 'proxy_pass')).toEqual(['http://ce_app']);
    expect(/upstream ce_app \{[^}]*server \S+:\d+/s.test(conf)).toBe(true);
  });

  it('the systemd unit starts the server entry point with the environment file', () => {
    const unit = read('deploy/systemd/ce-app@.service');
    const value = (key: string) => directive(unit.replace(/^(\w+)=(.*)$/gm, '$1 $2;'), key);
    const workingDirectory = value('WorkingDirectory')[0]!;
    expect(workingDirectory).toBe('/srv/ce/server'); // the repository checked out at /srv/ce
    const exec = value('ExecStart')[0]!.split(' ');
    expect(exec.slice(1, 3)).toEqual(['--import', 'tsx']);
    expect(fs.existsSync(path.join(root, 'server', exec[3]!))).toBe(true);
    expect(JSON.parse(read('server/package.json')).dependencies.tsx).toBeDefined();
    expect(value('Environment')).toContain('PORT=%i');
    const envPath = value('EnvironmentFile')[0]!;
    expect(read('deploy/env/ce.env.example').split('\n')[0]).toContain(envPath);
    // The only place the server writes (FILE_STORAGE=s3: no FILES_DIR) is writable under ProtectSystem=strict.
    expect(value('ReadWritePaths')).toContain(env.DATA_DIR);
  });
});
