import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { schema, type Db } from '../../db';
import { SEALED_CONTACT_COLUMNS, openIdNumber, openPhone, piiKeyring, sealIdNumber, sealPhone } from '../../db/pii';
import type { JobQueue } from '../../jobs/queue';
import type { FileStorage } from '../files/storage';
import { PiiIntegrityError, PiiKeyError, piiKeyVersion } from '../../lib/pii';

/**
 * Key rotation of the personal data at rest (issue 9 item 8): after a new key version became the
 * current one (PII_KEYS on every server, or `npm run rotate-pii-keys -- --new-key` for the data
 * directory's pii.keys), the job `pii-reencrypt` re-encrypts every value still under an older version:
 * persons' ID and phone numbers, the ID numbers inside identity change requests, the outbox
 * recipients. The blind index does not change (its key is separate), so lookups work throughout.
 * Each row is one guarded update (`where <column> = <ciphertext read>`), so a value changed meanwhile
 * is left to the next run rather than overwritten; the job repeats until nothing old is left.
 */

export const PII_REENCRYPT_JOB = 'pii-reencrypt';
const BATCH = 200;

const olderThan = (column: SQL | AnyPgColumn, current: number) =>
  sql`(${column} is not null and ${column} like 'sm4:%' and ${column} not like ${`sm4:${current}:%`})`;

/** How many stored values each key version encrypts (what the CLI reports, and the job's total). */
export async function piiKeyVersionCounts(db: Db): Promise<Record<string, number>> {
  const res = (await db.execute(sql`
    select split_part(v, ':', 2) as version, count(*)::int as n from (
      select id_number_enc as v from persons union all
      select phone_enc from persons union all
      select before->>'idNumber' from professional_change_requests union all
      select after->>'idNumber' from professional_change_requests union all
      select recipient from outbox union all
      select contact_phone from organisations union all
      select asker_contact from consultations union all
      select contact_phone from seal_applications union all
      select phone from seal_admin_filings union all
      select contact_phone from learning_platforms
    ) x where v like 'sm4:%' group by 1 order by 1`)) as unknown as { rows: { version: string; n: number }[] };
  return Object.fromEntries(res.rows.map((r) => [r.version, Number(r.n)]));
}

