/**
 * Attachments in S3-compatible object storage (issue 13 item 4), against a local S3-protocol server
 * (s3rver) started here: evidence is sealed before it reaches the bucket, served to the owner and the
 * reviewers in scope only, deleted with its record, re-sealed by the key rotation, and refused when
 * the object was altered.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import S3rver from 's3rver';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/db';
import { usePiiKeys } from '../../src/db/pii';
import { TEST_PII_SECRETS } from '../../src/config';
import { PiiIntegrityError, fileKeyVersion } from '../../src/lib/pii';
import { S3ObjectStorage, fileStorageFor } from '../../src/modules/files/storage';
import { PII_REENCRYPT_JOB } from '../../src/modules/pii/rotation';
import { buildTestApp, type TestContext } from '../helper';
import { buildAdmin, bureauOf, login } from '../factories';
import { PDF, PNG, TEST_NOW, buildChain, call, createDraft, expectStatus, upload, type Chain } from '../factories-declarations';

const BUCKET = 'ce-evidence';
let server: S3rver;
let serverDir: string;
let ctx: TestContext;
let c: Chain;
let storage: S3ObjectStorage;

beforeAll(async () => {
  serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ce-s3rver-'));
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: serverDir, configureBuckets: [{ name: BUCKET, configs: [] }] });
  const { port } = await server.run();
  ctx = await buildTestApp({
    fileStorage: {
      kind: 's3',
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      bucket: BUCKET,
      // The access key s3rver knows (it checks the key id; V4 signatures it does not verify).
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    },
  });
  ctx.clock.now = new Date(TEST_NOW);
  storage = fileStorageFor(ctx.deps.config) as S3ObjectStorage;
  expect(storage).toBeInstanceOf(S3ObjectStorage);
  c = await buildChain(ctx);
});
afterAll(async () => {
  await ctx?.close();
  await server?.close();
  fs.rmSync(serverDir, { recursive: true, force: true });
});

/** The bytes the object store holds under `key`, as it holds them. */
async function objectBytes(key: string): Promise<Buffer> {
  const res = await storage.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from(await res.Body!.transformToByteArray());
}

async function objectKeys(): Promise<string[]> {
  const res = await storage.client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
  return (res.Contents ?? []).map((o) => o.Key!).sort();
}

async function storageKeyOf(attachmentId: number): Promise<string> {
  const [row] = await ctx.deps.db.select().from(schema.declarationAttachments).where(eq(schema.declarationAttachments.id, attachmentId));
  return row!.storageKey;
}

const read = async (key: string) => Buffer.concat(await (await storage.open(key)).toArray());

