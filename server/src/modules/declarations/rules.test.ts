import { describe, expect, it } from 'vitest';
import {
  PAST_YEAR_CLOSED,
  afterDecision,
  canPerson,
  capMessage,
  checkDeclarationFacts,
  contentDisposition,
  cleanFileName,
  overStandardBy,
  rejectionAction,
  reviewChainOf,
  reviewTurn,
  samplePositions,
  sampleSizeFor,
  seededRandom,
  transferChainOf,
  validateWindow,
  yearOpenState,
  type ChainOrg,
} from './rules';

const h = (id: number) => ({ id, kind: 'hrss' as const });
const dept = (id: number) => ({ id, kind: 'department' as const });
const unit = (id: number) => ({ id, kind: 'unit' as const });

describe('reviewChainOf (R-16)', () => {
  it.each<[string, ChainOrg[], number[]]>([
    ['unit → department → city bureau', [h(1), h(18), dept(203), unit(900)], [900, 203, 18]],
    ['无主管部门 unit under a district bureau → that bureau only', [h(1), h(18), h(25), unit(901)], [901, 25]],
    ['sub-unit → parent unit → department → bureau', [h(1), h(18), dept(203), unit(900), unit(950)], [950, 900, 203, 18]],
    ['province-level (省直) unit → department → province', [h(1), dept(7), unit(70)], [70, 7, 1]],
    ['a department under a county bureau stops at the county', [h(1), h(18), h(30), dept(300), unit(301)], [301, 300, 30]],
  ])('%s', (_, path, chain) => {
    expect(reviewChainOf(path)).toEqual(chain);
  });

  it('refuses a path that does not end at a unit or has no bureau', () => {
    expect(() => reviewChainOf([h(1), dept(2)])).toThrow();
    expect(() => reviewChainOf([dept(2), unit(3)])).toThrow();
  });
});

describe('transferChainOf (外省转入: unit → HRSS bureau)', () => {
  it.each<[string, ChainOrg[], number[]]>([
    ['the department is skipped', [h(1), h(18), dept(203), unit(900)], [900, 18]],
    ['parent units are skipped', [h(1), h(18), dept(203), unit(900), unit(950)], [950, 18]],
    ['无主管部门 unit: the same as its usual chain', [h(1), h(18), h(25), unit(901)], [901, 25]],
    ['省直 unit → the province', [h(1), dept(7), unit(70)], [70, 1]],
  ])('%s', (_, path, chain) => {
    expect(transferChainOf(path)).toEqual(chain);
  });

  it('the person acts on a transfer record only through its application', () => {
    for (const action of ['edit', 'delete', 'submit', 'revoke', 'upload'] as const) {
      expect(canPerson({ status: 'pending', currentLevel: 0, transferId: 5 }, action)).toBe(false);
      expect(canPerson({ status: 'rejected', currentLevel: null, transferId: 5 }, action)).toBe(false);
    }
  });
});

describe('reviewTurn', () => {
  const record = (status: string, currentLevel: number | null) => ({ status, reviewChain: [900, 203, 18], currentLevel });
  it.each<[string, ReturnType<typeof record>, number, string]>([
    ['the unit at level 0', record('pending', 0), 900, 'your_turn'],
    ['the department before the unit passed it', record('pending', 0), 203, 'not_yet'],
    ['the bureau before the department passed it', record('pending', 1), 18, 'not_yet'],
    ['the unit after it passed it', record('pending', 1), 900, 'handled'],
    ['the department at level 1', record('pending', 1), 203, 'your_turn'],
    ['anyone once approved', record('approved', null), 18, 'handled'],
    ['anyone once rejected', record('rejected', null), 900, 'handled'],
    ['an ancestor above the chain (the province)', record('pending', 2), 1, 'not_in_chain'],
  ])('%s', (_, r, org, kind) => {
    expect(reviewTurn(r, org).kind).toBe(kind);
  });
});

