import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { endpoint, endpointUrl, queryString } from './endpoint';

const detail = endpoint({
  method: 'GET',
  path: '/api/admin/organisations/:id/roles/:roleId',
  tags: ['测试'],
  summary: '测试',
  params: z.object({ id: z.number(), roleId: z.number() }),
  query: z.object({ q: z.string().optional(), kind: z.array(z.string()).optional() }),
  response: z.object({ ok: z.boolean() }),
});

describe('endpointUrl', () => {
  it('fills path parameters and appends the query without empty values', () => {
    expect(endpointUrl(detail, { params: { id: 3, roleId: 9 }, query: { q: '郑州 大学', kind: ['unit', 'base'] } })).toBe(
      '/api/admin/organisations/3/roles/9?q=%E9%83%91%E5%B7%9E%20%E5%A4%A7%E5%AD%A6&kind=unit&kind=base',
    );
    expect(endpointUrl(detail, { params: { id: 3, roleId: 9 }, query: { q: '' } })).toBe(
      '/api/admin/organisations/3/roles/9',
    );
  });

  it('escapes path parameters and refuses a missing one', () => {
    const byCode = endpoint({ method: 'GET', path: '/api/x/:code', tags: [], summary: '' });
    expect(endpointUrl(byCode, { params: { code: 'a/b?c' } })).toBe('/api/x/a%2Fb%3Fc');
    expect(() => endpointUrl(detail, { params: { id: 3 } })).toThrow(/roleId/);
  });

  it('replaces a parameter together with its regex constraint', () => {
    const pdf = endpoint({ method: 'GET', path: '/api/me/certificates/:year(^\\d{4}).pdf', tags: [], summary: '' });
    expect(endpointUrl(pdf, { params: { year: 2024 } })).toBe('/api/me/certificates/2024.pdf');
  });
});

describe('queryString', () => {
  it.each([
    [{}, ''],
    [{ a: undefined, b: null, c: '' }, ''],
    [{ limit: 20, done: false }, '?limit=20&done=false'],
    [{ kind: ['department', 'hrss'] }, '?kind=department&kind=hrss'],
  ])('%j → %s', (input, expected) => {
    expect(queryString(input)).toBe(expected);
  });
});
