import crypto, { type KeyObject } from 'node:crypto';
import { generateSm2KeyPair, sm2FromPkcs8Der, sm2Pkcs8Der, sm2Sign, sm2Verify } from './sm2';

/**
 * Compact JWS (RFC 7515) with the platform's two signature algorithms — the one place that signs
 * and verifies with the bureaus' keys, for certificate QR tokens and anything else they sign:
 *
 * | alg      | key (JWK)                                   | signature                                          |
 * |----------|---------------------------------------------|----------------------------------------------------|
 * | `SM2SM3` | `{"kty":"EC","crv":"SM2","x","y"}` (32 bytes each, base64url) | SM2 (GB/T 32918.2) over SM3, Z from the default user ID `1234567812345678`; r‖s, 64 bytes |
 * | `EdDSA`  | `{"kty":"OKP","crv":"Ed25519","x"}` (RFC 8037)               | Ed25519, 64 bytes                                  |
 *
 * `SM2SM3` is this platform's name (no JOSE registry entry exists for SM2); README documents it.
 */
export const SIGNING_ALGS = ['SM2SM3', 'EdDSA'] as const;
export type SigningAlg = (typeof SIGNING_ALGS)[number];

/** How the verification page and documents name each algorithm. */
export const SIGNING_ALG_LABELS: Record<SigningAlg, string> = {
  SM2SM3: 'SM2/SM3（国密）',
  EdDSA: 'Ed25519',
};

export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}
export interface Sm2PublicJwk {
  kty: 'EC';
  crv: 'SM2';
  x: string;
  y: string;
  kid: string;
  alg: 'SM2SM3';
  use: 'sig';
}
/** A public signing key as published (GET /api/public/keys). */
export type PublicJwk = Ed25519PublicJwk | Sm2PublicJwk;
/** The key material of a public key, as stored (no kid, alg, use). */
export type StoredPublicJwk = { kty: 'OKP'; crv: 'Ed25519'; x: string } | { kty: 'EC'; crv: 'SM2'; x: string; y: string };

/** A private key able to sign, whatever its algorithm. It holds no printable key material. */
export interface SigningKey {
  kid: string;
  alg: SigningAlg;
  sign(data: Uint8Array): Buffer;
}

/** A new key pair: the PKCS#8 DER of the private key (to be stored encrypted) and the public JWK. */
export function generateSigningKeyPair(alg: SigningAlg): { pkcs8: Buffer; publicJwk: StoredPublicJwk } {
  if (alg === 'SM2SM3') {
    const pair = generateSm2KeyPair();
    const point = pair.publicPoint;
    return {
      pkcs8: sm2Pkcs8Der(pair),
      publicJwk: {
        kty: 'EC',
        crv: 'SM2',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33, 65).toString('base64url'),
      },
    };
  }
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  const { x } = publicKey.export({ format: 'jwk' }) as { x: string };
  return { pkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }), publicJwk: { kty: 'OKP', crv: 'Ed25519', x } };
}

/** The algorithm a stored public key belongs to. */
export const algOfJwk = (jwk: StoredPublicJwk): SigningAlg => (jwk.kty === 'EC' ? 'SM2SM3' : 'EdDSA');

export function publishedJwk(kid: string, jwk: StoredPublicJwk): PublicJwk {
  return jwk.kty === 'EC'
    ? { kty: 'EC', crv: 'SM2', x: jwk.x, y: jwk.y, kid, alg: 'SM2SM3', use: 'sig' }
    : { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, alg: 'EdDSA', use: 'sig' };
}

/** A signing key from its decrypted PKCS#8 DER. */
export function signingKeyFromPkcs8(kid: string, alg: SigningAlg, pkcs8: Buffer): SigningKey {
  if (alg === 'SM2SM3') {
    const pair = sm2FromPkcs8Der(pkcs8);
    return { kid, alg, sign: (data) => sm2Sign(data, pair) };
  }
  const key = crypto.createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`signing key ${kid}: not an Ed25519 key`);
  return { kid, alg, sign: (data) => crypto.sign(null, data, key) };
}

