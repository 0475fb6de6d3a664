/**
 * Units print their people's certificates (issue 8 item 3; seed 002 "专业技术人员或用人单位可通过'服务平台'
 * 自行打印电子证书"): an admin with 证书查询 prints, for a person of their scope, the same yearly or merged
 * PDF the person prints (printing.ts), or many people at once as one ZIP built by a job.
 */
import crypto from 'node:crypto';
import JSZip from 'jszip';
import { maskIdNumber } from '@ce/shared';
import type { Actor, RequestMeta } from '../../access/actor';
import { requireAccess } from '../../access/access';
import { writeAudit } from '../../audit/audit';
import { AppError } from '../../errors';
import type { Deps } from '../../http/context';
import { jobFileUrl, jobOwner, storeJobFile } from '../jobs/service';
import { personSync } from './completion';
import { signingKeyVault } from './keys';
import { certifiedFactsOf, renderCertified, type PrintedCertificate } from './printing';
import { holderByCertNo, holderByPersonId, type CertificateHolder } from './records-repo';

export const CERTIFICATE_ZIP_JOB = 'certificate-zip';
const ZIP_TYPE = 'application/zip';
const SKIPPED_FILE = '未打印名单.txt';

// The same answer as for any record outside the scope (the matrix checks it is indistinguishable).
const outOfScope = () => new AppError('NOT_FOUND', '记录不存在或不在您的管理范围内');

const target = (h: CertificateHolder) => ({
  unit: { id: h.unit.id, kind: h.unit.kind, path: h.unit.path, parentId: h.unit.parentId },
  workDepartmentId: h.workDepartmentId,
});

/** The person of `certNo` when the admin may query (and so print) their certificates; 404 otherwise. */
async function holderInScope(deps: Deps, actor: Actor, certNo: string): Promise<CertificateHolder> {
  const holder = await holderByCertNo(deps.db, certNo);
  if (!holder) throw outOfScope();
  try {
    requireAccess(actor, { action: 'certificate.query', professional: target(holder) });
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') throw outOfScope();
    throw err;
  }
  return holder;
}

type Range = { from: number; to: number };

async function printFor(deps: Deps, meta: RequestMeta, actor: Actor | null, holder: CertificateHolder, range: Range) {
  const sync = await personSync(deps, meta, actor, holder.personId);
  return renderCertified(deps, await certifiedFactsOf(deps, meta, sync, { ...range, merged: range.from !== range.to }));
}

/** One person's yearly (from = to) or merged certificate, printed by an admin of their scope. Audited. */
export async function adminPrintCertificate(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  certNo: string,
  range: Range,
): Promise<PrintedCertificate> {
  signingKeyVault(deps.config); // before any transaction: it may read or create the secret file
  const holder = await holderInScope(deps, actor, certNo);
  const printed = await printFor(deps, meta, actor, holder, range);
  await writeAudit(deps.db, { actor, meta }, {
    action: 'certificate.print',
    objectType: 'person',
    objectId: holder.personId,
    scopePath: holder.unit.path,
    detail: { name: holder.name, idNumberMasked: maskIdNumber(holder.idNumber), years: printed.facts.years.map((y) => y.year) },
  });
  return printed;
}

interface ZipPayload extends Record<string, unknown> {
  personIds: number[];
  from: number;
  to: number;
}

/**
 * Many people at once: every certNo is checked against the admin's scope now (one outside it refuses
 * the request, naming it); the job prints each and packs the PDFs into one ZIP.
 */