describe('state machine (R-14)', () => {
  it.each<[string, number | null, string, boolean]>([
    ['draft', null, 'edit', true],
    ['draft', null, 'delete', true],
    ['draft', null, 'submit', true],
    ['draft', null, 'revoke', false],
    ['pending', 0, 'revoke', true],
    ['pending', 1, 'revoke', false],
    ['pending', 0, 'edit', false],
    ['pending', 0, 'upload', false],
    ['rejected', null, 'edit', true],
    ['rejected', null, 'submit', true],
    ['rejected', null, 'delete', false],
    ['approved', null, 'edit', false],
    ['approved', null, 'revoke', false],
    ['revoked', null, 'submit', false],
  ])('%s at level %s: %s → %s', (status, currentLevel, action, allowed) => {
    expect(canPerson({ status, currentLevel }, action as never)).toBe(allowed);
  });

  it.each<['approve' | 'reject', number, number, string, number | null]>([
    ['approve', 0, 3, 'pending', 1],
    ['approve', 1, 3, 'pending', 2],
    ['approve', 2, 3, 'approved', null],
    ['approve', 1, 2, 'approved', null],
    ['reject', 0, 3, 'rejected', null],
    ['reject', 2, 3, 'rejected', null],
  ])('%s at level %i of %i → %s (%s)', (decision, level, length, status, next) => {
    expect(afterDecision(decision, level, length)).toEqual({ status, currentLevel: next });
  });

  it('a rejection after a lower level passed it is 驳回', () => {
    expect(rejectionAction(0)).toBe('reject');
    expect(rejectionAction(1)).toBe('return');
    expect(rejectionAction(2)).toBe('return');
  });
});

describe('yearOpenState (R-15)', () => {
  const now = new Date('2026-05-10T04:00:00Z');
  it.each<[string, Parameters<typeof yearOpenState>[0], boolean, string]>([
    ['the current year without a window', { year: 2026, now }, true, '当年学时'],
    ['a past year without a window', { year: 2025, now }, false, PAST_YEAR_CLOSED],
    ['a future year', { year: 2027, now }, false, '尚未到2027年度，不能申报'],
    ['a past year the province kept open', { year: 2025, now, window: { opensOn: '2025-01-01', closesOn: '2026-06-30' } }, true, '省人社厅设定的申报时间'],
    ['a past year whose window closed', { year: 2025, now, window: { opensOn: '2025-01-01', closesOn: '2026-01-31' } }, false, PAST_YEAR_CLOSED],
    ['the current year before its window opens', { year: 2026, now, window: { opensOn: '2026-06-01', closesOn: '2026-12-31' } }, false, '2026年度学时申报将于2026-06-01开放'],
    ['the current year after its window closed', { year: 2026, now, window: { opensOn: '2026-01-01', closesOn: '2026-04-30' } }, false, '2026年度学时申报已于2026-04-30截止'],
    ['a past year opened for the person', { year: 2023, now, opening: { expiresAt: new Date('2026-05-31T15:59:59Z') } }, true, '人社部门为您开放的补报'],
    ['an expired opening', { year: 2023, now, opening: { expiresAt: new Date('2026-05-01T00:00:00Z') } }, false, PAST_YEAR_CLOSED],
  ])('%s', (_, input, open, text) => {
    const state = yearOpenState(input);
    expect(state.open).toBe(open);
    expect(state.open ? state.reason : state.message).toBe(text);
  });

  it.each([
    [2025, '2025-01-01', '2026-01-31', null],
    [2025, '2025-03-01', '2025-02-01', '截止日期不能早于开放日期'],
    [2025, '2024-12-01', '2025-12-31', '开放日期不能早于2025年1月1日'],
    [2025, '2025-01-01', '2027-01-01', '截止日期不能晚于2026年12月31日'],
  ])('window of %i from %s to %s → %s', (year, opensOn, closesOn, problem) => {
    expect(validateWindow(year, { opensOn, closesOn })).toBe(problem);
  });
});

