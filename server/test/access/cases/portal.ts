import { expect } from 'vitest';
import { schema } from '../../../src/db';
import { buildAdmin, login } from '../../factories';
import type { MatrixCases, MatrixFixture } from '../fixture';

/**
 * 通知公告 and 在线咨询: a Zhengzhou department's notice (with an attachment), a question asked of the
 * Zhengzhou unit, and an FAQ entry of the Zhengzhou bureau.
 */
export default function portalCases(f: MatrixFixture): MatrixCases {
  const t = { notice: 0, file: 0, consultation: 0, faq: 0, title: '郑州主管部门越权测试通知' };
  const ids = (res: { json(): unknown }) => (res.json() as { items: { id: number }[] }).items.map((i) => i.id);
  return {
    async setup() {
      const { ctx, zz } = f;
      const cookie = await login(ctx, await buildAdmin(ctx, zz.dept));
      const created = await ctx.app.inject({ method: 'POST', url: '/api/admin/notices', headers: { cookie }, payload: { title: t.title, bodyHtml: '<p>正文</p>' } });
      expect(created.statusCode, created.body).toBe(201);
      t.notice = created.json().id;
      const [file] = await ctx.deps.db
        .insert(schema.storedFiles)
        .values({ storageKey: `matrix-${Date.now()}`, contentType: 'application/pdf', size: 1, sha256: '0', originalName: '附件.pdf' })
        .returning();
      t.file = file!.id;
      await ctx.deps.db.update(schema.notices).set({ attachmentFileIds: [t.file] });
      const [c] = await ctx.deps.db
        .insert(schema.consultations)
        .values({ askerKind: 'visitor', askerName: '访客', askerContact: '13800000000', lookupCode: 'MatrixCode23', category: 'other', title: '越权测试咨询', attachmentFileId: t.file, originOrgId: zz.unit.id, originOrgPath: zz.unit.path, currentOrgId: zz.unit.id, currentOrgPath: zz.unit.path })
        .returning();
      t.consultation = c!.id;
      await ctx.deps.db.insert(schema.consultationMessages).values({ consultationId: c!.id, kind: 'answer', fromAsker: false, authorName: '管理员', text: '答复' });
      const [faq] = await ctx.deps.db
        .insert(schema.faqEntries)
        .values({ category: 'other', question: '越权测试问题', answer: '答', orgId: zz.bureau.id, orgPath: zz.bureau.path, publishedByAccountId: zz.unitAdmin.accountId, publishedAt: new Date() })
        .returning();
      t.faq = faq!.id;
    },
    targeted: {
      'GET /api/admin/notices/:id': () => ({ method: 'GET', url: `/api/admin/notices/${t.notice}` }),
      'PUT /api/admin/notices/:id': () => ({ method: 'PUT', url: `/api/admin/notices/${t.notice}`, payload: { title: '改', bodyHtml: '<p>改</p>', version: 1 } }),
      'POST /api/admin/notices/:id/publish': () => ({ method: 'POST', url: `/api/admin/notices/${t.notice}/publish`, payload: { version: 1 } }),
      'POST /api/admin/notices/:id/withdraw': () => ({ method: 'POST', url: `/api/admin/notices/${t.notice}/withdraw`, payload: { version: 1 } }),
      'POST /api/admin/notices/:id/pin': () => ({ method: 'POST', url: `/api/admin/notices/${t.notice}/pin`, payload: { version: 1, pinned: true } }),
      'POST /api/admin/notices/:id/attachments': () => ({ method: 'POST', url: `/api/admin/notices/${t.notice}/attachments`, payload: {} }),
      'DELETE /api/admin/notices/:id/attachments/:fileId': () => ({ method: 'DELETE', url: `/api/admin/notices/${t.notice}/attachments/${t.file}` }),
      'GET /api/admin/consultations/:id': () => ({ method: 'GET', url: `/api/admin/consultations/${t.consultation}` }),
      'GET /api/admin/consultations/:id/attachment': () => ({ method: 'GET', url: `/api/admin/consultations/${t.consultation}/attachment` }),
      'POST /api/admin/consultations/:id/answer': () => ({ method: 'POST', url: `/api/admin/consultations/${t.consultation}/answer`, payload: { version: 1, text: '越权答复' } }),
      'POST /api/admin/consultations/:id/escalate': () => ({ method: 'POST', url: `/api/admin/consultations/${t.consultation}/escalate`, payload: { version: 1 } }),
      'POST /api/admin/consultations/:id/close': () => ({ method: 'POST', url: `/api/admin/consultations/${t.consultation}/close`, payload: { version: 1 } }),
      'POST /api/admin/consultations/:id/faq': () => ({ method: 'POST', url: `/api/admin/consultations/${t.consultation}/faq`, payload: { category: 'other', question: '越权发布的问题', answer: '越权发布的解答' } }),
      'POST /api/admin/faq/:id/withdraw': () => ({ method: 'POST', url: `/api/admin/faq/${t.faq}/withdraw` }),
    },
    lists: {
      'GET /api/admin/notices': (res) => expect(ids(res)).not.toContain(t.notice),
      'GET /api/admin/consultations': (res) => expect(ids(res)).not.toContain(t.consultation),
      'GET /api/admin/faq': (res) => expect(ids(res)).not.toContain(t.faq),
    },
    scoped: {
      // Creating a notice always creates it for the caller's own organisation.
      'POST /api/admin/notices': {
        call: () => ({ method: 'POST', url: '/api/admin/notices', payload: { title: '本机构通知', bodyHtml: '<p>正文</p>' } }),
        check: (res) => {
          expect([201, 403]).toContain(res.statusCode);
          if (res.statusCode === 201) expect(res.json().publisherName).not.toBe(f.zz.dept.name);
        },
      },
    },
  };
}
