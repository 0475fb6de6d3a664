import { customType } from 'drizzle-orm/pg-core';
import { openPii, piiKeyVersion, sealPii } from '../lib/pii';
import { piiKeyring } from './pii-keyring';

/**
 * A jsonb column of string values whose `idNumber` entry is stored encrypted (SM4-CTR + HMAC-SM3,
 * the field named `${table}.id_number`), e.g. the before/after of an identity change request.
 * Reads decrypt; a value written before encryption (no `sm4:` prefix) reads as it is until the
 * start-up conversion (`sealLegacyPii`) rewrites it.
 */
export const jsonWithSealedIdNumber = (name: string, table: string) => {
  const field = `${table}.id_number`;
  return customType<{ data: Record<string, string>; driverData: unknown }>({
    dataType: () => 'jsonb',
    toDriver(value) {
      const sealed = value.idNumber === undefined ? value : { ...value, idNumber: sealPii(piiKeyring(), field, value.idNumber) };
      return JSON.stringify(sealed);
    },
    fromDriver(raw) {
      const value = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, string>;
      if (value.idNumber === undefined || piiKeyVersion(value.idNumber) === null) return value;
      return { ...value, idNumber: openPii(piiKeyring(), field, value.idNumber) };
    },
  })(name);
};

/**
 * A text column stored encrypted (field `field`): reads decrypt, writes encrypt. Never compare it in
 * SQL (every ciphertext differs). A value written before encryption reads as it is until the start-up
 * conversion rewrites it.
 */
export const sealedText = (name: string, field: string) =>
  customType<{ data: string; driverData: string }>({
    dataType: () => 'text',
    toDriver: (value) => sealPii(piiKeyring(), field, value),
    fromDriver: (raw) => (piiKeyVersion(raw) === null ? raw : openPii(piiKeyring(), field, raw)),
  })(name);
