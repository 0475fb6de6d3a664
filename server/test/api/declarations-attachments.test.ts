/**
 * Evidence files (SPEC §11): type by content, size limits, storage outside the web root, served
 * only to the owner and the reviewers in scope.
 */
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/db';
import { buildTestApp, type TestContext } from '../helper';
import { buildZip, zipBomb } from '../zip-fixtures';
import { buildProfessional, login } from '../factories';
import { JPEG, PDF, PNG, TEST_NOW, buildChain, call, createDraft, expectStatus, submitNew, upload, type Chain } from '../factories-declarations';
import { fileKeyVersion } from '../../src/lib/pii';

let ctx: TestContext;
let c: Chain;

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  c = await buildChain(ctx);
});
afterAll(() => ctx.close());

const MB = 1024 * 1024;

describe('uploading evidence', () => {
  it('accepts JPEG, PNG, PDF and ZIP by their content, whatever the name or the declared type', async () => {
    const d = await createDraft(ctx, c.cookies.person);
    const zip = buildZip([{ name: '培训通知.txt', data: Buffer.from('2026年度专业技术人员继续教育培训通知'.repeat(20)) }]);
    const res = await upload(ctx, c.cookies.person, d.id, [
      { name: '结业证书.jpg', data: JPEG, type: 'image/jpeg' },
      // A PNG uploaded with a misleading name and type is stored as what it is.
      { name: '会议通知.pdf', data: PNG, type: 'application/pdf' },
      { name: '单位证明.pdf', data: PDF },
      { name: '全部材料.zip', data: zip, type: 'text/plain' },
    ]);
    expectStatus(res, 201);
    expect(res.json().items.map((a: { name: string; contentType: string }) => [a.name, a.contentType])).toEqual([
      ['结业证书.jpg', 'image/jpeg'],
      ['会议通知.pdf', 'image/png'],
      ['单位证明.pdf', 'application/pdf'],
      ['全部材料.zip', 'application/zip'],
    ]);
    const detail = (await call(ctx, c.cookies.person, 'GET', `/api/me/declarations/${d.id}`)).json();
    expect(detail.attachmentCount).toBe(4);
    expect(detail.attachments).toHaveLength(4);

    // The bytes live in the files directory (outside the web root), under a key no client chooses.
    const [row] = await ctx.deps.db.select().from(schema.declarationAttachments).where(eq(schema.declarationAttachments.id, detail.attachments[2].id));
    expect(row!.storageKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{32}$/);
    const onDisk = path.join(ctx.deps.config.filesDir, ...row!.storageKey.split('/'));
    // Sealed at rest (SM4-CTR + HMAC-SM3, issue 9 item 8): not the uploaded bytes; the download gives them back.
    const raw = fs.readFileSync(onDisk);
    expect(raw.includes(PDF.subarray(0, 64))).toBe(false);
    expect(fileKeyVersion(raw)).toBe(1);
    const back = await call(ctx, c.cookies.person, 'GET', `/api/me/declarations/${d.id}/attachments/${detail.attachments[2].id}`);
    expect(back.statusCode).toBe(200);
    expect(back.rawPayload.equals(PDF)).toBe(true);
  });

  it.each([
    ['an HTML page named .pdf', Buffer.from('<html><script>alert(1)</script></html>'), 'x.pdf'],
    ['a Windows program named .jpg', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)]), '证书.jpg'],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00'), 'a.gif'],
  ])('refuses %s (415)', async (_, data, name) => {
    const d = await createDraft(ctx, c.cookies.person);
    const res = await upload(ctx, c.cookies.person, d.id, [{ name, data, type: 'application/pdf' }]);
    expect(res.statusCode).toBe(415);
    expect(res.json().message).toContain(`文件“${name}”的内容不是JPG、PNG 图片，PDF 文件或 ZIP 压缩包`);
    expect((await call(ctx, c.cookies.person, 'GET', `/api/me/declarations/${d.id}`)).json().attachments).toEqual([]);
  });

  it('opens ZIP archives entry by entry: a zip bomb or a damaged archive is refused, nothing stored (issue 9 item 6)', async () => {
    const d = await createDraft(ctx, c.cookies.person);
    const bomb = await upload(ctx, c.cookies.person, d.id, [
      { name: 'ok.png', data: PNG },
      { name: '全部材料.zip', data: zipBomb() },
    ]);
    expect(bomb.statusCode).toBe(413);
    expect(bomb.json().message).toBe('文件“全部材料.zip”：压缩包解压后“材料.txt”的压缩比超过100倍，疑似“压缩炸弹”，已拒绝。请分成较小的压缩包或直接上传文件');
    const damaged = await upload(ctx, c.cookies.person, d.id, [{ name: '坏.zip', data: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]) }]);
    expect(damaged.statusCode).toBe(400);
    expect(damaged.json().message).toBe('文件“坏.zip”：压缩包已损坏或格式不正确，请重新压缩后上传');
    expect((await call(ctx, c.cookies.person, 'GET', `/api/me/declarations/${d.id}`)).json().attachments).toEqual([]);
  });

  it('refuses a file over 10 MB (413) and keeps nothing of the request', async () => {
    const d = await createDraft(ctx, c.cookies.person);
    const big = Buffer.concat([PDF, Buffer.alloc(10 * MB + 1 - PDF.length)]);
    const res = await upload(ctx, c.cookies.person, d.id, [
      { name: 'ok.png', data: PNG },
      { name: '扫描件.pdf', data: big },
    ]);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toBe('单个文件不能超过10MB');
    expect((await call(ctx, c.cookies.person, 'GET', `/api/me/declarations/${d.id}`)).json().attachments).toEqual([]);
  });

  it('refuses more than 50 MB per declaration in total', async () => {
    const d = await createDraft(ctx, c.cookies.person);
    const nineMb = Buffer.concat([PDF, Buffer.alloc(9 * MB)]);
    for (let i = 0; i < 5; i++) expectStatus(await upload(ctx, c.cookies.person, d.id, [{ name: `卷${i + 1}.pdf`, data: nineMb }]), 201);
    const res = await upload(ctx, c.cookies.person, d.id, [{ name: '卷6.pdf', data: nineMb }]);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toBe('每条申报的证明材料合计不能超过50MB');
    expect((await call(ctx, c.cookies.person, 'GET', `/api/me/declarations/${d.id}`)).json().attachments).toHaveLength(5);
  });

  it('refuses a JSON body and an empty upload', async () => {
    const d = await createDraft(ctx, c.cookies.person);
    const json = await call(ctx, c.cookies.person, 'POST', `/api/me/declarations/${d.id}/attachments`, { file: 'x' });
    expect(json.statusCode).toBe(415);
    const empty = await upload(ctx, c.cookies.person, d.id, []);
    expect(empty.statusCode).toBe(400);
  });

  it('evidence is fixed once submitted: no upload or deletion while pending', async () => {
    const d = await submitNew(ctx, c.cookies.person);
    const up = await upload(ctx, c.cookies.person, d.id, [{ name: 'late.png', data: PNG }]);
    expect(up.statusCode).toBe(409);
    const del = await call(ctx, c.cookies.person, 'DELETE', `/api/me/declarations/${d.id}/attachments/${d.attachments[0].id}`);
    expect(del.statusCode).toBe(409);
  });

  it('a draft’s file can be deleted (row and bytes)', async () => {
    const d = await createDraft(ctx, c.cookies.person);
    const [a] = (await upload(ctx, c.cookies.person, d.id, [{ name: 'x.png', data: PNG }])).json().items;
    const [row] = await ctx.deps.db.select().from(schema.declarationAttachments).where(eq(schema.declarationAttachments.id, a.id));
    const onDisk = path.join(ctx.deps.config.filesDir, ...row!.storageKey.split('/'));
    expect(fs.existsSync(onDisk)).toBe(true);
    expectStatus(await call(ctx, c.cookies.person, 'DELETE', `/api/me/declarations/${d.id}/attachments/${a.id}`), 200);
    expect(fs.existsSync(onDisk)).toBe(false);
    expect((await call(ctx, c.cookies.person, 'GET', `/api/me/declarations/${d.id}/attachments/${a.id}`)).statusCode).toBe(404);
  });
});

