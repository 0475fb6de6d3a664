import { expect } from 'vitest';
import { buildProfessional, login } from '../../factories';
import { attendanceForm, planBody } from '../../factories-plans';
import type { MatrixCases, MatrixFixture } from '../fixture';

/** 单位培训计划: a Zhengzhou unit's approved plan (department → city bureau). */
export default function trainingPlanCases(f: MatrixFixture): MatrixCases {
  const t = { plan: 0, version: 0, key: '', person: 0, year: new Date().getUTCFullYear() };
  return {
    async setup() {
      const { ctx, zz } = f;
      const person = await buildProfessional(ctx, zz.unit);
      const cookie = await login(ctx, zz.unitAdmin);
      // A year of its own: the unit's plan for the current year is left to other tests.
      const res = await ctx.app.inject({ method: 'POST', url: '/api/admin/training-plans', headers: { cookie }, payload: planBody(t.year) });
      expect(res.statusCode, res.body).toBe(201);
      Object.assign(t, { plan: res.json().id, version: res.json().version, key: res.json().trainings[0].key, person: person.accountId });
    },
    targeted: {
      'GET /api/admin/training-plans/:id': () => ({ method: 'GET', url: `/api/admin/training-plans/${t.plan}` }),
      'PUT /api/admin/training-plans/:id': () => ({ method: 'PUT', url: `/api/admin/training-plans/${t.plan}`, payload: { version: t.version, trainings: planBody(t.year).trainings } }),
      'POST /api/admin/training-plans/:id/withdraw': () => ({ method: 'POST', url: `/api/admin/training-plans/${t.plan}/withdraw`, payload: { version: t.version } }),
      'POST /api/admin/training-plans/:id/decision': () => ({ method: 'POST', url: `/api/admin/training-plans/${t.plan}/decision`, payload: { version: t.version, decision: 'approve' } }),
      'POST /api/admin/training-plans/:id/attendance': () => ({
        method: 'POST',
        url: `/api/admin/training-plans/${t.plan}/attendance`,
        payload: attendanceForm({ trainingKey: t.key, attendees: [t.person], startDate: `${t.year}-05-10`, endDate: `${t.year}-05-10`, hours: 8 }),
      }),
    },
    lists: {
      'GET /api/admin/training-plans': (res) => {
        expect((res.json() as { items: { id: number }[] }).items.map((i) => i.id)).not.toContain(t.plan);
      },
      'GET /api/admin/training-plans?view=review': (res) => {
        expect((res.json() as { items: { id: number }[] }).items.map((i) => i.id)).not.toContain(t.plan);
      },
    },
    scoped: {
      // Every unit or department files its own plan; an intruder's filing touches nothing of Zhengzhou.
      'POST /api/admin/training-plans': {
        call: () => ({ method: 'POST', url: '/api/admin/training-plans', payload: planBody(t.year + 1) }),
        check: (res) => expect([201, 403, 409]).toContain(res.statusCode),
      },
    },
  };
}
