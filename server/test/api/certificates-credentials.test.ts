/**
 * Verifiable credentials (issue 14, CONTRACT "Credentials"): the did:web document, the VC-JWT of a
 * year and of a merged range, checked by an independent path — sm-crypto's SM2 over the signing input
 * with the DID document's SM2 JWK (the default keys), or for an Ed25519 bureau key jose's
 * createLocalJWKSet and node:crypto's raw Ed25519 — and by the platform's public verify endpoint
 * (one character changed, revocation).
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWK, type JWTPayload } from 'jose';
import smCrypto from 'sm-crypto';
import { maskIdNumber } from '@ce/shared';
import { buildTestApp, type TestContext } from '../helper';
import type { TestAccount } from '../factories';
import { TEST_NOW, buildChain, buildDeclaration, call, expectStatus, type Chain } from '../factories-declarations';
import { VALID_REASON } from '../../src/modules/certificates/queries';
import { VERIFY_REASONS } from '../../src/modules/certificates/signing';
import { didOf } from '../../src/modules/certificates/credential';
import { createBureauKey, signingKeyVault } from '../../src/modules/certificates/keys';
import { enableSeal, withCertNo } from './certificates-fixtures';

let ctx: TestContext;
let c: Chain;
let holder: TestAccount & { certNo: string };

interface DidDoc {
  id: string;
  verificationMethod: { id: string; type: string; controller: string; publicKeyJwk: JWK }[];
  assertionMethod: string[];
}

const credential = async (url: string, cookie = c.cookies.person) => call(ctx, cookie, 'GET', url);
const verify = async (token: string) => (await call(ctx, null, 'POST', '/api/public/certificates/verify', { token })).json();
const didDoc = async (): Promise<DidDoc> => {
  const res = await call(ctx, null, 'GET', '/.well-known/did.json');
  expectStatus(res, 200);
  return res.json() as DidDoc;
};

/** sm-crypto's SM2 (default user ID) over "header.payload", the public point from an SM2 JWK. */
function sm2Holds(jwt: string, jwk: JWK): boolean {
  const [h, p, s] = jwt.split('.');
  const pub = `04${Buffer.from(jwk.x!, 'base64url').toString('hex')}${Buffer.from(jwk.y!, 'base64url').toString('hex')}`;
  return smCrypto.sm2.doVerifySignature(`${h}.${p}`, Buffer.from(s!, 'base64url').toString('hex'), pub, { hash: true });
}

/**
 * The independent check, from the DID document alone: for an SM2 key (jose has no SM2) sm-crypto
 * verifies the signature and the claims are read as JOSE would; for Ed25519, a jose JWKS made of the
 * document's verification methods, the kid being each id.
 */
async function independentlyVerify(jwt: string): Promise<{ payload: JWTPayload }> {
  const doc = await didDoc();
  const header = decodeProtectedHeader(jwt);
  const vm = doc.verificationMethod.find((v) => v.id === header.kid);
  if (vm?.publicKeyJwk.crv === 'SM2') {
    if (header.alg !== 'SM2SM3' || header.typ !== 'vc+jwt' || !sm2Holds(jwt, vm.publicKeyJwk)) throw new Error('SM2 signature does not hold');
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as JWTPayload;
    if (payload.iss !== doc.id) throw new Error('issuer is not the DID');
    return { payload };
  }
  const jwks = createLocalJWKSet({ keys: doc.verificationMethod.map((v) => ({ ...v.publicKeyJwk, kid: v.id })) });
  return jwtVerify(jwt, jwks, { typ: 'vc+jwt', issuer: doc.id });
}

/** A second independent check of the raw signature over "header.payload", key from the DID document. */
async function rawSignatureHolds(jwt: string): Promise<boolean> {
  const doc = await didDoc();
  const { kid } = decodeProtectedHeader(jwt);
  const vm = doc.verificationMethod.find((v) => v.id === kid);
  if (!vm) return false;
  if (vm.publicKeyJwk.crv === 'SM2') return sm2Holds(jwt, vm.publicKeyJwk);
  const [h, p, s] = jwt.split('.');
  const key = crypto.createPublicKey({ key: vm.publicKeyJwk as crypto.JsonWebKey, format: 'jwk' });
  return crypto.verify(null, Buffer.from(`${h}.${p}`), key, Buffer.from(s!, 'base64url'));
}

