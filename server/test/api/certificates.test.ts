import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { schema } from '../../src/db';
import type { OrgRow } from '../../src/modules/organisations/repo';
import { buildTestApp, type TestContext } from '../helper';
import { maskIdNumber } from '@ce/shared';
import { buildAdmin, buildOrg, buildProfessional, bureauOf, login, type TestAccount } from '../factories';
import { insertCertificate } from '../../src/modules/certificates/records-repo';
import { VALID_REASON } from '../../src/modules/certificates/queries';
import {
  activeSigningKey,
  createBureauKey,
  requireSigningKey,
  rotateBureauKeys,
  signingKeyVault,
} from '../../src/modules/certificates/keys';
import {
  VERIFY_REASONS,
  signCertificateToken,
  tokenFromQrText,
  verificationUrl,
  verifyCertificateToken,
  type CertificateFacts,
  type PublicJwk,
} from '../../src/modules/certificates/signing';
import { renderCertificatePdf } from '../../src/modules/certificates/pdf';
import { generateSigningKeyPair, signingKeyFromPkcs8 } from '../../src/modules/certificates/jws';
import { sm2FromPkcs8Der } from '../../src/modules/certificates/sm2';
import { sealRegionName } from '../../src/modules/certificates/rules';
import { seedDemoSeals } from '../../src/demo/certificates';

