import { expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { schema } from '../../../src/db';
import { buildProfessional } from '../../factories';
import { waitForJob } from '../../factories-batches';
import { PNG } from '../../factories-declarations';
import { buildBase, buildClass, evidenceForm } from '../../factories-bases';
import type { MatrixCases, MatrixFixture } from '../fixture';

/**
 * 继续教育基地申报: a Zhengzhou base's class with one declared trainee is the target. A second
 * base, of 周口, declares a Zhengzhou person too and joins the intruders: every targeted endpoint of
 * every capability (the person's records, profile, certificates …) answers it 404 — a base sees
 * nothing of its trainees beyond what it entered.
 */
export default function baseClassCases(f: MatrixFixture): MatrixCases {
  const t = { cls: 0, evidence: 0, record: 0, ownRecord: 0, personName: '' };
  const year = new Date().getUTCFullYear();
  const dates = { startDate: `${year}-01-05`, endDate: `${year}-01-06` };
  const xlsx = () => {
    const fd = new FormData();
    fd.append('file', new Blob([new Uint8Array(PNG)]), '学员.xlsx');
    return fd;
  };
  return {
    async setup() {
      const { ctx, zz } = f;
      const person = await buildProfessional(ctx, zz.unit);
      const zzBase = await buildBase(ctx, '410100');
      const cls = await buildClass(ctx, zzBase, { title: '越权测试班次', ...dates });
      const declared = await ctx.app.inject({ method: 'POST', url: `/api/admin/base-classes/${cls.id}/trainees`, headers: { cookie: zzBase.cookie }, payload: { trainees: [{ idNumber: person.idNumber, name: person.name }] } });
      expect(declared.statusCode, declared.body).toBe(202);
      expect((await waitForJob(ctx, zzBase.cookie, declared.json().jobId)).state).toBe('succeeded');

      // The intruding base declares the same person for a class of its own.
      const zkBase = await buildBase(ctx, '411600');
      const own = await buildClass(ctx, zkBase, { title: '周口基地班次', ...dates });
      const res = await ctx.app.inject({ method: 'POST', url: `/api/admin/base-classes/${own.id}/trainees`, headers: { cookie: zkBase.cookie }, payload: { trainees: [{ idNumber: person.idNumber, name: person.name }] } });
      expect((await waitForJob(ctx, zkBase.cookie, res.json().jobId)).state).toBe('succeeded');
      f.intruders['a continuing-education base that declared a Zhengzhou person (周口)'] = zkBase.admin;

      const records = await ctx.deps.db
        .select({ id: schema.declarations.id, classId: schema.declarationBatches.baseClassId })
        .from(schema.declarations)
        .innerJoin(schema.declarationBatches, eq(schema.declarationBatches.id, schema.declarations.batchId))
        .where(eq(schema.declarations.personId, person.personId));
      Object.assign(t, {
        cls: cls.id,
        evidence: cls.evidence[0].id,
        record: records.find((r) => r.classId === cls.id)!.id,
        ownRecord: records.find((r) => r.classId === own.id)!.id,
        personName: person.name,
      });
    },
    targeted: {
      'GET /api/admin/base-classes/:id': () => ({ method: 'GET', url: `/api/admin/base-classes/${t.cls}` }),
      'PUT /api/admin/base-classes/:id': () => ({ method: 'PUT', url: `/api/admin/base-classes/${t.cls}`, payload: { title: '改名', subject: 'public', form: 'base_training', series: null, ...dates, hours: 8, online: true, place: '', version: 0 } }),
      'POST /api/admin/base-classes/:id/evidence': () => ({ method: 'POST', url: `/api/admin/base-classes/${t.cls}/evidence`, payload: evidenceForm([{ name: '通知.png', data: PNG, type: 'image/png' }]) }),
      'DELETE /api/admin/base-classes/:id/evidence/:fileId': () => ({ method: 'DELETE', url: `/api/admin/base-classes/${t.cls}/evidence/${t.evidence}` }),
      'GET /api/admin/base-classes/:id/evidence/:fileId': () => ({ method: 'GET', url: `/api/admin/base-classes/${t.cls}/evidence/${t.evidence}` }),
      'GET /api/admin/base-classes/:id/template.xlsx': () => ({ method: 'GET', url: `/api/admin/base-classes/${t.cls}/template.xlsx` }),
      'POST /api/admin/base-classes/:id/trainees': () => ({ method: 'POST', url: `/api/admin/base-classes/${t.cls}/trainees`, payload: { trainees: [{ idNumber: '11010519491231002X', name: '某人' }] } }),
      'POST /api/admin/base-classes/:id/import': () => ({ method: 'POST', url: `/api/admin/base-classes/${t.cls}/import`, payload: xlsx() }),
      'POST /api/admin/base-classes/:id/withdraw': () => ({ method: 'POST', url: `/api/admin/base-classes/${t.cls}/withdraw`, payload: {} }),
      'POST /api/admin/base-classes/:id/decision': () => ({ method: 'POST', url: `/api/admin/base-classes/${t.cls}/decision`, payload: { decision: 'approve' } }),
      // The intruding base's own record of the person: the record itself is the unit's to show, not the base's.
      'GET /api/admin/declarations/:id (a record the base declared)': () => ({ method: 'GET', url: `/api/admin/declarations/${t.ownRecord}` }),
    },
    lists: {
      'GET /api/admin/base-classes': (res) => {
        expect((res.json() as { items: { id: number }[] }).items.map((i) => i.id)).not.toContain(t.cls);
      },
      'GET /api/admin/declarations?source=base&status=pending': (res) => {
        expect(res.body).not.toContain(t.personName);
      },
    },
    scoped: {
      // A base creates classes of its own; any other admin is refused.
      'POST /api/admin/base-classes': {
        call: () => ({ method: 'POST', url: '/api/admin/base-classes', payload: { title: '自己的班次', subject: 'public', form: 'base_training', series: null, ...dates, hours: 8, online: true, place: '' } }),
        check: (res) => {
          expect([201, 403]).toContain(res.statusCode);
          if (res.statusCode === 201) expect(res.json().trainees).toEqual([]);
        },
      },
    },
  };
}
