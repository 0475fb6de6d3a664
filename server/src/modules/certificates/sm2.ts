import crypto from 'node:crypto';

/**
 * SM2 digital signatures (GB/T 32918.2-2016) with SM3, over the curve of GB/T 32918.5.
 *
 * Why not `crypto.sign('sm3', data, key)`: Node 20's OpenSSL 3.0 signs with SM2 only for keys it
 * decoded as SM2 keys, and then hashes Z computed from an EMPTY distinguishing identifier, with no
 * API to set another. Verifiers in China (GM/T 0009, GB/T 35276, sm-crypto, BouncyCastle, GmSSL)
 * use the default identifier "1234567812345678"; a token signed through OpenSSL would not verify
 * there. So the signature equation is computed here; OpenSSL still does the secret scalar
 * multiplication k·G (ECDH on the SM2 curve) and SM3. Tests check this code against OpenSSL (with the
 * empty identifier) and against the independent sm-crypto package (with the default identifier).
 */

const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
const A = 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn;
const B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const GX = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n;
const GY = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n;

/** The default distinguishing identifier of GM/T 0009-2012 / GB/T 35276-2017. */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

const mod = (a: bigint, m: bigint) => {
  const r = a % m;
  return r < 0n ? r + m : r;
};
function powMod(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = mod(base, m);
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return result;
}
/** Modular inverse for a prime modulus (Fermat). */
const inv = (a: bigint, m: bigint) => powMod(a, m - 2n, m);

const toBig = (bytes: Uint8Array) => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
const to32 = (n: bigint) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');

type Affine = { x: bigint; y: bigint } | null; // null: the point at infinity
type Jacobian = { X: bigint; Y: bigint; Z: bigint };
const INFINITY: Jacobian = { X: 1n, Y: 1n, Z: 0n };

function jDouble(p: Jacobian): Jacobian {
  if (p.Z === 0n || p.Y === 0n) return INFINITY;
  const Y2 = (p.Y * p.Y) % P;
  const S = (4n * p.X * Y2) % P;
  const Z2 = (p.Z * p.Z) % P;
  const M = mod(3n * p.X * p.X + A * Z2 * Z2, P);
  const X3 = mod(M * M - 2n * S, P);
  const Y3 = mod(M * (S - X3) - 8n * Y2 * Y2, P);
  const Z3 = (2n * p.Y * p.Z) % P;
  return { X: X3, Y: Y3, Z: Z3 };
}

function jAdd(p: Jacobian, q: Jacobian): Jacobian {
  if (p.Z === 0n) return q;
  if (q.Z === 0n) return p;
  const Z1Z1 = (p.Z * p.Z) % P;
  const Z2Z2 = (q.Z * q.Z) % P;
  const U1 = (p.X * Z2Z2) % P;
  const U2 = (q.X * Z1Z1) % P;
  const S1 = (p.Y * q.Z * Z2Z2) % P;
  const S2 = (q.Y * p.Z * Z1Z1) % P;
  if (U1 === U2) return S1 === S2 ? jDouble(p) : INFINITY;
  const H = mod(U2 - U1, P);
  const R = mod(S2 - S1, P);
  const H2 = (H * H) % P;
  const H3 = (H * H2) % P;
  const U1H2 = (U1 * H2) % P;
  const X3 = mod(R * R - H3 - 2n * U1H2, P);
  const Y3 = mod(R * (U1H2 - X3) - S1 * H3, P);
  const Z3 = (H * p.Z * q.Z) % P;
  return { X: X3, Y: Y3, Z: Z3 };
}

function toAffine(p: Jacobian): Affine {
  if (p.Z === 0n) return null;
  const zi = inv(p.Z, P);
  const zi2 = (zi * zi) % P;
  return { x: (p.X * zi2) % P, y: (p.Y * zi2 * zi) % P };
}

/** u·G + v·Q for public values (verification only: not constant time). */
function doubleMul(u: bigint, v: bigint, q: { x: bigint; y: bigint }): Affine {
  const g: Jacobian = { X: GX, Y: GY, Z: 1n };
  const qj: Jacobian = { X: q.x, Y: q.y, Z: 1n };
  const gq = jAdd(g, qj);
  let acc = INFINITY;
  for (let i = 255; i >= 0; i--) {
    acc = jDouble(acc);
    const a = (u >> BigInt(i)) & 1n;
    const b = (v >> BigInt(i)) & 1n;
    if (a && b) acc = jAdd(acc, gq);
    else if (a) acc = jAdd(acc, g);
    else if (b) acc = jAdd(acc, qj);
  }
  return toAffine(acc);
}

const isOnCurve = (x: bigint, y: bigint) =>
  x < P && y < P && mod(y * y - (x * x * x + A * x + B), P) === 0n;

/** The uncompressed public point 04‖x‖y (65 bytes), checked to be on the curve. */
export function parsePublicPoint(point: Uint8Array): { x: bigint; y: bigint } {
  if (point.length !== 65 || point[0] !== 0x04) throw new Error('SM2 public key: not an uncompressed point');
  const x = toBig(point.subarray(1, 33));
  const y = toBig(point.subarray(33, 65));
  if (!isOnCurve(x, y)) throw new Error('SM2 public key: not on the curve');
  return { x, y };
}

/** Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) (GB/T 32918.2 §5.5). */
export function sm2Z(publicPoint: Uint8Array, userId: string = SM2_DEFAULT_USER_ID): Buffer {
  const { x, y } = parsePublicPoint(publicPoint);
  const id = Buffer.from(userId, 'utf8');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(id.length * 8);
  return crypto
    .createHash('sm3')
    .update(Buffer.concat([entl, id, to32(A), to32(B), to32(GX), to32(GY), to32(x), to32(y)]))
    .digest();
}