export async function enqueueCertificateZip(
  deps: Deps,
  meta: RequestMeta,
  actor: Actor,
  input: Range & { certNos: string[] },
): Promise<{ jobId: string }> {
  if (input.from > input.to) throw new AppError('VALIDATION', '起始年度不能晚于截止年度');
  const certNos = [...new Set(input.certNos)];
  const holders: CertificateHolder[] = [];
  for (const certNo of certNos) holders.push(await holderInScope(deps, actor, certNo));
  const jobId = await deps.db.transaction(async (tx) => {
    const id = await deps.jobs.enqueue(tx, {
      kind: CERTIFICATE_ZIP_JOB,
      ownerAccountId: actor.accountId,
      ownerOrg: actor.org,
      payload: { personIds: holders.map((h) => h.personId), from: input.from, to: input.to },
      message: '排队等待生成证书',
      total: holders.length,
    });
    await writeAudit(tx, { actor, meta }, {
      action: 'certificate.printBatch',
      objectType: 'organisation',
      objectId: actor.org.id,
      detail: { people: holders.length, from: input.from, to: input.to, jobId: id },
    });
    return id;
  });
  await deps.jobs.dispatch(jobId);
  return { jobId };
}

const span = (r: Range) => (r.from === r.to ? `${r.from}年度` : `${r.from}—${r.to}年度`);

/** The job: each person's PDF in turn (progress per person); those who cannot be printed are listed with why. */
export function defineCertificateZipJob(deps: Deps) {
  deps.jobs.define<ZipPayload>(CERTIFICATE_ZIP_JOB, async (job) => {
    const { personIds, from, to } = job.payload;
    const owner = await jobOwner(deps.db, job.jobId);
    if (!owner) throw new AppError('NOT_FOUND', '任务不存在');
    const zip = new JSZip();
    const skipped: string[] = [];
    const names = new Set<string>();
    let printed = 0;
    const meta: RequestMeta = { ip: null, userAgent: null, now: deps.now() };
    for (const [i, personId] of personIds.entries()) {
      job.progress(i, personIds.length, `正在生成第 ${i + 1} / ${personIds.length} 人的证书`);
      const holder = await holderByPersonId(deps.db, personId);
      // Scope at run time too: someone transferred out of the admin's subtree since is not printed.
      if (!holder || !holder.unit.path.startsWith(owner.ownerOrgPath)) {
        skipped.push(`${holder ? `${holder.name}（${holder.certNo}）` : `人员 ${personId}`}：已不在您的管理范围内`);
        continue;
      }
      try {
        const pdf = await printFor(deps, meta, null, holder, { from, to });
        let name = `${holder.name}_${pdf.file.name}`;
        if (names.has(name)) name = `${holder.name}_${holder.certNo}_${pdf.file.name}`;
        names.add(name);
        zip.file(name, pdf.pdf);
        printed++;
      } catch (err) {
        if (!(err instanceof AppError) || (err.code !== 'CONFLICT' && err.code !== 'VALIDATION')) throw err;
        skipped.push(`${holder.name}（${holder.certNo}）：${err.message}`);
      }
    }
    job.progress(personIds.length, personIds.length, '正在打包');
    if (skipped.length > 0) {
      zip.file(SKIPPED_FILE, `以下人员${span({ from, to })}的证书未能打印：\r\n${skipped.join('\r\n')}\r\n`);
    }
    // PDFs are compressed already: stored as they are.
    const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    const now = deps.now();
    const fileId = await storeJobFile(deps, deps.db, {
      data,
      contentType: ZIP_TYPE,
      name: `电子证书_${span({ from, to })}_${printed}人.zip`,
      sha256: crypto.createHash('sha256').update(data).digest('hex'),
      ownerAccountId: job.ownerAccountId,
      now,
    });
    const message =
      printed === 0
        ? `所选人员${span({ from, to })}的证书均不能打印，原因见压缩包中的“${SKIPPED_FILE}”`
        : `已生成 ${printed} 人的证书${skipped.length ? `，${skipped.length} 人未能打印（原因见压缩包中的“${SKIPPED_FILE}”）` : ''}`;
    return {
      state: 'succeeded',
      message,
      result: { printed, skipped: skipped.length, fileUrl: jobFileUrl(job.jobId) },
      resultFileId: fileId,
    };
  });
}