/** A signing key from a Node KeyObject (Ed25519 only; tests and tools). */
export function ed25519SigningKey(kid: string, privateKey: KeyObject): SigningKey {
  return { kid, alg: 'EdDSA', sign: (data) => crypto.sign(null, data, privateKey) };
}

const b64 = (data: Uint8Array | string) => Buffer.from(data).toString('base64url');

/**
 * Signs: `BASE64URL(header).BASE64URL(payload).BASE64URL(signature)`, the header being
 * `{…extra, "alg", "kid"}` (extra may add e.g. `typ`; it cannot change alg). The header's kid is the
 * key's, or `headerKid` where a document names keys otherwise (a DID URL `did:web:…#<kid>`).
 */
export function signJws(
  payload: Uint8Array,
  key: SigningKey,
  extraHeader: Record<string, unknown> = {},
  headerKid: string = key.kid,
): string {
  const header = { ...extraHeader, alg: key.alg, kid: headerKid };
  const input = `${b64(JSON.stringify(header))}.${b64(payload)}`;
  return `${input}.${b64(key.sign(Buffer.from(input, 'ascii')))}`;
}

export type JwsFailure = 'malformed' | 'unknownKey' | 'badSignature';
/** The protected header of a verified JWS; `kid` is the published key's id (after keyIdOf). */
export type JwsHeader = Record<string, unknown> & { alg: SigningAlg; kid: string };
export type JwsResult =
  | { ok: true; header: JwsHeader; payload: Buffer; jwk: PublicJwk }
  | { ok: false; failure: JwsFailure };

const publicKeys = new Map<string, KeyObject>();
function ed25519PublicKey(jwk: Ed25519PublicJwk): KeyObject {
  let key = publicKeys.get(jwk.x);
  if (!key) {
    key = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
    publicKeys.set(jwk.x, key);
  }
  return key;
}

function isCanonicalBase64url(segment: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(segment) && Buffer.from(segment, 'base64url').toString('base64url') === segment;
}

/**
 * Verifies a compact JWS against a list of published keys: the header's kid must name one of them and
 * its alg must be that key's alg (no algorithm substitution), and the signature must hold over the
 * exact bytes. Segments must be canonical base64url (the spare bits of a last character would
 * otherwise let a changed character still verify). Never throws.
 */
export function verifyJws(
  compact: string,
  keys: readonly PublicJwk[],
  options: {
    maxLength?: number;
    /** The published kid a header's kid names (default: the same string); null = none. */
    keyIdOf?: (headerKid: string) => string | null;
  } = {},
): JwsResult {
  const { maxLength = 4096, keyIdOf = (k: string) => k } = options;
  const parts = compact.split('.');
  if (compact.length > maxLength || parts.length !== 3 || !parts.every(isCanonicalBase64url))
    return { ok: false, failure: 'malformed' };
  const [h, p, s] = parts as [string, string, string];
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(h, 'base64url')));
  } catch {
    return { ok: false, failure: 'malformed' };
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return { ok: false, failure: 'malformed' };
  const { alg } = header;
  const kid = typeof header.kid === 'string' ? keyIdOf(header.kid) : null;
  if (kid === null || !SIGNING_ALGS.includes(alg as SigningAlg) || 'crit' in header)
    return { ok: false, failure: 'malformed' };
  const jwk = keys.find((k) => k.kid === kid);
  if (!jwk) return { ok: false, failure: 'unknownKey' };
  if (jwk.alg !== alg) return { ok: false, failure: 'badSignature' };
  const input = Buffer.from(`${h}.${p}`, 'ascii');
  const signature = Buffer.from(s, 'base64url');
  let good: boolean;
  try {
    good =
      jwk.alg === 'SM2SM3'
        ? sm2Verify(
            input,
            signature,
            Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]),
          )
        : signature.length === 64 && crypto.verify(null, input, ed25519PublicKey(jwk), signature);
  } catch {
    good = false;
  }
  if (!good) return { ok: false, failure: 'badSignature' };
  return {
    ok: true,
    header: { ...header, kid } as JwsHeader,
    payload: Buffer.from(p, 'base64url'),
    jwk,
  };
}
