import type { Db } from '../../db';
import { SEALED_CONTACT_COLUMNS, openIdNumber, openPhone, piiKeyring, sealIdNumber, sealPhone } from '../../db/pii';
import type { JobQueue } from '../../jobs/queue';
import type { FileStorage } from '../files/storage';
import { PiiIntegrityError, PiiKeyError, piiKeyVersion } from '../../lib/pii';
import {
  changeRequestsUnderOldKey,
  contactsUnderOldKey,
  outboxUnderOldKey,
  personsUnderOldKey,
  piiKeyVersionCounts,
  rewriteChangeRequestIfUnchanged,
  rewriteContactIfUnchanged,
  rewriteOutboxRecipient,
  updatePersonSealedIfUnchanged,
} from './repo';

export { piiKeyVersionCounts } from './repo';

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

export async function reencryptPii(
  db: Db,
  progress: (done: number, total: number) => void = () => {},
): Promise<{ persons: number; changeRequests: number; outbox: number; contacts: number; refusedPersonIds: number[] }> {
  const current = piiKeyring().current;
  const counts = await piiKeyVersionCounts(db);
  const total = Object.entries(counts).reduce((n, [v, c]) => (Number(v) === current ? n : n + c), 0);
  let done = 0;
  const step = (n: number) => progress((done += n), total);

  let persons = 0;
  const refused: number[] = [];
  for (let last = 0; ; ) {
    const rows = await personsUnderOldKey(db, last, current, BATCH);
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
        persons += await updatePersonSealedIfUnchanged(tx, r, { ...sealIdNumber(plain.idNumber), phoneEnc: sealPhone(plain.phone) });
      }
    });
    step(rows.reduce((n, r) => n + (old(r.enc, current) ? 1 : 0) + (old(r.phoneEnc, current) ? 1 : 0), 0));
    last = rows.at(-1)!.id;
  }

  let changeRequests = 0;
  for (let last = 0; ; ) {
    const rows = await changeRequestsUnderOldKey(db, last, current, BATCH);
    if (rows.length === 0) break;
    for (const r of rows) changeRequests += await rewriteChangeRequestIfUnchanged(db, r);
    step(rows.length);
    last = rows.at(-1)!.id;
  }

  let outbox = 0;
  for (let last = 0; ; ) {
    const rows = await outboxUnderOldKey(db, last, current, BATCH);
    if (rows.length === 0) break;
    for (const r of rows) {
      // The outbox is append-only: no concurrent change to guard against.
      await rewriteOutboxRecipient(db, r.id, r.recipient);
      outbox += 1;
    }
    step(rows.length);
    last = rows.at(-1)!.id;
  }
  // Contact phone numbers: read decrypted through the column type, written back encrypted with the
  // current key, unless the row changed meanwhile (its stored text differs).
  let contacts = 0;
  for (const [table, key] of SEALED_CONTACT_COLUMNS) {
    for (let last = 0; ; ) {
      const rows = await contactsUnderOldKey(db, table, key, last, current, BATCH);
      if (rows.length === 0) break;
      for (const r of rows) contacts += await rewriteContactIfUnchanged(db, table, key, r);
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
