import { expect } from 'vitest';
import { buildAdmin, buildProfessional, login } from '../../factories';
import { buildPlatform, completion } from '../../factories-platforms';
import type { MatrixCases, MatrixFixture } from '../fixture';

/** Learning platforms: a Zhengzhou base's platform and one held record of a Zhengzhou person. */
export default function platformCases(f: MatrixFixture): MatrixCases {
  const t = { platformId: 0, platformName: '', recordId: 0, version: 0 };
  return {
    async setup() {
      const { ctx, zz } = f;
      const bureauCookie = await login(ctx, await buildAdmin(ctx, zz.bureau));
      const p = await buildPlatform(ctx, zz.bureau, { bureauCookie });
      t.platformId = p.id;
      t.platformName = (await ctx.app.inject({ method: 'GET', url: '/api/admin/learning-platforms', headers: { cookie: p.baseCookie } })).json().items[0].name;
      const person = await buildProfessional(ctx, zz.unit);
      const { results } = await p.client.postCompletions([completion({ idNumber: person.idNumber, name: '不是本人' })]);
      expect(results[0]!.status).toBe('held');
      // The bureau really reaches the targets (the matrix is not vacuous).
      const held = await ctx.app.inject({ method: 'GET', url: '/api/admin/platform-records', headers: { cookie: bureauCookie } });
      expect(held.statusCode).toBe(200);
      t.recordId = held.json().items[0].id;
      t.version = held.json().items[0].version;
    },
    targeted: {
      'POST /api/admin/learning-platforms/:id/decision': () => ({ method: 'POST', url: `/api/admin/learning-platforms/${t.platformId}/decision`, payload: { decision: 'approve', version: 1 } }),
      'POST /api/admin/learning-platforms/:id/rotate': () => ({ method: 'POST', url: `/api/admin/learning-platforms/${t.platformId}/rotate`, payload: { version: 1 } }),
      'POST /api/admin/learning-platforms/:id/revoke': () => ({ method: 'POST', url: `/api/admin/learning-platforms/${t.platformId}/revoke`, payload: { version: 1 } }),
      'POST /api/admin/platform-records/:id/decision': () => ({ method: 'POST', url: `/api/admin/platform-records/${t.recordId}/decision`, payload: { decision: 'refuse', reason: '越权', version: t.version } }),
    },
    lists: {
      'GET /api/admin/learning-platforms': (res) => expect(res.json().items.map((p: { id: number }) => p.id)).not.toContain(t.platformId),
      'GET /api/admin/platform-records': (res) => expect(res.json().items.map((r: { id: number }) => r.id)).not.toContain(t.recordId),
    },
    scoped: {
      // Only a base registers a platform, and always its own.
      'POST /api/admin/learning-platforms': {
        call: () => ({ method: 'POST', url: '/api/admin/learning-platforms', payload: { name: '越权平台', url: 'https://x.example.cn', contactName: '某', contactPhone: '0371-1234567' } }),
        // The matrix's base intruder (cases/base-classes.ts) registers one of its own; anyone else is refused.
        check: (res) => {
          expect([201, 403]).toContain(res.statusCode);
          if (res.statusCode === 201) expect(res.json().id).not.toBe(t.platformId);
        },
      },
      // Province-wide thresholds: any admin reads them; only the province sets them.
      'GET /api/admin/anomaly-settings': {
        call: () => ({ method: 'GET', url: '/api/admin/anomaly-settings' }),
        check: (res) => expect(res.statusCode).toBe(200),
      },
      'PUT /api/admin/anomaly-settings': {
        call: () => ({ method: 'PUT', url: '/api/admin/anomaly-settings', payload: { maxHoursPerDay: 1, minMinutesPerHour: 1, courseLengthMinSamples: 1 } }),
        check: (res) => expect([403, 404]).toContain(res.statusCode),
      },
    },
  };
}