const hasZbar = (() => {
  try {
    execFileSync('zbarimg', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasZbar)
  console.warn('zbarimg 未安装（Debian 包 zbar-tools）：跳过从证书图片识别二维码的测试；CI 会安装它');

let ctx: TestContext;
let province: OrgRow;
let zz: OrgRow;
let kf: OrgRow;
let jinshui: OrgRow;
let provinceAdmin: TestAccount;
let zzAdmin: TestAccount;
let kfAdmin: TestAccount;
let jinshuiAdmin: TestAccount;
const cookies = new Map<number, string>();
const cookieOf = async (a: TestAccount) => {
  if (!cookies.has(a.accountId)) cookies.set(a.accountId, await login(ctx, a));
  return cookies.get(a.accountId)!;
};
const call = async (who: TestAccount | null, method: 'GET' | 'POST', url: string, payload?: object) =>
  ctx.app.inject({
    method,
    url,
    headers: who ? { cookie: await cookieOf(who) } : {},
    ...(payload ? { payload } : {}),
  });

const application = { contactName: '刘海东', contactPhone: '0371-69690386' };
const filing = {
  unitName: '郑州市人力资源和社会保障局',
  industry: '公共管理、社会保障和社会组织',
  orgCode: '11410100005184376X',
  adminName: '张管理',
  gender: '女',
  workDepartment: '专业技术人员管理科',
  title: '科长',
  phone: '0371-67181234',
  fax: '0371-67181235',
  email: 'zjk@zzhrss.gov.cn',
  postCode: '450000',
  address: '郑州市中原区中原中路1号',
};

beforeAll(async () => {
  ctx = await buildTestApp();
  province = await bureauOf(ctx, '410000');
  zz = await bureauOf(ctx, '410100');
  kf = await bureauOf(ctx, '410200');
  jinshui = await bureauOf(ctx, '410105');
  provinceAdmin = await buildAdmin(ctx, province);
  zzAdmin = await buildAdmin(ctx, zz);
  kfAdmin = await buildAdmin(ctx, kf);
  jinshuiAdmin = await buildAdmin(ctx, jinshui);
});
afterAll(() => ctx.close());

async function enableSeal(bureau: OrgRow, admin: TestAccount) {
  const applied = await call(
    admin,
    'POST',
    `/api/admin/organisations/${bureau.id}/seal-applications`,
    application,
  );
  expect(applied.statusCode, applied.body).toBe(201);
  const approved = await call(
    provinceAdmin,
    'POST',
    `/api/admin/seal-applications/${applied.json().id}/approve`,
    { version: 0 },
  );
  expect(approved.statusCode, approved.body).toBe(200);
  return approved.json() as { kid: string };
}

describe('e-seal: a bureau applies (附件2), the province approves, the bureau can sign', () => {
  it('walks the whole way and publishes the new key', async () => {
    const before = (await call(zzAdmin, 'GET', `/api/admin/organisations/${zz.id}/seal`)).json();
    expect(before).toMatchObject({
      bureauId: zz.id,
      eligible: true,
      enabled: false,
      sealText: '郑州市专业技术人员继续教育专用章',
      activeKid: null,
      latestApplication: null,
    });

    const applied = await call(
      zzAdmin,
      'POST',
      `/api/admin/organisations/${zz.id}/seal-applications`,
      application,
    );
    expect(applied.statusCode).toBe(201);
    const app = applied.json();
    expect(app).toMatchObject({
      status: 'pending',
      statusLabel: '待审批',
      bureauName: '郑州市人力资源和社会保障局',
      sealText: '郑州市专业技术人员继续教育专用章',
      applicantName: zzAdmin.name,
      kid: null,
      version: 0,
    });
    expect(app.reason).toContain('决定启用本地区专业技术人员继续教育证书专用章');

    // One open application at a time.
    const again = await call(
      zzAdmin,
      'POST',
      `/api/admin/organisations/${zz.id}/seal-applications`,
      application,
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('待审批');

    const pending = (await call(provinceAdmin, 'GET', '/api/admin/seal-applications?status=pending')).json();
    expect(pending.items.map((a: { id: number }) => a.id)).toContain(app.id);

    // The bureau cannot approve itself; the province decides.
    expect(
      (await call(zzAdmin, 'POST', `/api/admin/seal-applications/${app.id}/approve`, { version: 0 }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await call(provinceAdmin, 'POST', `/api/admin/seal-applications/${app.id}/approve`, { version: 7 })
      ).json().code,
    ).toBe('ALREADY_HANDLED');
    const approved = await call(provinceAdmin, 'POST', `/api/admin/seal-applications/${app.id}/approve`, {
      version: 0,
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      statusLabel: '已启用',
      kid: `${zz.id}-1`,
      reviewerName: provinceAdmin.name,
      version: 1,
    });
    expect(
      (
        await call(provinceAdmin, 'POST', `/api/admin/seal-applications/${app.id}/approve`, { version: 0 })
      ).json().code,
    ).toBe('ALREADY_HANDLED');

    const after = (await call(zzAdmin, 'GET', `/api/admin/organisations/${zz.id}/seal`)).json();
    expect(after).toMatchObject({
      enabled: true,
      activeKid: `${zz.id}-1`,
      latestApplication: { id: app.id, status: 'approved' },
    });
    expect(
      (await call(zzAdmin, 'POST', `/api/admin/organisations/${zz.id}/seal-applications`, application)).json()
        .message,
    ).toContain('已启用');

    // The decision, the key and the audit rows committed together.
    const audit = await ctx.deps.db
      .select()
      .from(schema.auditLog)
      .where(
        and(eq(schema.auditLog.objectType, 'sealApplication'), eq(schema.auditLog.objectId, String(app.id))),
      );
    expect(audit.map((a) => a.action).sort()).toEqual(['seal.apply', 'seal.approve']);
    expect(audit.find((a) => a.action === 'seal.approve')!.detail).toMatchObject({ kid: `${zz.id}-1` });

    const jwks = (await call(null, 'GET', '/api/public/keys')).json() as { keys: PublicJwk[] };
    const key = jwks.keys.find((k) => k.kid === `${zz.id}-1`)!;
    // New keys are SM2 (with SM3), published with their documented key type.
    expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    expect(key).toMatchObject({ kty: 'EC', crv: 'SM2', alg: 'SM2SM3', use: 'sig' });
    for (const k of jwks.keys) expect(k).not.toHaveProperty('d');
  });

  it('stores the private key only encrypted: the column is neither the PKCS#8 key nor a JWK', async () => {
    const [row] = await ctx.deps.db
      .select()
      .from(schema.certificateSigningKeys)
      .where(eq(schema.certificateSigningKeys.kid, `${zz.id}-1`));
    const stored = row!.privateKeyEncrypted;
    const pkcs8 = signingKeyVault(ctx.deps.config).open(stored, row!.kid);
    const seed = sm2FromPkcs8Der(pkcs8).d.toString('base64url');
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toMatch(/BEGIN|"d"|^MC4CAQ/);
    for (const form of [
      pkcs8.toString('base64'),
      pkcs8.toString('base64url'),
      pkcs8.toString('hex'),
      seed,
      Buffer.from(seed, 'base64url').toString('base64'),
      Buffer.from(seed, 'base64url').toString('hex'),
    ]) {
      expect(stored).not.toContain(form);
    }
    // Nor does the public column hold anything private.
    expect(row!.publicJwk).not.toHaveProperty('d');
  });

  it('refuses bureaus that do not issue certificates, and admins without the seal permission', async () => {
    const district = await call(
      jinshuiAdmin,
      'POST',
      `/api/admin/organisations/${jinshui.id}/seal-applications`,
      application,
    );
    expect(district.statusCode).toBe(409);
    expect(district.json().message).toContain('无需启用电子签章');
    expect(
      (await call(jinshuiAdmin, 'GET', `/api/admin/organisations/${jinshui.id}/seal`)).json(),
    ).toMatchObject({ eligible: false, enabled: false, sealText: null });

    const clerk = await buildAdmin(ctx, kf, { superAdmin: false, permissions: ['org.view'] });
    expect(
      (await call(clerk, 'POST', `/api/admin/organisations/${kf.id}/seal-applications`, application))
        .statusCode,
    ).toBe(403);
    // It may still see its own bureau's seal.
    expect((await call(clerk, 'GET', `/api/admin/organisations/${kf.id}/seal`)).statusCode).toBe(200);
    const sealKeeper = await buildAdmin(ctx, province, { superAdmin: false, permissions: ['org.view'] });
    const list = await call(sealKeeper, 'GET', '/api/admin/seal-applications');
    expect(list.json().items).toEqual([]); // without seal.manage: only its own organisation's
  });

  it('a rejection needs a reason; the bureau may then apply again', async () => {
    const applied = (
      await call(kfAdmin, 'POST', `/api/admin/organisations/${kf.id}/seal-applications`, {
        ...application,
        reason: '开封市申请启用电子签章。',
      })
    ).json();
    expect(applied.reason).toBe('开封市申请启用电子签章。');
    expect(
      (
        await call(provinceAdmin, 'POST', `/api/admin/seal-applications/${applied.id}/reject`, {
          version: 0,
          reason: '',
        })
      ).statusCode,
    ).toBe(400);
    const rejected = await call(provinceAdmin, 'POST', `/api/admin/seal-applications/${applied.id}/reject`, {
      version: 0,
      reason: '申请函未加盖公章',
    });
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      statusLabel: '不予启用',
      rejectReason: '申请函未加盖公章',
      kid: null,
    });
    expect((await call(kfAdmin, 'GET', `/api/admin/seal-applications/${applied.id}`)).json().status).toBe(
      'rejected',
    );
    await expect(requireSigningKey(ctx.deps.db, kf.id, signingKeyVault(ctx.deps.config))).rejects.toThrow(
      '发证机关尚未启用电子签章',
    );
    expect(
      (await call(kfAdmin, 'POST', `/api/admin/organisations/${kf.id}/seal-applications`, application))
        .statusCode,
    ).toBe(201);
  });
});

describe('a certificate QR: signed by the bureau, read back from the rendered PDF, checked against the published keys', () => {
  const artifacts = path.join(os.tmpdir(), 'ce-certificates');
  let facts: CertificateFacts;
  let token: string;

  beforeAll(async () => {
    if (!(await activeSigningKey(ctx.deps.db, zz.id, signingKeyVault(ctx.deps.config))))
      await enableSeal(zz, zzAdmin);
    const key = await requireSigningKey(ctx.deps.db, zz.id, signingKeyVault(ctx.deps.config));
    // The platform holds the certificate (verification checks the records too): a 郑州 teacher whose
    // name needs the fallback font, with a valid 2025 certificate issued by 郑州's bureau.
    const unit = await buildOrg(ctx, { kind: 'unit', parent: await buildOrg(ctx, { kind: 'department', parent: zz }) });
    const holder = await buildProfessional(ctx, unit);
    await ctx.deps.db.update(schema.persons).set({ name: '李䶮' }).where(eq(schema.persons.id, holder.personId));
    await insertCertificate(ctx.deps.db, {
      personId: holder.personId,
      year: 2025,
      status: 'valid',
      issuerOrgId: zz.id,
      issuerName: zz.name,
      publicHours: 30,
      professionalHours: 62,
      issuedAt: new Date('2026-11-22T02:00:00Z'),
      issuedOn: '2026-11-22',
    });
    facts = {
      certNo: holder.certNo,
      holderName: '李䶮',
      idNumberMasked: maskIdNumber(holder.idNumber),
      years: [{ year: 2025, publicHours: 30, professionalHours: 62 }],
      issuer: { id: zz.id, name: zz.name },
      issuedOn: '2026-11-22',
    };
    token = await signCertificateToken(facts, key);
  });

  // Skipped only on a developer machine without the tools; CI installs them, so there it must run.
  it.skipIf(!hasZbar && !process.env.CI)(
    'zbarimg reads the QR of a 110 dpi rendering; the server and an offline checker both accept it',
    async () => {
      const url = verificationUrl(ctx.deps.config.publicUrl, token);
      const pdf = await renderCertificatePdf({
        certNo: facts.certNo,
        holderName: facts.holderName,
        idNumberMasked: facts.idNumberMasked,
        years: facts.years,
        issuerName: facts.issuer.name,
        sealRegionName: sealRegionName(zz.regionCode),
        issuedOn: facts.issuedOn,
        verificationUrl: url,
      });
      fs.mkdirSync(artifacts, { recursive: true });
      const file = path.join(artifacts, 'signed-li-yan');
      fs.writeFileSync(`${file}.pdf`, pdf);
      execFileSync('pdftoppm', ['-png', '-r', '110', '-singlefile', `${file}.pdf`, file]);
      const scanned = execFileSync('zbarimg', ['--raw', '-q', `${file}.png`], {
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .toString('utf8')
        .trim();
      expect(scanned).toBe(url);

      const answer = (await call(null, 'POST', '/api/public/certificates/verify', { token: scanned })).json();
      expect(answer).toEqual({
        valid: true,
        reason: VALID_REASON,
        certificate: facts,
        status: 'valid',
        revokedAt: null,
        signature: { kid: `${zz.id}-1`, alg: 'SM2SM3', algorithm: 'SM2/SM3（国密）' },
      });

      // Offline: only the published JWKS.
      const jwks = (await call(null, 'GET', '/api/public/keys')).json() as { keys: PublicJwk[] };
      expect(await verifyCertificateToken(tokenFromQrText(scanned), jwks.keys)).toMatchObject({
        valid: true,
        facts,
      });
    },
  );

  it('accepts the bare token too, and refuses one changed character', async () => {
    expect((await call(null, 'POST', '/api/public/certificates/verify', { token })).json().valid).toBe(true);
    const i = token.indexOf('.') + 20; // inside the payload
    const tampered = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
    const answer = (await call(null, 'POST', '/api/public/certificates/verify', { token: tampered })).json();
    expect(answer).toEqual({
      valid: false,
      reason: VERIFY_REASONS.badSignature,
      certificate: null,
      status: 'invalid',
      revokedAt: null,
      signature: null,
    });
  });

  it('refuses a token signed by a key the platform never published', async () => {
    const { pkcs8 } = generateSigningKeyPair('SM2SM3');
    const forged = await signCertificateToken(facts, signingKeyFromPkcs8(`${zz.id}-99`, 'SM2SM3', pkcs8));
    expect((await call(null, 'POST', '/api/public/certificates/verify', { token: forged })).json()).toEqual({
      valid: false,
      reason: VERIFY_REASONS.unknownKey,
      certificate: null,
      status: 'invalid',
      revokedAt: null,
      signature: null,
    });
    // Same kid as the real key, different key (of either algorithm).
    const sameKid = await signCertificateToken(facts, signingKeyFromPkcs8(`${zz.id}-1`, 'SM2SM3', pkcs8));
    const sameKidEd = await signCertificateToken(
      facts,
      signingKeyFromPkcs8(`${zz.id}-1`, 'EdDSA', generateSigningKeyPair('EdDSA').pkcs8),
    );
    expect(
      (await call(null, 'POST', '/api/public/certificates/verify', { token: sameKidEd })).json().valid,
    ).toBe(false);
    expect(
      (await call(null, 'POST', '/api/public/certificates/verify', { token: sameKid })).json().valid,
    ).toBe(false);
    expect(
      (await call(null, 'POST', '/api/public/certificates/verify', { token: 'not-a-token' })).json(),
    ).toEqual({
      valid: false,
      reason: VERIFY_REASONS.malformed,
      certificate: null,
      status: 'invalid',
      revokedAt: null,
      signature: null,
    });
    expect((await call(null, 'POST', '/api/public/certificates/verify', {})).statusCode).toBe(400);
  });

  it('keeps rotated keys published and verifiable, Ed25519 ones included', async () => {
    const vault = signingKeyVault(ctx.deps.config);
    // A key of the Ed25519 era (SIGNING_KEY_ALGORITHM=ed25519), then a rotation back to SM2.
    const ed = await ctx.deps.db.transaction((tx) => createBureauKey(tx, zz.id, new Date(), vault, 'EdDSA'));
    expect(ed).toMatchObject({ kid: `${zz.id}-2`, publicJwk: { kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' } });
    const edKey = (await activeSigningKey(ctx.deps.db, zz.id, vault))!;
    expect(edKey).toMatchObject({ kid: `${zz.id}-2`, alg: 'EdDSA' });
    const edToken = await signCertificateToken(facts, edKey);
    const rotated = await ctx.deps.db.transaction((tx) => createBureauKey(tx, zz.id, new Date(), vault));
    expect(rotated.kid).toBe(`${zz.id}-3`);
    expect((await activeSigningKey(ctx.deps.db, zz.id, vault))!).toMatchObject({ kid: `${zz.id}-3`, alg: 'SM2SM3' });
    const keys = ((await call(null, 'GET', '/api/public/keys')).json() as { keys: PublicJwk[] }).keys;
    expect(keys.filter((k) => k.kid.startsWith(`${zz.id}-`)).map((k) => [k.kid, k.alg])).toEqual([
      [`${zz.id}-1`, 'SM2SM3'],
      [`${zz.id}-2`, 'EdDSA'],
      [`${zz.id}-3`, 'SM2SM3'],
    ]);
    // What the old keys signed still verifies, and the answer names the algorithm.
    const old = (await call(null, 'POST', '/api/public/certificates/verify', { token })).json();
    expect(old).toMatchObject({ valid: true, signature: { kid: `${zz.id}-1`, alg: 'SM2SM3' } });
    const oldEd = (await call(null, 'POST', '/api/public/certificates/verify', { token: edToken })).json();
    expect(oldEd).toMatchObject({
      valid: true,
      status: 'valid',
      signature: { kid: `${zz.id}-2`, alg: 'EdDSA', algorithm: 'Ed25519' },
    });
  });

  it('rotate-signing-keys moves the remaining Ed25519 bureaus to SM2, audited, old tokens still verifying', async () => {
    const vault = signingKeyVault(ctx.deps.config);
    await ctx.deps.db.transaction((tx) => createBureauKey(tx, zz.id, new Date(), vault, 'EdDSA'));
    const edToken = await signCertificateToken(facts, (await activeSigningKey(ctx.deps.db, zz.id, vault))!);
    const rotated = await rotateBureauKeys(ctx.deps.db, vault, { alg: 'SM2SM3', onlyAlg: 'EdDSA', now: new Date() });
    // Only bureaus whose active key was Ed25519: here, 郑州's.
    expect(rotated).toEqual([{ bureauOrgId: zz.id, oldKid: `${zz.id}-4`, kid: `${zz.id}-5` }]);
    expect((await activeSigningKey(ctx.deps.db, zz.id, vault))!.alg).toBe('SM2SM3');
    expect(await rotateBureauKeys(ctx.deps.db, vault, { alg: 'SM2SM3', onlyAlg: 'EdDSA', now: new Date() })).toEqual([]);
    const audit = await ctx.deps.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, 'seal.keyRotate'));
    expect(audit.map((a) => [a.objectId, a.scopePath, a.detail])).toEqual([
      [`${zz.id}-5`, zz.path, { oldKid: `${zz.id}-4`, kid: `${zz.id}-5`, alg: 'SM2SM3' }],
    ]);
    expect((await call(null, 'POST', '/api/public/certificates/verify', { token: edToken })).json()).toMatchObject({
      valid: true,
      signature: { alg: 'EdDSA' },
    });
  });
});

describe('管理员信息备案 (附件3)', () => {
  it('a bureau files its certificate administrator; the province sees every filing, other bureaus do not', async () => {
    const filed = await call(zzAdmin, 'POST', `/api/admin/organisations/${zz.id}/admin-filings`, filing);
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({
      ...filing,
      orgId: zz.id,
      orgName: zz.name,
      filedByName: zzAdmin.name,
    });

    const bad = await call(zzAdmin, 'POST', `/api/admin/organisations/${zz.id}/admin-filings`, {
      ...filing,
      postCode: '4500',
      gender: '未知',
    });
    expect(bad.statusCode).toBe(400);

    const id = filed.json().id;
    expect(
      (await call(zzAdmin, 'GET', `/api/admin/organisations/${zz.id}/admin-filings`))
        .json()
        .items.map((f: { id: number }) => f.id),
    ).toContain(id);
    expect(
      (await call(provinceAdmin, 'GET', '/api/admin/admin-filings'))
        .json()
        .items.map((f: { id: number }) => f.id),
    ).toContain(id);
    expect(
      (await call(kfAdmin, 'GET', '/api/admin/admin-filings')).json().items.map((f: { id: number }) => f.id),
    ).not.toContain(id);
    expect(
      (await call(jinshuiAdmin, 'POST', `/api/admin/organisations/${jinshui.id}/admin-filings`, filing))
        .statusCode,
    ).toBe(409);

    const [audit] = await ctx.deps.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, 'seal.adminFiling'), eq(schema.auditLog.objectId, String(id))));
    expect(audit).toMatchObject({ actorAccountId: zzAdmin.accountId, scopePath: zz.path });
  });

  it('pages through filings newest first', async () => {
    for (let i = 0; i < 3; i++)
      await call(kfAdmin, 'POST', `/api/admin/organisations/${kf.id}/admin-filings`, {
        ...filing,
        unitName: kf.name,
        adminName: `管理员${i}`,
      });
    const first = (
      await call(kfAdmin, 'GET', `/api/admin/organisations/${kf.id}/admin-filings?limit=2`)
    ).json();
    expect(first.items.map((f: { adminName: string }) => f.adminName)).toEqual(['管理员2', '管理员1']);
    const second = (
      await call(
        kfAdmin,
        'GET',
        `/api/admin/organisations/${kf.id}/admin-filings?limit=2&after=${first.nextAfter}`,
      )
    ).json();
    expect(second).toMatchObject({ items: [{ adminName: '管理员0' }], nextAfter: null });
  });
});

describe('demo seals (server/src/demo/certificates.ts)', () => {
  it('enables the demo bureaus that have an admin, each with a usable key and a filed admin', async () => {
    const demo = await buildTestApp();
    try {
      const p = await bureauOf(demo, '410000');
      const zk = await bureauOf(demo, '411600');
      await buildAdmin(demo, p);
      await buildAdmin(demo, zk);
      const vault = signingKeyVault(demo.deps.config);
      const kids = await demo.deps.db.transaction((tx) => seedDemoSeals(tx, new Date(), vault));
      expect(kids.sort()).toEqual([`${p.id}-1`, `${zk.id}-1`].sort()); // 郑州 has no admin here
      expect((await activeSigningKey(demo.deps.db, zk.id, vault))!.kid).toBe(`${zk.id}-1`);
      const apps = await demo.deps.db.select().from(schema.sealApplications);
      expect(apps.map((a) => [a.status, a.kid])).toEqual(
        expect.arrayContaining([['approved', `${zk.id}-1`]]),
      );
      expect(await demo.deps.db.select().from(schema.sealAdminFilings)).toHaveLength(2);
    } finally {
      await demo.close();
    }
  });
});