/** One character of the payload changed (a different valid base64url character). */
function tamper(jwt: string): string {
  const [h, p, s] = jwt.split('.');
  const at = Math.floor(p!.length / 2);
  const ch = p![at] === 'A' ? 'B' : 'A';
  return [h, p!.slice(0, at) + ch + p!.slice(at + 1), s].join('.');
}

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.now = new Date(TEST_NOW);
  c = await buildChain(ctx);
  await enableSeal(ctx, c.bureau, new Date('2017-12-01T01:00:00Z'));
  holder = await withCertNo(ctx, c.person);
  for (const [year, professional] of [[2022, 44], [2023, 62], [2024, 84], [2025, 64]] as const) {
    await buildDeclaration(ctx, holder, { year, subject: 'public', claimedHours: 30, submittedAt: new Date(`${year}-04-10T02:00:00Z`) });
    await buildDeclaration(ctx, holder, { year, subject: 'professional', claimedHours: professional, submittedAt: new Date(`${year}-09-10T02:00:00Z`) });
  }
});
afterAll(() => ctx.close());

describe('the did:web document', () => {
  it('lists every bureau key as a JsonWebKey2020 verification method of the platform DID', async () => {
    const doc = await didDoc();
    const did = didOf(ctx.deps.config.publicUrl);
    expect(did).toMatch(/^did:web:/);
    expect(doc.id).toBe(did);
    const jwks = (await call(ctx, null, 'GET', '/api/public/keys')).json() as { keys: { kid: string; x: string }[] };
    expect(doc.verificationMethod.map((v) => v.id).sort()).toEqual(jwks.keys.map((k) => `${did}#${k.kid}`).sort());
    for (const vm of doc.verificationMethod) {
      expect(vm).toMatchObject({ type: 'JsonWebKey2020', controller: did, publicKeyJwk: { kty: 'EC', crv: 'SM2', alg: 'SM2SM3' } });
      expect(vm.publicKeyJwk).not.toHaveProperty('d');
    }
    expect(doc.assertionMethod).toEqual(doc.verificationMethod.map((v) => v.id));
  });

  it('encodes the port of the public URL as did:web requires', () => {
    expect(didOf('https://jxjy.hrss.henan.gov.cn')).toBe('did:web:jxjy.hrss.henan.gov.cn');
    expect(didOf('http://127.0.0.1:3000/')).toBe('did:web:127.0.0.1%3A3000');
    expect(didOf('https://example.org/ce/')).toBe('did:web:example.org:ce');
  });
});

