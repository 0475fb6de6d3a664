/**
 * deploy/nginx/ce.conf run for real (issue 13 item 6): nginx in front of two app servers over one
 * database, as the deployment guide sets them up. Only what cannot be the same on a test machine is
 * changed — the upstream addresses, the listening ports and the TLS certificate (a self-signed one
 * made here) — and `nginx -t` must accept the result. Then: requests are spread over both servers and
 * answered alike (no state in one server's memory), the client address the app trusts is the one
 * nginx saw (a forged X-Forwarded-For never arrives), a body over the limit is refused at the edge,
 * port 80 redirects to HTTPS, and when one server stops the other takes every request.
 *
 * Runs where nginx is installed (`.ci/run` installs nginx-light); in CI a missing nginx is a failure.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { buildTestApp, buildTestAppOn, type TestContext } from '../helper';
import { freePort } from '../spawned-server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => fs.existsSync(p));
if (process.env.CI && !NGINX) throw new Error('nginx is not installed: .ci/run installs nginx-light');

/** ce.conf with the test machine's upstreams, ports and certificate; every other line as deployed. */
function localConf(conf: string, o: { upstreams: string[]; httpPort: number; httpsPort: number; cert: string; key: string }): string {
  let i = 0;
  const out = conf
    .replace(/^(\s*server\s+)\d+\.\d+\.\d+\.\d+:\d+/gm, (_m, lead: string) => {
      const address = o.upstreams[i++];
      if (!address) throw new Error('ce.conf lists more app servers than the test started');
      return `${lead}${address}`;
    })
    .replace(/^(\s*listen\s+)80;/m, `$1127.0.0.1:${o.httpPort};`)
    .replace(/^(\s*listen\s+)443 /m, `$1127.0.0.1:${o.httpsPort} `)
    .replace(/^(\s*ssl_certificate\s+)\S+;/m, `$1${o.cert};`)
    .replace(/^(\s*ssl_certificate_key\s+)\S+;/m, `$1${o.key};`);
  if (i !== o.upstreams.length) throw new Error(`ce.conf lists ${i} app servers, the test started ${o.upstreams.length}`);
  return out;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(url: string, opts: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const lib = u.protocol === 'https:' ? https : http;
    const req = lib.request(u, { method: opts.method ?? 'GET', headers: opts.headers, rejectUnauthorized: false, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    // nginx may answer 413 and close before the whole body is sent.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
    req.end(opts.body);
  });
}

describe.skipIf(!NGINX)('nginx in front of two app servers (deploy/nginx/ce.conf)', () => {
  let a: TestContext;
  let b: TestContext;
  let nginx: ChildProcess;
  let dir: string;
  let base: string;
  let httpBase: string;
  const seen: { server: 'a' | 'b'; forwardedFor: string | undefined; url: string }[] = [];

  beforeAll(async () => {
    // Two app servers over one database, as behind the load balancer (TRUST_PROXY=on in ce.env).
    a = await buildTestApp({ trustProxy: true });
    b = await buildTestAppOn(a.database, { trustProxy: true });
    for (const [name, ctx] of [['a', a], ['b', b]] as const) {
      await ctx.app.listen({ host: '127.0.0.1', port: 0 });
      ctx.app.server.on('request', (req: http.IncomingMessage) => seen.push({ server: name, forwardedFor: req.headers['x-forwarded-for'] as string | undefined, url: req.url ?? '' }));
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-nginx-'));
    const cert = path.join(dir, 'tls.crt');
    const key = path.join(dir, 'tls.key');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    const httpPort = await freePort();
    const httpsPort = await freePort();
    const upstreams = [a, b].map((ctx) => `127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`);
    fs.writeFileSync(path.join(dir, 'ce.conf'), localConf(fs.readFileSync(path.join(root, 'deploy/nginx/ce.conf'), 'utf8'), { upstreams, httpPort, httpsPort, cert, key }));
    // The distribution's nginx.conf around it: the http block that includes conf.d/*.conf.
    const temp = (n: string) => `${n}_temp_path ${path.join(dir, n)};`;
    fs.writeFileSync(
      path.join(dir, 'nginx.conf'),
      [
        ...(process.getuid?.() === 0 ? ['user root;'] : []),
        'worker_processes 1;',
        `pid ${path.join(dir, 'nginx.pid')};`,
        `error_log ${path.join(dir, 'error.log')} warn;`,
        'events { worker_connections 256; }',
        `http { access_log off; ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join(' ')} include ${path.join(dir, 'ce.conf')}; }`,
      ].join('\n'),
    );
    const args = ['-p', dir, '-c', path.join(dir, 'nginx.conf')];
    // What the guide runs before every reload: the configuration must be accepted as it is.
    execFileSync(NGINX!, ['-t', ...args], { stdio: 'pipe' });
    nginx = spawn(NGINX!, [...args, '-g', 'daemon off;'], { stdio: 'ignore' });
    base = `https://127.0.0.1:${httpsPort}`;
    httpBase = `http://127.0.0.1:${httpPort}`;
    for (let i = 0; ; i++) {
      try {
        if ((await request(`${base}/api/health`)).status === 200) break;
      } catch {
        // not listening yet
      }
      if (i > 100) throw new Error(`nginx did not start: ${fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : ''}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 60_000);

  afterAll(async () => {
    nginx?.kill('SIGQUIT');
    await b?.app.close();
    await b?.deps.jobs.stop();
    await a?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('spreads requests over both servers, which answer alike, and passes only the address nginx saw', async () => {
    seen.length = 0;
    const answers: Answer[] = [];
    for (let i = 0; i < 12; i++)
      answers.push(await request(`${base}/api/public/certificates?certNo=4199990000001`, { headers: { 'X-Forwarded-For': `6.6.6.${i}` } }));
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.body)).toEqual({ code: 'NOT_FOUND', message: '没有搜索到相关证书' });
    }
    const queries = seen.filter((s) => s.url.startsWith('/api/public/certificates'));
    expect(queries).toHaveLength(12);
    expect(new Set(queries.map((s) => s.server))).toEqual(new Set(['a', 'b']));
    // The forged addresses never reach the app: it counts rate limits and audit rows under 127.0.0.1.
    expect(new Set(queries.map((s) => s.forwardedFor))).toEqual(new Set(['127.0.0.1']));
  });

  it('refuses a body over client_max_body_size at the edge, and redirects plain HTTP to HTTPS', async () => {
    seen.length = 0;
    const tooBig = await request(`${base}/api/me/declarations`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(65 * 1024 * 1024) });
    expect(tooBig.status).toBe(413);
    expect(seen).toEqual([]);
    const plain = await request(`${httpBase}/verify?t=x`);
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toMatch(/^https:\/\/[^/]+\/verify\?t=x$/);
  });

  it('when one server stops, the other answers every request', async () => {
    await b.app.close();
    seen.length = 0;
    for (let i = 0; i < 8; i++) expect((await request(`${base}/api/health`)).status).toBe(200);
    expect(seen.filter((s) => s.url === '/api/health').map((s) => s.server)).toEqual(Array(8).fill('a'));
  });
});