export async function reencryptPii(
  db: Db,
  progress: (done: number, total: number) => void = () => {},
): Promise<{ persons: number; changeRequests: number; outbox: number; contacts: number; refusedPersonIds: number[] }> {
  const current = piiKeyring().current;
  const counts = await piiKeyVersionCounts(db);
  const total = Object.entries(counts).reduce((n, [v, c]) => (Number(v) === current ? n : n + c), 0);
  let done = 0;
  const step = (n: number) => progress((done += n), total);

  const p = schema.persons;
  let persons = 0;
  const refused: number[] = [];
  for (let last = 0; ; ) {
    const rows = await db
      .select({ id: p.id, enc: p.idNumberEnc, phoneEnc: p.phoneEnc })
      .from(p)
      .where(and(gt(p.id, last), sql`(${olderThan(p.idNumberEnc, current)} or ${olderThan(p.phoneEnc, current)})`))
      .orderBy(asc(p.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    await db.transaction(async (tx) => {
      for (const r of rows) {
        let plain: { idNumber: string; phone: string | null };
        try {
          plain = { idNumber: openIdNumber(r.enc!), phone: r.phoneEnc === null ? null : openPhone(r.phoneEnc) };
        } catch (err) {
          // A value that fails its integrity check is not re-encrypted (that would launder it): reported.
          if (err instanceof PiiIntegrityError || err instanceof PiiKeyError) {
            refused.push(r.id);
            continue;
          }
          throw err;
        }
        const same = (col: typeof p.idNumberEnc | typeof p.phoneEnc, v: string | null) => (v === null ? sql`${col} is null` : eq(col, v));
        const updated = await tx
          .update(p)
          .set({ ...sealIdNumber(plain.idNumber), phoneEnc: sealPhone(plain.phone) })
          .where(and(eq(p.id, r.id), same(p.idNumberEnc, r.enc), same(p.phoneEnc, r.phoneEnc)))
          .returning({ id: p.id });
        persons += updated.length;
      }
    });
    step(rows.reduce((n, r) => n + (old(r.enc, current) ? 1 : 0) + (old(r.phoneEnc, current) ? 1 : 0), 0));
    last = rows.at(-1)!.id;
  }

  const cr = schema.professionalChangeRequests;
  let changeRequests = 0;
  for (let last = 0; ; ) {
    const rows = await db
      .select({ id: cr.id, before: cr.before, after: cr.after, raw: sql<string>`${cr.before}::text || ${cr.after}::text` })
      .from(cr)
      .where(and(gt(cr.id, last), sql`(${olderThan(sql`${cr.before}->>'idNumber'`, current)} or ${olderThan(sql`${cr.after}->>'idNumber'`, current)})`))
      .orderBy(asc(cr.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    for (const r of rows) {
      const updated = await db
        .update(cr)
        .set({ before: r.before, after: r.after })
        .where(and(eq(cr.id, r.id), sql`${cr.before}::text || ${cr.after}::text = ${r.raw}`))
        .returning({ id: cr.id });
      changeRequests += updated.length;
    }
    step(rows.length);
    last = rows.at(-1)!.id;
  }

  const o = schema.outbox;
  let outbox = 0;
  for (let last = 0; ; ) {
    const rows = await db
      .select({ id: o.id, recipient: o.recipient })
      .from(o)
      .where(and(gt(o.id, last), olderThan(sql`${o.recipient}`, current)))
      .orderBy(asc(o.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    for (const r of rows) {
      // The outbox is append-only: no concurrent change to guard against.
      await db.update(o).set({ recipient: r.recipient }).where(eq(o.id, r.id));
      outbox += 1;
    }
    step(rows.length);
    last = rows.at(-1)!.id;
  }
  // Contact phone numbers: read decrypted through the column type, written back encrypted with the
  // current key, unless the row changed meanwhile (its stored text differs).
  let contacts = 0;
  for (const [table, key] of SEALED_CONTACT_COLUMNS) {
    const column = (table as unknown as Record<string, AnyPgColumn>)[key]!;
    for (let last = 0; ; ) {
      const rows = (await db
        .select({ id: table.id, value: column, stored: sql<string>`${column}` })
        .from(table)
        .where(and(gt(table.id, last), olderThan(column, current)))
        .orderBy(asc(table.id))
        .limit(BATCH)) as { id: number; value: string; stored: string }[];
      if (rows.length === 0) break;
      for (const r of rows) {
        const updated = await db
          .update(table)
          .set({ [key]: r.value })
          .where(and(eq(table.id, r.id), sql`${column} = ${r.stored}`))
          .returning({ id: table.id });
        contacts += updated.length;
      }
      step(rows.length);
      last = rows.at(-1)!.id;
    }
  }
  return { persons, changeRequests, outbox, contacts, refusedPersonIds: refused };
}

const old = (sealed: string | null, current: number) => sealed !== null && (piiKeyVersion(sealed) ?? current) !== current;

/** The job every server (and the rotation command) can run. */
export function definePiiRotationJob(jobs: JobQueue, db: Db, storage: FileStorage): void {
  jobs.define(PII_REENCRYPT_JOB, async (job) => {
    job.progress(0, 0, '正在用新密钥重新加密身份证号和手机号码');
    const r = await reencryptPii(db, (done, total) => job.progress(done, total, `已重新加密 ${done} / ${total} 项`));
    // The stored files (evidence, ID photos, workbooks, exports), and any written to disk in clear before sealing.
    const files = await storage.reseal(piiKeyring(), (done) => job.progress(done, 0, `已重新加密存储文件 ${done} 个`));
    if (files.refused.length > 0) {
      return {
        state: 'failed',
        message: `${files.refused.length} 个存储文件校验失败（可能被篡改或密钥缺失），未重新加密，请核查：${files.refused.slice(0, 10).join('、')}`,
        result: { ...r, files: files.resealed, refusedFiles: files.refused },
      };
    }
    const left = await piiKeyVersionCounts(db);
    const current = String(piiKeyring().current);
    const remaining = Object.entries(left).reduce((n, [v, c]) => (v === current ? n : n + c), 0);
    if (r.refusedPersonIds.length > 0) {
      return {
        state: 'failed',
        message: `${r.refusedPersonIds.length} 名人员的加密信息校验失败（可能被篡改或密钥缺失），未重新加密，请核查：人员编号 ${r.refusedPersonIds.slice(0, 20).join('、')}`,
        result: { ...r, current: Number(current), versions: left },
      };
    }
    return {
      state: 'succeeded',
      message: remaining === 0
        ? `已用密钥版本 ${current} 重新加密：人员 ${r.persons} 人，变更申请 ${r.changeRequests} 条，待发消息 ${r.outbox} 条，联系电话 ${r.contacts} 项，存储文件 ${files.resealed} 个`
        : `已重新加密 ${r.persons + r.changeRequests + r.outbox + r.contacts} 项；另有 ${remaining} 项在处理期间被修改，请再次运行`,
      result: { ...r, files: files.resealed, current: Number(current), versions: left },
    };
  }, { maxAttempts: 3 });
}