describe('GET /api/me/certificates/{year}/credential (CONTRACT)', () => {
  let yearJwt = '';
  let mergedJwt = '';

  it('a passed year: application/vc+jwt, an OpenBadgeCredential that verifies independently against did.json', async () => {
    const res = await credential('/api/me/certificates/2024/credential');
    expectStatus(res, 200);
    expect(res.headers['content-type']).toMatch(/^application\/vc\+jwt/);
    yearJwt = res.body;
    const header = decodeProtectedHeader(yearJwt);
    expect(header).toMatchObject({ alg: 'SM2SM3', typ: 'vc+jwt', cty: 'vc' });
    const doc = await didDoc();
    expect(doc.verificationMethod.map((v) => v.id)).toContain(header.kid);

    const { payload } = await independentlyVerify(yearJwt);
    expect(await rawSignatureHolds(yearJwt)).toBe(true);
    expect(payload['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(payload).toMatchObject({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: doc.id, type: ['Profile'], name: '郑州市人力资源和社会保障局' },
      validFrom: '2024-09-13T00:00:00+08:00',
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: { type: ['Achievement'], name: '河南省专业技术人员继续教育 2024年度' },
        result: [
          { type: ['Result'], resultDescription: 'urn:henan-ce:result:2024:public', value: '30' },
          { type: ['Result'], resultDescription: 'urn:henan-ce:result:2024:professional', value: '84' },
        ],
      },
    });
    expect(String(payload.id)).toMatch(/^urn:uuid:/);
    // The holder is named with the certificate number and a masked ID number only.
    expect(JSON.stringify(payload)).not.toContain(holder.idNumber);
    expect(JSON.stringify(payload)).toContain(maskIdNumber(holder.idNumber));
  });

  it('the public verify endpoint accepts it with the same answer shape as a QR token', async () => {
    expect(await verify(yearJwt)).toEqual({
      valid: true,
      reason: VALID_REASON,
      status: 'valid',
      revokedAt: null,
      certificate: {
        certNo: holder.certNo,
        holderName: holder.name,
        idNumberMasked: maskIdNumber(holder.idNumber),
        years: [{ year: 2024, publicHours: 30, professionalHours: 84 }],
        issuer: { id: c.bureau.id, name: '郑州市人力资源和社会保障局' },
        issuedOn: '2024-09-13',
      },
      signature: { kid: `${c.bureau.id}-1`, alg: 'SM2SM3', algorithm: 'SM2/SM3（国密）' },
    });
  });

  it('one character changed: the independent check and the platform both refuse it', async () => {
    const bad = tamper(yearJwt);
    await expect(independentlyVerify(bad)).rejects.toThrow();
    expect(await rawSignatureHolds(bad)).toBe(false);
    const answer = await verify(bad);
    expect(answer).toMatchObject({ valid: false, status: 'invalid', certificate: null });
    expect([VERIFY_REASONS.badSignature, VERIFY_REASONS.malformed]).toContain(answer.reason);
    // The last character of the signature too (canonical base64url only).
    const last = yearJwt.slice(0, -1) + (yearJwt.endsWith('A') ? 'B' : 'A');
    expect((await verify(last)).valid).toBe(false);
  });

  it('a key the DID document does not list is unknown', async () => {
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    const [h, p] = yearJwt.split('.');
    const sig = crypto.sign(null, Buffer.from(`${h}.${p}`), privateKey).toString('base64url');
    await expect(independentlyVerify(`${h}.${p}.${sig}`)).rejects.toThrow();
    expect(await verify(`${h}.${p}.${sig}`)).toMatchObject({ valid: false, reason: VERIFY_REASONS.badSignature });
  });

  it('a merged range: one credential for 2023–2025; a range with a failed year is 409 naming it', async () => {
    const res = await credential('/api/me/certificates/credential?from=2023&to=2025');
    expectStatus(res, 200);
    mergedJwt = res.body;
    const { payload } = await independentlyVerify(mergedJwt);
    expect((payload.credentialSubject as { achievement: { name: string } }).achievement.name).toBe('河南省专业技术人员继续教育 2023—2025年度');
    const answer = await verify(mergedJwt);
    expect(answer).toMatchObject({ valid: true, status: 'valid' });
    expect(answer.certificate.years.map((y: { year: number }) => y.year)).toEqual([2023, 2024, 2025]);

    const refused = await credential('/api/me/certificates/credential?from=2022&to=2025');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('2022年度未达到学时要求，不能合并下载可验证凭证');
  });

  it('a year that did not pass: 409 naming it; signed out: 401; an admin: 404', async () => {
    const failed = await credential('/api/me/certificates/2022/credential');
    expect(failed.statusCode).toBe(409);
    expect(failed.json()).toMatchObject({ code: 'CONFLICT', message: '2022年度未达到学时要求，不能下载可验证凭证' });
    expect((await call(ctx, null, 'GET', '/api/me/certificates/2024/credential')).statusCode).toBe(401);
    expect((await credential('/api/me/certificates/2024/credential', c.cookies.unit)).statusCode).toBe(404);
  });

  it('a bureau key of the Ed25519 kind signs credentials that jose verifies from did.json', async () => {
    await ctx.deps.db.transaction((tx) =>
      createBureauKey(tx, c.bureau.id, ctx.clock.now, signingKeyVault(ctx.deps.config), 'EdDSA'),
    );
    const res = await credential('/api/me/certificates/2024/credential');
    expectStatus(res, 200);
    expect(decodeProtectedHeader(res.body)).toMatchObject({ alg: 'EdDSA', kid: `${didOf(ctx.deps.config.publicUrl)}#${c.bureau.id}-2` });
    await independentlyVerify(res.body); // jose
    expect(await rawSignatureHolds(res.body)).toBe(true);
    expect(await verify(res.body)).toMatchObject({ valid: true, signature: { alg: 'EdDSA', algorithm: 'Ed25519' } });
    // The SM2 credential issued before still verifies.
    expect(await verify(yearJwt)).toMatchObject({ valid: true, signature: { alg: 'SM2SM3' } });
  });

  it('after the year is revoked the credential verifies as revoked (its signature still holds)', async () => {
    const sample = await call(ctx, c.cookies.bureau, 'POST', '/api/admin/declaration-samples', { year: 2025, count: 1000 });
    expectStatus(sample, 201);
    const item = (sample.json().items as { declaration: { id: number; subject: string; person: { personId: number } } }[]).find(
      (i) => i.declaration.person.personId === holder.personId && i.declaration.subject === 'professional',
    )!;
    const revoked = await call(ctx, c.cookies.bureau, 'POST', `/api/admin/declaration-samples/${sample.json().id}/items/${item.declaration.id}/revoke`, {
      reason: '培训证明不实',
    });
    expectStatus(revoked, 200);
    // The signature is still the bureau's …
    await independentlyVerify(mergedJwt);
    // … but the platform's record says the 2025 certificate is revoked.
    const answer = await verify(mergedJwt);
    expect(answer).toMatchObject({ valid: false, status: 'revoked', revokedAt: ctx.clock.now.toISOString() });
    expect(answer.reason).toContain('2025年度证书已于2026-06-15撤销');
    // The internal reason stays inside the platform (issue 8 item 9): anyone may verify.
    expect(JSON.stringify(answer)).not.toContain('培训证明不实');
    expect((await verify(yearJwt)).valid).toBe(true);
    expect((await credential('/api/me/certificates/2025/credential')).statusCode).toBe(409);
  });
});
