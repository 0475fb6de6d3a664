import { describe, expect, it } from 'vitest';
import { composeCertificateNumber, MAX_CERT_SERIAL, parseCertificateNumber } from './certificateNumber';

describe('composeCertificateNumber (第十三条)', () => {
  it.each([
    // [unit region, serial, number]
    ['410102', 1, '4101020000001'], // 郑州市中原区
    ['410100', 42, '4101000000042'], // 郑州市 (city-level unit)
    ['410000', 1234567, '4100001234567'], // 省直
    ['410181', 9_999_999, '4101819999999'], // 巩义 (省直管县)
    ['419001', 7, '4190010000007'], // 济源
  ] as const)('%s + %i → %s', (region, serial, number) => {
    const n = composeCertificateNumber(region, serial);
    expect(n).toBe(number);
    expect(n).toHaveLength(13);
    expect(parseCertificateNumber(n)).toEqual({ regionCode: region, serial });
  });

  it.each([
    ['410102', 0],
    ['410102', -1],
    ['410102', 1.5],
    ['410102', MAX_CERT_SERIAL + 1],
    ['420102', 1], // not Henan
    ['4101', 1],
    ['41010a', 1],
  ] as const)('refuses %s / %s', (region, serial) => {
    expect(() => composeCertificateNumber(region, serial)).toThrow(RangeError);
  });
});

describe('parseCertificateNumber', () => {
  it.each(['', '410102000000', '41010200000012', '4201020000001', '4101020000000', '41010200000O1', ' 4101020000001x'])(
    '%j is not a certificate number',
    (value) => {
      expect(parseCertificateNumber(value)).toBeNull();
    },
  );

  it('trims', () => {
    expect(parseCertificateNumber(' 4101020000001 ')).toEqual({ regionCode: '410102', serial: 1 });
  });
});
