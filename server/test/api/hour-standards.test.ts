import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../helper';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

const evaluate = (form: string, params?: unknown) =>
  ctx.app.inject({ method: 'POST', url: '/api/hour-standards/evaluate', payload: params === undefined ? { form } : { form, params } });

// Every row of CONTRACT's table, with its edges.
const cases: [string, unknown, number | null, null | 'professional' | 'all'][] = [
  ['base_training', {}, null, null],
  ['training', {}, null, null],
  ['degree_education', { mode: 'course', passedCourses: 3 }, 45, null],
  ['degree_education', { mode: 'study', months: 5 }, 50, null],
  ['degree_education', { mode: 'study', months: 6 }, 60, null],
  ['degree_education', { mode: 'study', months: 7 }, null, 'professional'],
  ['conference', { level: 'national', days: 3, presented: true }, 24, null],
  ['conference', { level: 'national', days: 2, presented: false }, 12, null],
  ['conference', { level: 'provincial', days: 2, presented: true }, 12, null],
  ['conference', { level: 'provincial', days: 1, presented: false }, 4, null],
  ['research_project', { level: 'national', role: 'main', rank: 1 }, 68, null],
  ['research_project', { level: 'national', role: 'main', rank: 5 }, 36, null],
  ['research_project', { level: 'national', role: 'main', rank: 6 }, 0, null],
  ['research_project', { level: 'national', role: 'sub', rank: 3 }, 36, null],
  ['research_project', { level: 'national', role: 'sub', rank: 4 }, 0, null],
  ['research_project', { level: 'provincial', role: 'main', rank: 2 }, 52, null],
  ['research_project', { level: 'provincial', role: 'sub', rank: 1 }, 44, null],
  ['research_project', { level: 'provincial', role: 'sub', rank: 4 }, 0, null],
  ['publication', { kind: 'book', rank: 1, words: 150000 }, 240, null],
  ['publication', { kind: 'book', rank: 3, words: 25000 }, 20, null],
  ['publication', { kind: 'journal_national', rank: 2 }, 44, null],
  ['publication', { kind: 'journal_provincial_core', rank: 3 }, 28, null],
  ['publication', { kind: 'journal_issn_cn', rank: 1 }, 36, null],
  ['publication', { kind: 'journal_issn_cn', rank: 4 }, 0, null],
  ['publication', { kind: 'journal_national', rank: 1, supplement: true }, 0, null],
  ['patent', { kind: 'invention', rank: 1 }, 68, null],
  ['patent', { kind: 'utility_model', rank: 3 }, 60, null],
  ['patent', { kind: 'design', rank: 4 }, 0, null],
  ['award', { level: 'national', rank: 2 }, 68, null],
  ['award', { level: 'provincial', rank: 3 }, 60, null],
  ['award', { level: 'provincial', rank: 4 }, 0, null],
  ['qualification_exam', { kind: 'senior' }, 68, null],
  ['qualification_exam', { kind: 'intermediate' }, 60, null],
  ['qualification_exam', { kind: 'junior' }, 52, null],
  ['qualification_exam', { kind: 'practising' }, 68, null],
  ['endorsed_report', {}, 20, null],
  ['aid_assignment', { months: 12 }, null, 'all'],
  ['aid_assignment', { months: 6 }, null, null],
  ['grassroots_service', { days: 5 }, 30, null],
  ['department_training', {}, null, null],
  ['unit_training', {}, null, null],
  ['other', {}, null, null],
  ['reduction', {}, null, null],
];

describe('POST /api/hour-standards/evaluate (CONTRACT)', () => {
  it.each(cases)('%s %j → %j', async (form, params, hours, covers) => {
    const res = await evaluate(form, params);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ hours, covers });
    expect(body.basis).toMatch(/[\u4e00-\u9fa5]/);
  });

  it.each([
    ['unknown form', 'lecture', {}],
    ['missing parameter', 'conference', { level: 'national', presented: true }],
    ['out-of-range rank', 'patent', { kind: 'invention', rank: 0 }],
    ['bad enum', 'award', { level: 'city', rank: 1 }],
    ['negative days', 'grassroots_service', { days: -1 }],
    ['params not an object', 'conference', 'three days'],
  ])('%s → 400 with a Chinese message', async (_label, form, params) => {
    const res = await evaluate(form, params);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION');
    expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
  });
});
