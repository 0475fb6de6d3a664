import crypto from 'node:crypto';
import smCrypto from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { generateSigningKeyPair, publishedJwk, signJws, signingKeyFromPkcs8, verifyJws } from './jws';
import {
  SM2_DEFAULT_USER_ID,
  generateSm2KeyPair,
  sm2FromPkcs8Der,
  sm2Pkcs8Der,
  sm2PublicPoint,
  sm2Sign,
  sm2SpkiDer,
  sm2Verify,
  sm2Z,
} from './sm2';
import { kidFor, signCertificateToken, verifyCertificateToken, type CertificateFacts } from './signing';

const { sm2, sm3 } = smCrypto;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** r‖s → the DER SEQUENCE OpenSSL reads. */
function derSignature(rs: Buffer): Buffer {
  const int = (b: Buffer) => {
    let x = b;
    while (x.length > 1 && x[0] === 0 && !(x[1]! & 0x80)) x = x.subarray(1);
    if (x[0]! & 0x80) x = Buffer.concat([Buffer.from([0]), x]);
    return Buffer.concat([Buffer.from([2, x.length]), x]);
  };
  const body = Buffer.concat([int(rs.subarray(0, 32)), int(rs.subarray(32))]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

describe('SM2 with SM3 (GB/T 32918.2), checked against independent implementations', () => {
  const pair = generateSm2KeyPair();
  const message = Buffer.from('河南省专业技术人员继续教育证书 4101020000001', 'utf8');

  it('SM3 of this Node equals sm-crypto’s and the standard’s example ("abc")', () => {
    expect(crypto.createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('sm-crypto verifies our signatures with the default user ID 1234567812345678 (the Z value matches)', () => {
    for (let i = 0; i < 4; i++) {
      const msg = Buffer.from(`${message.toString()} #${i}`);
      const sig = sm2Sign(msg, pair);
      expect(sig).toHaveLength(64);
      expect(sm2.doVerifySignature(Array.from(msg), hex(sig), hex(pair.publicPoint), { hash: true })).toBe(true);
      expect(
        sm2.doVerifySignature(Array.from(msg), hex(sig), hex(pair.publicPoint), {
          hash: true,
          userId: SM2_DEFAULT_USER_ID,
        }),
      ).toBe(true);
      // Another user ID gives another Z: the signature does not hold there.
      expect(sm2.doVerifySignature(Array.from(msg), hex(sig), hex(pair.publicPoint), { hash: true, userId: '' })).toBe(
        false,
      );
    }
  });

  it('we verify sm-crypto’s signatures, and refuse them over another message or key', () => {
    const sig = Buffer.from(
      sm2.doSignature(Array.from(message), hex(pair.d), { hash: true, publicKey: hex(pair.publicPoint) }),
      'hex',
    );
    expect(sm2Verify(message, sig, pair.publicPoint)).toBe(true);
    expect(sm2Verify(Buffer.from('another message'), sig, pair.publicPoint)).toBe(false);
    expect(sm2Verify(message, sig, generateSm2KeyPair().publicPoint)).toBe(false);
    expect(sm2.getPublicKeyFromPrivateKey(hex(pair.d))).toBe(hex(pair.publicPoint));
  });

  it('OpenSSL (which hashes an empty user ID) verifies our signatures made with that ID, and we verify its', () => {
    const publicKey = crypto.createPublicKey({ key: sm2SpkiDer(pair.publicPoint), format: 'der', type: 'spki' });
    const ours = sm2Sign(message, pair, '');
    expect(crypto.verify('sm3', message, publicKey, derSignature(ours))).toBe(true);
    // The default ID's signature is not OpenSSL's: that is why the equation is computed here.
    expect(crypto.verify('sm3', message, publicKey, derSignature(sm2Sign(message, pair)))).toBe(false);
    const privateKey = crypto.createPrivateKey({ key: sm2Pkcs8Der(pair), format: 'der', type: 'pkcs8' });
    const theirs = crypto.sign('sm3', message, privateKey); // DER
    // Unwrap DER into r‖s.
    const rLen = theirs[3]!;
    const r = theirs.subarray(4, 4 + rLen);
    const s = theirs.subarray(6 + rLen);
    const rs = Buffer.concat([r, s].map((v) => Buffer.from(v.toString('hex').replace(/^00/, '').padStart(64, '0'), 'hex')));
    expect(sm2Verify(message, rs, pair.publicPoint, '')).toBe(true);
  });

  it('the Z value is that of GB/T 32918.2: ENTL ‖ ID ‖ a ‖ b ‖ G ‖ P under SM3', () => {
    const z = sm2Z(pair.publicPoint);
    const a = 'fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc';
    const b = '28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93';
    const g =
      '32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0';
    const input = `0080${Buffer.from(SM2_DEFAULT_USER_ID).toString('hex')}${a}${b}${g}${hex(pair.publicPoint).slice(2)}`;
    expect(hex(z)).toBe(sm3(Array.from(Buffer.from(input, 'hex'))));
  });

  it('keys: PKCS#8 round trip, OpenSSL’s PKCS#8 reads, mismatched keys and bad signatures are refused', () => {
    expect(sm2FromPkcs8Der(sm2Pkcs8Der(pair))).toEqual(pair);
    const generated = crypto.generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const read = sm2FromPkcs8Der(generated.privateKey.export({ format: 'der', type: 'pkcs8' }));
    const spki = generated.publicKey.export({ format: 'der', type: 'spki' });
    expect(read.publicPoint.equals(spki.subarray(spki.length - 65))).toBe(true);
    expect(sm2PublicPoint(read.d).equals(read.publicPoint)).toBe(true);
    const other = generateSm2KeyPair();
    expect(() => sm2FromPkcs8Der(sm2Pkcs8Der({ d: pair.d, publicPoint: other.publicPoint }))).toThrow();
    const sig = sm2Sign(message, pair);
    expect(sm2Verify(message, sig.subarray(0, 63), pair.publicPoint)).toBe(false);
    expect(sm2Verify(message, Buffer.alloc(64), pair.publicPoint)).toBe(false);
    expect(sm2Verify(message, Buffer.alloc(64, 0xff), pair.publicPoint)).toBe(false);
    expect(sm2Verify(message, sig, Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]))).toBe(false);
  });
});

describe('an SM2 certificate token, checked with sm-crypto as a verifier outside the platform would', () => {
  const facts: CertificateFacts = {
    certNo: '4101020000001',
    holderName: '张伟',
    idNumberMasked: '410102********2116',
    years: [{ year: 2025, publicHours: 30, professionalHours: 62 }],
    issuer: { id: 18, name: '郑州市人力资源和社会保障局' },
    issuedOn: '2026-01-15',
  };

  it('the published JWK (kty EC, crv SM2, x, y) and the JWS signing input verify with sm-crypto', async () => {
    const { pkcs8, publicJwk } = generateSigningKeyPair('SM2SM3');
    const kid = kidFor(18, 1);
    const jwk = publishedJwk(kid, publicJwk);
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'SM2', alg: 'SM2SM3', use: 'sig', kid });
    const token = await signCertificateToken(facts, signingKeyFromPkcs8(kid, 'SM2SM3', pkcs8));
    const [h, p, s] = token.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ alg: 'SM2SM3', kid });
    // What an outside verifier does: public point 04‖x‖y from the JWK, message = "header.payload".
    if (jwk.kty !== 'EC') throw new Error('an SM2 key is published as kty EC');
    const pub = `04${hex(Buffer.from(jwk.x, 'base64url'))}${hex(Buffer.from(jwk.y, 'base64url'))}`;
    expect(sm2.doVerifySignature(`${h}.${p}`, hex(Buffer.from(s, 'base64url')), pub, { hash: true })).toBe(true);
    expect(sm2.doVerifySignature(`${h}.${p}x`, hex(Buffer.from(s, 'base64url')), pub, { hash: true })).toBe(false);
    expect(await verifyCertificateToken(token, [jwk])).toEqual({ valid: true, facts, kid, alg: 'SM2SM3' });
  });

  it('a token signed by sm-crypto with the bureau’s key verifies on the platform', async () => {
    const pair = generateSm2KeyPair();
    const kid = kidFor(18, 2);
    const jwk = publishedJwk(kid, {
      kty: 'EC',
      crv: 'SM2',
      x: pair.publicPoint.subarray(1, 33).toString('base64url'),
      y: pair.publicPoint.subarray(33).toString('base64url'),
    });
    const claims = { c: facts.certNo, n: facts.holderName, i: facts.idNumberMasked, y: [[2025, 30, 62]], b: 18, bn: facts.issuer.name, t: facts.issuedOn };
    const input = `${Buffer.from(JSON.stringify({ alg: 'SM2SM3', kid })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const sig = sm2.doSignature(input, hex(pair.d), { hash: true, publicKey: hex(pair.publicPoint) });
    const token = `${input}.${Buffer.from(sig, 'hex').toString('base64url')}`;
    expect(await verifyCertificateToken(token, [jwk])).toEqual({ valid: true, facts, kid, alg: 'SM2SM3' });
  });

  it('no algorithm substitution: a header naming another alg than the key’s is refused', () => {
    const sm = generateSigningKeyPair('SM2SM3');
    const ed = generateSigningKeyPair('EdDSA');
    const edKey = signingKeyFromPkcs8('18-1', 'EdDSA', ed.pkcs8);
    const token = signJws(Buffer.from('{}'), edKey);
    expect(verifyJws(token, [publishedJwk('18-1', ed.publicJwk)]).ok).toBe(true);
    expect(verifyJws(token, [publishedJwk('18-1', sm.publicJwk)])).toEqual({ ok: false, failure: 'badSignature' });
    expect(verifyJws(signJws(Buffer.from('{}'), edKey, { crit: ['x'] }), [publishedJwk('18-1', ed.publicJwk)])).toEqual({
      ok: false,
      failure: 'malformed',
    });
  });
});
