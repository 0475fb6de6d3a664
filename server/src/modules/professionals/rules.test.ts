import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '@ce/shared';
import {
  changedFields,
  checkIdentityChange,
  identityChangeBlock,
  initialTransferStatus,
  nextTransferStatus,
  transferDecider,
  type IdentityChangeHistoryItem,
} from './rules';

const now = new Date('2026-05-20T04:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe('identityChangeBlock: at most once in 30 days', () => {
  it.each<[string, IdentityChangeHistoryItem[], string | null]>([
    ['no history', [], null],
    ['only rejected and withdrawn ones', [{ status: 'rejected', reviewedAt: daysAgo(1) }, { status: 'withdrawn', reviewedAt: daysAgo(2) }], null],
    ['approved 31 days ago', [{ status: 'approved', reviewedAt: daysAgo(31) }], null],
    ['approved exactly 30 days ago', [{ status: 'approved', reviewedAt: daysAgo(30) }], null],
    ['approved 29 days ago', [{ status: 'approved', reviewedAt: daysAgo(29) }], '证件信息30天内只允许修改一次，请于2026-05-21后再申请'],
    ['approved 1 day ago, an older one 60 days ago', [{ status: 'approved', reviewedAt: daysAgo(60) }, { status: 'approved', reviewedAt: daysAgo(1) }], '证件信息30天内只允许修改一次，请于2026-06-18后再申请'],
    ['a pending one', [{ status: 'pending', reviewedAt: null }], '已有待审核的证件信息修改申请，请等待单位审核或先撤回'],
  ])('%s', (_label, history, message) => {
    expect(identityChangeBlock(history, now)?.message ?? null).toBe(message);
  });

  it('tells from when a new request is allowed', () => {
    const block = identityChangeBlock([{ status: 'approved', reviewedAt: daysAgo(10) }], now);
    expect(block?.allowedFrom?.toISOString()).toBe(new Date(daysAgo(10).getTime() + 30 * 86_400_000).toISOString());
  });
});

describe('checkIdentityChange: one of name / ID number stays the same', () => {
  const idNumber = makeIdNumber({ regionCode: '410102', birthDate: '1990-03-07', sequence: 123 });
  const newId = makeIdNumber({ regionCode: '410102', birthDate: '1990-03-17', sequence: 123 });
  const current = { name: '张伟', idNumber };
  const badCheck = newId.slice(0, 17) + (newId.endsWith('0') ? '1' : '0');

  it.each([
    ['nothing changed', {}, '姓名和身份证号均未修改'],
    ['the same values typed again', { name: ' 张伟 ', idNumber: idNumber.toLowerCase() }, '姓名和身份证号均未修改'],
    ['both changed', { name: '张维', idNumber: newId }, '姓名、身份证号中必须有一项与修改前一致'],
    ['a new ID number with a bad check digit', { idNumber: badCheck }, '身份证号非法：校验位错误'],
    ['a new ID number with an impossible date', { idNumber: '410102199902301230' }, '身份证号非法：出生日期无效'],
    ['a new ID number born in the future', { idNumber: makeIdNumber({ regionCode: '410102', birthDate: '2030-01-01', sequence: 1 }) }, '身份证号非法：出生日期不能晚于当前日期'],
  ])('%s → refused', (_label, requested, message) => {
    expect(checkIdentityChange(current, requested, '2026-05-20')).toEqual({ ok: false, message });
  });

  it.each([
    ['a new name', { name: '张维' }, { name: '张维', idNumber }, ['name']],
    ['a new ID number', { idNumber: newId }, { name: '张伟', idNumber: newId }, ['idNumber']],
    ['a new ID number in lower case x', { idNumber: ` ${newId.toLowerCase()} ` }, { name: '张伟', idNumber: newId }, ['idNumber']],
  ])('%s → accepted', (_label, requested, after, changed) => {
    expect(checkIdentityChange(current, requested, '2026-05-20')).toEqual({ ok: true, after, changed });
  });
});

describe('transfer states (R-10)', () => {
  it.each([
    ['person', 'pending_out'],
    ['unit', 'pending_in'],
  ] as const)('initiated by the %s starts at %s', (by, status) => {
    expect(initialTransferStatus(by)).toBe(status);
  });

  it.each([
    ['pending_out', 'from'],
    ['pending_in', 'to'],
    ['completed', null],
    ['rejected', null],
    ['withdrawn', null],
  ] as const)('%s is decided by %s', (status, decider) => {
    expect(transferDecider(status)).toBe(decider);
  });

  it.each([
    ['pending_out', true, 'pending_in'],
    ['pending_in', true, 'completed'],
    ['pending_out', false, 'rejected'],
    ['pending_in', false, 'rejected'],
  ] as const)('%s, approve=%s → %s', (status, approve, next) => {
    expect(nextTransferStatus(status, approve)).toBe(next);
  });
});

describe('changedFields', () => {
  it('lists only the fields that change', () => {
    expect(changedFields({ phone: '1', email: 'a', major: 'x' }, { phone: '1', email: 'b', major: undefined })).toEqual(['email']);
  });
});