const digestE = (message: Uint8Array, publicPoint: Uint8Array, userId: string) =>
  toBig(crypto.createHash('sm3').update(sm2Z(publicPoint, userId)).update(message).digest());

/** A fresh SM2 key pair: the private scalar d (32 bytes) and the public point (65 bytes). */
export function generateSm2KeyPair(): { d: Buffer; publicPoint: Buffer } {
  const ecdh = crypto.createECDH('SM2');
  for (;;) {
    ecdh.generateKeys();
    const d = ecdh.getPrivateKey();
    // d must lie in [1, n-2] (GB/T 32918.1 §6.1): 1 + d is inverted when signing.
    const dn = toBig(d);
    if (dn >= 1n && dn <= N - 2n) return { d: Buffer.from(to32(dn)), publicPoint: ecdh.getPublicKey() };
  }
}

/** The public point of a private scalar. */
export function sm2PublicPoint(d: Uint8Array): Buffer {
  const ecdh = crypto.createECDH('SM2');
  ecdh.setPrivateKey(Buffer.from(d));
  return ecdh.getPublicKey();
}

/**
 * Signs (GB/T 32918.2 §6.1): e = SM3(Z_A ‖ M); (x1, y1) = k·G; r = (e + x1) mod n;
 * s = (1 + d)⁻¹·(k − r·d) mod n. Returns r ‖ s, 32 bytes each (the layout JWS uses for ES256).
 */
export function sm2Sign(
  message: Uint8Array,
  key: { d: Uint8Array; publicPoint: Uint8Array },
  userId: string = SM2_DEFAULT_USER_ID,
): Buffer {
  const d = toBig(key.d);
  if (d < 1n || d > N - 2n) throw new Error('SM2 private key out of range');
  const e = digestE(message, key.publicPoint, userId);
  const ecdh = crypto.createECDH('SM2');
  for (;;) {
    ecdh.generateKeys(); // k·G by OpenSSL (constant time); k is the fresh private value
    const k = toBig(ecdh.getPrivateKey());
    const x1 = toBig(ecdh.getPublicKey().subarray(1, 33));
    const r = mod(e + x1, N);
    if (r === 0n || r + k === N) continue;
    // The inverse of 1 + d is taken blinded by a random factor so its timing says nothing of d.
    const blind = mod(toBig(crypto.randomBytes(32)), N - 1n) + 1n;
    const s = mod(blind * inv(mod((1n + d) * blind, N), N) * mod(k - r * d, N), N);
    if (s === 0n) continue;
    return Buffer.concat([to32(r), to32(s)]);
  }
}

/** Verifies r ‖ s (64 bytes) over the message (GB/T 32918.2 §7.1). Never throws. */
export function sm2Verify(
  message: Uint8Array,
  signature: Uint8Array,
  publicPoint: Uint8Array,
  userId: string = SM2_DEFAULT_USER_ID,
): boolean {
  if (signature.length !== 64) return false;
  let q: { x: bigint; y: bigint };
  try {
    q = parsePublicPoint(publicPoint);
  } catch {
    return false;
  }
  const r = toBig(signature.subarray(0, 32));
  const s = toBig(signature.subarray(32, 64));
  if (r < 1n || r >= N || s < 1n || s >= N) return false;
  const t = mod(r + s, N);
  if (t === 0n) return false;
  const e = digestE(message, publicPoint, userId);
  const point = doubleMul(s, t, q);
  if (!point) return false;
  return mod(e + point.x, N) === r;
}

// ---------------------------------------------------------------- PKCS#8 / SPKI (for OpenSSL and export)

const SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex');
const PKCS8_PREFIX = Buffer.from('308187020100301306072a8648ce3d020106082a811ccf5501822d046d306b0201010420', 'hex');
const PKCS8_MIDDLE = Buffer.from('a144034200', 'hex');

/** SubjectPublicKeyInfo DER (id-ecPublicKey, curve SM2 1.2.156.10197.1.301) of a public point. */
export const sm2SpkiDer = (publicPoint: Uint8Array) => Buffer.concat([SPKI_PREFIX, publicPoint]);

/** PKCS#8 DER of a key pair (the form the private key is stored in, encrypted). */
export const sm2Pkcs8Der = (key: { d: Uint8Array; publicPoint: Uint8Array }) =>
  Buffer.concat([PKCS8_PREFIX, key.d, PKCS8_MIDDLE, key.publicPoint]);

/** Reads a PKCS#8 DER written by sm2Pkcs8Der (or OpenSSL, same layout). */
export function sm2FromPkcs8Der(der: Uint8Array): { d: Buffer; publicPoint: Buffer } {
  const buf = Buffer.from(der);
  const dEnd = PKCS8_PREFIX.length + 32;
  if (
    buf.length !== dEnd + PKCS8_MIDDLE.length + 65 ||
    !buf.subarray(0, PKCS8_PREFIX.length).equals(PKCS8_PREFIX) ||
    !buf.subarray(dEnd, dEnd + PKCS8_MIDDLE.length).equals(PKCS8_MIDDLE)
  ) {
    throw new Error('not an SM2 PKCS#8 private key');
  }
  const d = buf.subarray(PKCS8_PREFIX.length, dEnd);
  const publicPoint = buf.subarray(dEnd + PKCS8_MIDDLE.length);
  if (!sm2PublicPoint(d).equals(publicPoint)) throw new Error('SM2 PKCS#8: public key does not match');
  return { d: Buffer.from(d), publicPoint: Buffer.from(publicPoint) };
}