describe('evidence in S3-compatible object storage', () => {
  it('the start-up check reaches the bucket, and names a missing bucket or refused keys', async () => {
    await expect(storage.check()).resolves.toBeUndefined();
    const settings = ctx.deps.config.fileStorage;
    if (settings.kind !== 's3') throw new Error('configured for S3');
    await expect(new S3ObjectStorage({ ...settings, bucket: 'no-such-bucket' }).check()).rejects.toThrow(
      '对象存储不可用（FILE_STORAGE=s3，存储桶 no-such-bucket）：存储桶不存在',
    );
    await expect(new S3ObjectStorage({ ...settings, accessKeyId: 'UNKNOWN' }).check()).rejects.toThrow(
      `对象存储不可用（FILE_STORAGE=s3，存储桶 ${BUCKET}）：访问密钥无权访问该存储桶`,
    );
  });

  it('lands in the bucket sealed (no ID number, name or content in the object), and the owner and the reviewers get it back intact', async () => {
    const d = await createDraft(ctx, c.cookies.person);
    // A scan that names the person: what the object store must never see in clear.
    const evidence = Buffer.concat([PDF, Buffer.from(`\n% 姓名：${c.person.name} 身份证号：${c.person.idNumber}\n`, 'utf8')]);
    const res = await upload(ctx, c.cookies.person, d.id, [{ name: '培训证书.pdf', data: evidence }]);
    expectStatus(res, 201);
    const [a] = res.json().items;
    const key = await storageKeyOf(a.id);
    expect(key).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{32}$/);
    expect(await objectKeys()).toContain(key);

    const raw = await objectBytes(key);
    expect(fileKeyVersion(raw)).toBe(1);
    expect(raw.includes(Buffer.from(c.person.idNumber))).toBe(false);
    expect(raw.includes(Buffer.from(c.person.name, 'utf8'))).toBe(false);
    expect(raw.includes(PDF.subarray(0, 24))).toBe(false);
    // Nothing went to the local files folder.
    expect(fs.existsSync(ctx.deps.config.filesDir)).toBe(false);

    const own = await call(ctx, c.cookies.person, 'GET', `/api/me/declarations/${d.id}/attachments/${a.id}`);
    expectStatus(own, 200);
    expect(own.rawPayload.equals(evidence)).toBe(true);
    for (const cookie of [c.cookies.unit, c.cookies.dept, c.cookies.bureau]) {
      const res = await call(ctx, cookie, 'GET', `/api/admin/declarations/${d.id}/attachments/${a.id}`);
      expectStatus(res, 200);
      expect(res.rawPayload.equals(evidence)).toBe(true);
    }

    // An admin of another city: not in scope, so the file does not exist for them.
    const outsider = await login(ctx, await buildAdmin(ctx, await bureauOf(ctx, '411600')));
    const denied = await call(ctx, outsider, 'GET', `/api/admin/declarations/${d.id}/attachments/${a.id}`);
    expect(denied.statusCode).toBe(404);
    expect(denied.rawPayload.includes(PDF.subarray(0, 8))).toBe(false);
  });

  it('deleting a draft’s file removes the object; removing a missing key is not an error', async () => {
    const d = await createDraft(ctx, c.cookies.person);
    const [a] = (await upload(ctx, c.cookies.person, d.id, [{ name: '会议通知.png', data: PNG }])).json().items;
    const key = await storageKeyOf(a.id);
    expect(await objectKeys()).toContain(key);
    expectStatus(await call(ctx, c.cookies.person, 'DELETE', `/api/me/declarations/${d.id}/attachments/${a.id}`), 200);
    expect(await objectKeys()).not.toContain(key);
    await expect(objectBytes(key)).rejects.toMatchObject({ name: 'NoSuchKey' });
    expect((await call(ctx, c.cookies.person, 'GET', `/api/me/declarations/${d.id}/attachments/${a.id}`)).statusCode).toBe(404);
    await expect(storage.remove(key)).resolves.toBeUndefined();
    await expect(storage.open(key)).rejects.toMatchObject({ name: 'NoSuchKey' });
    // Keys are the storage's own: nothing a caller passes reaches the bucket unchecked.
    await expect(storage.open('../other-bucket/x')).rejects.toThrow(/invalid storage key/);
  });

  it('refuses an altered object and one put there in clear: the download is a 404, the bytes are never served', async () => {
    const d = await createDraft(ctx, c.cookies.person);
    const [a] = (await upload(ctx, c.cookies.person, d.id, [{ name: '单位证明.pdf', data: PDF }])).json().items;
    const key = await storageKeyOf(a.id);
    const raw = await objectBytes(key);
    raw[raw.length - 40] = raw[raw.length - 40]! ^ 1;
    await storage.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: raw }));
    await expect(read(key)).rejects.toBeInstanceOf(PiiIntegrityError);
    const altered = await call(ctx, c.cookies.bureau, 'GET', `/api/admin/declarations/${d.id}/attachments/${a.id}`);
    expect(altered.statusCode).toBe(404);

    // A bucket never held files in clear: an unsealed object is an altered one, not a legacy file.
    const swapped = Buffer.concat([PDF, Buffer.from('% 伪造的材料')]);
    await storage.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: swapped }));
    await expect(read(key)).rejects.toBeInstanceOf(PiiIntegrityError);
    const served = await call(ctx, c.cookies.person, 'GET', `/api/me/declarations/${d.id}/attachments/${a.id}`);
    expect(served.statusCode).toBe(404);
    expect(served.rawPayload.includes(swapped)).toBe(false);
    // The operator takes the altered object out of the way (it would fail the key rotation below).
    expectStatus(await call(ctx, c.cookies.person, 'DELETE', `/api/me/declarations/${d.id}/attachments/${a.id}`), 200);
  });

  it('the key rotation re-seals every object of an older key version, names an altered one, and a second run rewrites nothing', async () => {
    const d = await createDraft(ctx, c.cookies.person);
    const [a] = (await upload(ctx, c.cookies.person, d.id, [{ name: '结业证书.png', data: PNG }])).json().items;
    // A damaged object left in the bucket: the job names it and leaves it as it is.
    const damagedKey = '2026/06/00000000000000000000000000000000';
    await storage.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: damagedKey, Body: Buffer.from('410102198509102116') }));
    const before = await objectKeys();
    expect(before.length).toBeGreaterThanOrEqual(3);

    const rotated = { ...TEST_PII_SECRETS, keys: { ...TEST_PII_SECRETS.keys, 2: 's'.repeat(40) } };
    usePiiKeys({ piiSecrets: rotated, dataDir: ctx.deps.config.dataDir });
    try {
      const runJob = async () => {
        const jobId = await ctx.deps.jobs.submit({
          kind: PII_REENCRYPT_JOB,
          ownerAccountId: c.bureauAdmin.accountId,
          ownerOrg: { id: c.bureau.id, path: c.bureau.path },
          payload: {},
        });
        for (let i = 0; i < 300; i++) {
          await new Promise((r) => setTimeout(r, 50));
          const [job] = await ctx.deps.db.select().from(schema.jobs).where(eq(schema.jobs.id, jobId));
          if (job && (job.state === 'succeeded' || job.state === 'failed')) return job;
        }
        throw new Error('the rotation job did not finish');
      };
      const refused = await runJob();
      expect(refused).toMatchObject({ state: 'failed', message: expect.stringContaining(damagedKey) });
      expect(refused.result).toMatchObject({ refusedFiles: [damagedKey], files: before.length - 1 });
      expect((await objectBytes(damagedKey)).toString()).toBe('410102198509102116');
      await storage.remove(damagedKey);

      // Every object is now under version 2, and reads back the same through the API.
      const again = await runJob();
      expect(again).toMatchObject({ state: 'succeeded', result: expect.objectContaining({ files: 0 }) });
      const keys = await objectKeys();
      expect(keys).toEqual(before.filter((k) => k !== damagedKey));
      for (const key of keys) expect(fileKeyVersion(await objectBytes(key)), key).toBe(2);
      // Without version 1 in the keyring, the evidence still opens.
      usePiiKeys({ piiSecrets: { ...rotated, keys: { 2: rotated.keys[2] } }, dataDir: ctx.deps.config.dataDir });
      const back = await call(ctx, c.cookies.unit, 'GET', `/api/admin/declarations/${d.id}/attachments/${a.id}`);
      expectStatus(back, 200);
      expect(back.rawPayload.equals(PNG)).toBe(true);
    } finally {
      usePiiKeys(ctx.deps.config);
    }
  });
});
