/** The integrator's guide's worked example is what the example client computes (the guide cannot drift). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalString, signatureOf } from '../modules/platforms/signature';
import { sha256Hex, signRequest } from './client';

const guide = fs.readFileSync(path.resolve(__dirname, '../../../docs/学习平台接入指南.md'), 'utf8');
const SECRET = 'zzu-demo-platform-secret-2026-change-me';

describe('docs/学习平台接入指南.md', () => {
  it('its POST example signs as the client and the server compute', () => {
    const body = /```json\n(.+)\n```/.exec(guide)![1]!;
    const signed = signRequest({ platformId: 'plt_zzu_demo_2026', secret: SECRET, method: 'POST', path: '/api/platform/v1/completions', body, timestamp: 1795680000, nonce: '5f1c2a9e7b3d4c6a8e0f1a2b3c4d5e6f' });
    expect(guide).toContain(`SHA256HEX(body) = \`${sha256Hex(body)}\``);
    expect(guide).toContain(`X-Signature = \`${signed.headers['X-Signature']}\``);
    expect(guide).toContain(`-H 'X-Signature: ${signed.headers['X-Signature']}'`);
    expect(guide).toContain(`--data-binary '${body}'`);
    expect(signatureOf(SECRET, canonicalString('POST', '/api/platform/v1/completions', '1795680000', '5f1c2a9e7b3d4c6a8e0f1a2b3c4d5e6f', Buffer.from(body)))).toBe(signed.headers['X-Signature']);
  });
  it('its GET example too', () => {
    const signed = signRequest({ platformId: 'p', secret: SECRET, method: 'GET', path: '/api/platform/v1/completions/ZZU-20261120-000123', timestamp: 1795680000, nonce: 'b7e4c1d2a3f45e6d7c8b9a0f1e2d3c4b' });
    expect(guide).toContain(`签名为 \`${signed.headers['X-Signature']}\``);
  });
});
