/**
 * The demo's continuing-education base declaration: 郑州大学专业技术人员继续教育基地 (马超) ran a
 * 公需科目 class that ended twelve days ago, attached its notice, and declared three trainees of three
 * units in two cities — 张伟 (郑州市第一中学) and 何平 (周口市中心医院) still waiting for their units,
 * 黄磊 (郑州信息工程职业学院) already passed by his unit — so 培训班次管理 and every reviewer's
 * 继教基地学时审核 show something real. Records are written exactly as the batch job would
 * (a declaration batch of the class, its rows starting at each person's unit).
 */
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { schema, type Tx } from '../db';
import type { OrgRow } from '../modules/organisations/repo';
import type { FileStorage } from '../modules/files/storage';
import { insertHistoricDeclaration } from '../modules/declarations/backfill';
import { professionalsByIdNumbers } from '../modules/declarations/repo';
import { dataSheet } from '../modules/declaration-batches/excel';
import { chinaDateOf } from '@ce/shared';

/** The trainees (ID numbers of demo professionals) and the level their record waits at. */
export const DEMO_BASE_TRAINEES = [
  { idNumber: '410102198509102116', level: 0 }, // 张伟
  { idNumber: '410108198106182412', level: 1 }, // 黄磊: his unit approved it
  { idNumber: '411602197909093312', level: 0 }, // 何平
] as const;

const DAY = 86400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

async function noticePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle('Demo class notice');
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('DEMO TRAINING CLASS NOTICE', { x: 72, y: 760, size: 22, font });
  page.drawText('Henan continuing education platform - demonstration data only.', { x: 72, y: 720, size: 12, font });
  return Buffer.from(await doc.save());
}

async function storeFile(tx: Tx, files: FileStorage, data: Buffer, contentType: string, name: string, accountId: number, now: Date) {
  const storageKey = await files.put(data, now);
  const [row] = await tx
    .insert(schema.storedFiles)
    .values({ storageKey, contentType, size: data.length, sha256: crypto.createHash('sha256').update(data).digest('hex'), originalName: name, uploadedByAccountId: accountId, createdAt: now })
    .returning();
  return row!;
}

export async function seedDemoBaseClass(tx: Tx, now: Date, base: OrgRow, files: FileStorage): Promise<void> {
  const [admin] = await tx
    .select({ accountId: schema.accounts.id, name: schema.persons.name })
    .from(schema.accounts)
    .innerJoin(schema.persons, eq(schema.persons.id, schema.accounts.personId))
    .where(and(eq(schema.accounts.orgId, base.id), eq(schema.accounts.isSuperAdmin, true)));
  if (!admin) throw new Error('demo base has no admin');
  const todayMs = Date.parse(`${chinaDateOf(now)}T00:00:00Z`);
  const endDate = iso(todayMs - 12 * DAY);
  const startDate = iso(todayMs - 14 * DAY).slice(0, 4) === endDate.slice(0, 4) ? iso(todayMs - 14 * DAY) : endDate;
  const year = Number(endDate.slice(0, 4));
  const title = `${year}年度专业技术人员公需科目专题培训班（第一期）`;
  const hours = 18;

  const notice = await storeFile(tx, files, await noticePdf(), 'application/pdf', '培训通知及结业名单.pdf', admin.accountId, now);
  const [cls] = await tx
    .insert(schema.baseClasses)
    .values({
      baseOrgId: base.id,
      baseOrgPath: base.path,
      title,
      subject: 'public',
      form: 'base_training',
      series: null,
      startDate,
      endDate,
      hours,
      online: false,
      place: '郑州大学继续教育学院报告厅',
      evidenceFileIds: [notice.id],
      createdByAccountId: admin.accountId,
      createdAt: new Date(now.getTime() - 20 * DAY),
      updatedAt: new Date(now.getTime() - 10 * DAY),
    })
    .returning();

  const people = await professionalsByIdNumbers(tx, DEMO_BASE_TRAINEES.map((t) => t.idNumber));
  const trainees = DEMO_BASE_TRAINEES.flatMap((t) => {
    const p = people.get(t.idNumber);
    return p ? [{ ...t, ...p }] : [];
  });
  const sheet = await dataSheet(
    trainees.map((t) => ({ 身份证号: t.idNumber, 姓名: t.name, 计入年度: year, 计入科目: '公需科目', 学习形式: '继续教育基地培训班', 学习内容: title, 主办单位: base.name, 开始日期: startDate, 结束日期: endDate, 考核结果: '合格', 学时: hours })),
  );
  const fileName = `学员名单-${title}.xlsx`;
  const xlsx = await storeFile(tx, files, sheet, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName, admin.accountId, now);
  const submittedAt = new Date(now.getTime() - 10 * DAY);
  const jobId = crypto.randomUUID();
  const [batch] = await tx
    .insert(schema.declarationBatches)
    .values({
      declarerAccountId: admin.accountId,
      declarerName: admin.name,
      declarerOrgId: base.id,
      declarerOrgPath: base.path,
      declarerOrgKind: 'base',
      fileId: xlsx.id,
      fileName,
      fileSha256: xlsx.sha256,
      evidenceFileIds: [notice.id],
      jobId,
      status: 'imported',
      rowCount: trainees.length,
      baseClassId: cls!.id,
      createdAt: submittedAt,
      finishedAt: submittedAt,
    })
    .returning();
  await tx.insert(schema.jobs).values({
    id: jobId,
    kind: 'declaration-batch',
    ownerAccountId: admin.accountId,
    ownerOrgId: base.id,
    ownerOrgPath: base.path,
    state: 'succeeded',
    payload: { batchId: batch!.id },
    done: trainees.length,
    total: trainees.length,
    message: `全部 ${trainees.length} 行校验通过，已导入并提交审核`,
    result: { imported: trainees.length, batchId: batch!.id },
    attempts: 1,
    createdAt: submittedAt,
    startedAt: submittedAt,
    finishedAt: submittedAt,
  });

  for (const t of trainees) {
    const d = await insertHistoricDeclaration(tx, {
      person: { personId: t.personId, accountId: t.accountId, name: t.name },
      unit: t.unit,
      workDepartmentId: t.workDepartmentId,
      year,
      subject: 'public',
      form: 'base_training',
      title,
      organiser: base.name,
      startDate,
      endDate,
      claimedHours: hours,
      outcome: 'pending',
      level: t.level,
      submittedAt,
    });
    const note = `继续教育基地申报（批次 ${batch!.id}，培训班次 ${cls!.id}）`;
    await tx.update(schema.declarations).set({ batchId: batch!.id, note }).where(eq(schema.declarations.id, d.id));
    // The base declared it, not the person: no 'create' by them, and the submission is the base's.
    const e = schema.declarationEvents;
    await tx.delete(e).where(and(eq(e.declarationId, d.id), eq(e.action, 'create')));
    await tx
      .update(e)
      .set({ actorAccountId: admin.accountId, actorName: admin.name, orgId: base.id, orgName: base.name, reason: '继续教育基地申报' })
      .where(and(eq(e.declarationId, d.id), eq(e.action, 'submit')));
  }
}