describe('serving evidence', () => {
  it('to the owner and the reviewers in scope, with the sniffed type, the original name and nosniff', async () => {
    const d = await createDraft(ctx, c.cookies.person);
    const [a] = (await upload(ctx, c.cookies.person, d.id, [{ name: '会议通知（2026）.pdf', data: PDF, type: 'image/png' }])).json().items;
    const own = await call(ctx, c.cookies.person, 'GET', `/api/me/declarations/${d.id}/attachments/${a.id}`);
    expectStatus(own, 200);
    expect(own.rawPayload.equals(PDF)).toBe(true);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect(own.headers['content-disposition']).toBe(
      `inline; filename="_____2026_.pdf"; filename*=UTF-8''${encodeURIComponent('会议通知（2026）.pdf')}`,
    );
    for (const cookie of [c.cookies.unit, c.cookies.dept, c.cookies.bureau]) {
      const res = await call(ctx, cookie, 'GET', `/api/admin/declarations/${d.id}/attachments/${a.id}`);
      expectStatus(res, 200);
      expect(res.rawPayload.equals(PDF)).toBe(true);
      // The reviewer's evidence viewer (a page of this site) may frame a PDF; nobody else may.
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    }
    const [img] = (await upload(ctx, c.cookies.person, d.id, [{ name: 'scan.png', data: PNG }])).json().items;
    const image = await call(ctx, c.cookies.unit, 'GET', `/api/admin/declarations/${d.id}/attachments/${img.id}`);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-security-policy']).toContain('sandbox');
  });

  it('to nobody else: another professional, an admin of another subtree, the wrong declaration id', async () => {
    const d = await createDraft(ctx, c.cookies.person);
    const [a] = (await upload(ctx, c.cookies.person, d.id, [{ name: 'x.png', data: PNG }])).json().items;
    const colleague = await login(ctx, await buildProfessional(ctx, c.unit));
    expect((await call(ctx, colleague, 'GET', `/api/me/declarations/${d.id}/attachments/${a.id}`)).statusCode).toBe(404);
    expect((await upload(ctx, colleague, d.id, [{ name: 'y.png', data: PNG }])).statusCode).toBe(404);
    expect((await call(ctx, colleague, 'DELETE', `/api/me/declarations/${d.id}/attachments/${a.id}`)).statusCode).toBe(404);
    // The owner's own route is for the owner only; admins use theirs.
    expect((await call(ctx, c.cookies.unit, 'GET', `/api/me/declarations/${d.id}/attachments/${a.id}`)).statusCode).toBe(404);
    const outsider = await buildChain(ctx, { bureauRegion: '411600' });
    expect((await call(ctx, outsider.cookies.bureau, 'GET', `/api/admin/declarations/${d.id}/attachments/${a.id}`)).statusCode).toBe(404);
    const otherDraft = await createDraft(ctx, c.cookies.person);
    expect((await call(ctx, c.cookies.person, 'GET', `/api/me/declarations/${otherDraft.id}/attachments/${a.id}`)).statusCode).toBe(404);
  });
});
