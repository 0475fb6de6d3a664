import { describe, expect, it } from 'vitest';
import {
  blindIndex,
  keyringFromSecrets,
  normaliseIdNumber,
  openPii,
  parsePiiKeys,
  piiKeyVersion,
  PiiIntegrityError,
  PiiKeyError,
  sealPii,
} from './pii';

const S1 = 'a'.repeat(32);
const S2 = 'b'.repeat(40);
const IDX = 'i'.repeat(32);
const ring1 = keyringFromSecrets({ keys: { 1: S1 }, indexSecret: IDX });
const ring12 = keyringFromSecrets({ keys: { 1: S1, 2: S2 }, indexSecret: IDX });
const F = 'persons.id_number';

/** Flips one bit of the decoded payload at `at` (negative: from the end) and re-encodes it. */
function flip(sealed: string, at: number): string {
  const [p, v, b64] = sealed.split(':') as [string, string, string];
  const raw = Buffer.from(b64, 'base64url');
  const i = at < 0 ? raw.length + at : at;
  raw[i] = raw[i]! ^ 0x01;
  return `${p}:${v}:${raw.toString('base64url')}`;
}

describe('SM4-CTR + HMAC-SM3 sealing', () => {
  it.each([
    ['ID number', '41010519800512101X'],
    ['phone', '13800000000'],
    ['empty', ''],
    ['Chinese text', '张三 河南省郑州市'],
  ])('round-trips %s', (_label, plain) => {
    const sealed = sealPii(ring1, F, plain);
    expect(sealed).toMatch(/^sm4:1:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(plain || '\u0000');
    expect(openPii(ring1, F, sealed)).toBe(plain);
  });

  it('gives a different ciphertext each time (random IV)', () => {
    const a = sealPii(ring1, F, '41010519800512101X');
    const b = sealPii(ring1, F, '41010519800512101X');
    expect(a).not.toBe(b);
  });

  it.each([
    ['the IV', 0],
    ['the ciphertext', 17],
    ['the tag', -1],
  ])('detects a changed bit in %s', (_label, at) => {
    const sealed = sealPii(ring1, F, '41010519800512101X');
    expect(() => openPii(ring1, F, flip(sealed, at))).toThrow(PiiIntegrityError);
  });

  it.each([
    ['a ciphertext of another field', (s: string) => s, 'persons.phone'],
    ['a changed key version', (s: string) => s.replace(/^sm4:2:/, 'sm4:1:'), F],
    ['a truncated text', (s: string) => s.slice(0, 30), F],
    ['plain text', () => '41010519800512101X', F],
    ['garbage after the prefix', () => 'sm4:2:!!!', F],
  ])('refuses %s', (_label, change, field) => {
    const sealed = sealPii(ring12, F, '41010519800512101X');
    expect(() => openPii(ring12, field, change(sealed))).toThrow(PiiIntegrityError);
  });

  it('encrypts with the highest version and decrypts every configured version', () => {
    const old = sealPii(ring1, F, '13800000000');
    const fresh = sealPii(ring12, F, '13800000000');
    expect(piiKeyVersion(old)).toBe(1);
    expect(piiKeyVersion(fresh)).toBe(2);
    expect(openPii(ring12, F, old)).toBe('13800000000');
    expect(openPii(ring12, F, fresh)).toBe('13800000000');
  });

  it('names a key version that is not configured', () => {
    const fresh = sealPii(ring12, F, '13800000000');
    expect(() => openPii(ring1, F, fresh)).toThrow(PiiKeyError);
    expect(() => openPii(ring1, F, fresh)).toThrow(/密钥版本 2/);
  });

  it('a different secret under the same version fails the integrity check', () => {
    const other = keyringFromSecrets({ keys: { 1: 'c'.repeat(32) }, indexSecret: IDX });
    expect(() => openPii(other, F, sealPii(ring1, F, '13800000000'))).toThrow(PiiIntegrityError);
  });

  it.each([
    [{ keys: {}, indexSecret: IDX }, /至少需要一个/],
    [{ keys: { 1: 'short' }, indexSecret: IDX }, /不足 32/],
    [{ keys: { 0: S1 }, indexSecret: IDX }, /正整数/],
    [{ keys: { 1: S1 }, indexSecret: 'short' }, /盲索引/],
  ])('refuses weak or malformed key material %#', (secrets, message) => {
    expect(() => keyringFromSecrets(secrets)).toThrow(message);
  });
});

describe('blind index', () => {
  it('is stable, 64 hex characters, and the same across encryption key versions', () => {
    const a = blindIndex(ring1, F, '41010519800512101X');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(blindIndex(ring1, F, '41010519800512101X')).toBe(a);
    expect(blindIndex(ring12, F, '41010519800512101X')).toBe(a);
  });

  it('depends on the index key, the field and the value', () => {
    const a = blindIndex(ring1, F, '41010519800512101X');
    const otherKey = keyringFromSecrets({ keys: { 1: S1 }, indexSecret: 'j'.repeat(32) });
    expect(blindIndex(otherKey, F, '41010519800512101X')).not.toBe(a);
    expect(blindIndex(ring1, 'persons.phone', '41010519800512101X')).not.toBe(a);
    expect(blindIndex(ring1, F, '410105198005121011')).not.toBe(a);
  });

  it('normalises ID numbers before indexing', () => {
    expect(normaliseIdNumber(' 41010519800512101x ')).toBe('41010519800512101X');
  });
});

describe('PII_KEYS', () => {
  it.each([
    ['1:' + S1, { 1: S1 }],
    [`2:${S2}, 1:${S1}`, { 1: S1, 2: S2 }],
    [`1:${S1}:with:colons`, { 1: `${S1}:with:colons` }],
  ])('parses %s', (text, expected) => {
    expect(parsePiiKeys(text)).toEqual(expected);
  });

  it.each([['nokey'], ['x:secret'], [`1:${S1},1:${S2}`]])('refuses %s', (text) => {
    expect(() => parsePiiKeys(text)).toThrow(/PII_KEYS/);
  });
});
