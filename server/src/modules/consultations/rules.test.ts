import { describe, expect, it } from 'vitest';
import { maskContact, newLookupCode } from './rules';

describe('consultation rules', () => {
  it('draws lookup codes of 12 unambiguous characters, different every time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newLookupCode()));
    expect(codes.size).toBe(200);
    for (const c of codes) expect(c).toMatch(/^[A-HJ-NP-Za-km-z2-9]{12}$/);
  });

  it.each([
    ['13812345678', '138****5678'],
    ['zhang.san@example.com', 'z***@example.com'],
  ])('masks %s as %s', (contact, masked) => {
    expect(maskContact(contact)).toBe(masked);
  });
});