describe('plausibility (R-18)', () => {
  it.each([
    [30, 30, null],
    [40, 30, 10],
    [30.5, 30, 0.5],
    [20, 30, null],
    [200, null, null],
  ])('claimed %d against standard %s → over by %s', (claimed, standard, over) => {
    expect(overStandardBy(claimed, standard)).toBe(over);
  });

  it('the cap names the form and the limit', () => {
    expect(capMessage('学术会议', 30, 50)).toBeNull();
    expect(capMessage('学术会议', 50, 50)).toBeNull();
    expect(capMessage('学术会议', 300, 50)).toBe('“学术会议”每条申报不能超过50学时（省人社厅设定的上限），您填写了300学时，请按学时折算标准核实后填写');
    expect(capMessage('学术会议', 300, null)).toBeNull();
  });

  const base = { subject: 'professional', form: 'conference', year: 2026, startDate: '2026-03-01', endDate: '2026-03-02', params: { level: 'national', days: 2, presented: false } as Record<string, unknown> };
  it.each<[string, Record<string, unknown>, string | null]>([
    ['consistent facts', {}, null],
    ['end before start', { endDate: '2026-02-28' }, '结束日期不能早于开始日期'],
    ['started after the declared year', { year: 2025 }, '开始日期不能晚于计入年度（2025年）'],
    ['more conference days than the dates hold', { params: { level: 'national', days: 3, presented: false } }, '填写的天数（3天）超过了起止日期之间的天数（2天）'],
    ['unit training counted as a public subject', { form: 'unit_training', subject: 'public', params: {} }, '该学习形式只能计入专业科目'],
  ])('%s', (_, overrides, problem) => {
    expect(checkDeclarationFacts({ ...base, ...overrides } as never)).toBe(problem);
  });
});

describe('sampling draw (R-17)', () => {
  it('the same seed gives the same sequence; another seed another one', () => {
    const a = seededRandom('2026-郑州-抽查');
    const b = seededRandom('2026-郑州-抽查');
    const c = seededRandom('2026-郑州-抽查 ');
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('draws distinct sorted positions, reproducibly', () => {
    const p = samplePositions('seed-1', 1000, 50);
    expect(p).toHaveLength(50);
    expect(new Set(p).size).toBe(50);
    expect([...p].sort((x, y) => x - y)).toEqual(p);
    expect(p.every((x) => x >= 0 && x < 1000)).toBe(true);
    expect(samplePositions('seed-1', 1000, 50)).toEqual(p);
    expect(samplePositions('seed-2', 1000, 50)).not.toEqual(p);
    expect(samplePositions('x', 7, 7)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(() => samplePositions('x', 3, 4)).toThrow();
  });

  it('is roughly uniform', () => {
    const hits = new Array(10).fill(0);
    for (let i = 0; i < 2000; i++) for (const p of samplePositions(`u${i}`, 10, 1)) hits[p]++;
    for (const n of hits) expect(n).toBeGreaterThan(140); // 200 expected each
  });

  it.each([
    [{ count: 10 }, 100, 10],
    [{ count: 500 }, 100, 100],
    [{ rate: 0.05 }, 100, 5],
    [{ rate: 0.05 }, 101, 6],
    [{ rate: 0.1 }, 30, 3],
    [{ rate: 1 }, 5000, 1000],
  ])('%j of %i → %i', (opts, population, size) => {
    expect(sampleSizeFor(opts, population, 1000)).toBe(size);
  });
});

describe('evidence files', () => {
  it('cleans names and builds a safe Content-Disposition', () => {
    expect(cleanFileName('C:\\Users\\张三\\会议通知.pdf', 'application/pdf')).toBe('会议通知.pdf');
    expect(cleanFileName('../../etc/passwd', 'image/png')).toBe('passwd');
    expect(cleanFileName('a"b\r\n.png', 'image/png')).toBe('ab.png');
    expect(cleanFileName('', 'application/zip')).toBe('证明材料.zip');
    expect(contentDisposition('会议通知(1).pdf', 'application/pdf')).toBe(
      `inline; filename="____(1).pdf"; filename*=UTF-8''%E4%BC%9A%E8%AE%AE%E9%80%9A%E7%9F%A5%281%29.pdf`,
    );
    expect(contentDisposition('材料.zip', 'application/zip').startsWith('attachment;')).toBe(true);
  });
});
