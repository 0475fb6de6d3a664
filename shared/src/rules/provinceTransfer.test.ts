import { describe, expect, it } from 'vitest';
import { OTHER_PROVINCES, checkTransferEntries, otherProvinceName, transferOverlapWarning } from './provinceTransfer';

describe('OTHER_PROVINCES', () => {
  it('is the 30 mainland provincial-level regions other than Henan, each once', () => {
    expect(OTHER_PROVINCES).toHaveLength(30);
    expect(new Set(OTHER_PROVINCES.map((p) => p.code)).size).toBe(30);
    expect(new Set(OTHER_PROVINCES.map((p) => p.name)).size).toBe(30);
    expect(OTHER_PROVINCES.every((p) => /^[1-6]\d0000$/.test(p.code))).toBe(true);
    expect(otherProvinceName('410000')).toBeNull();
    expect(otherProvinceName('420000')).toBe('湖北省');
    expect(otherProvinceName('810000')).toBeNull();
  });
});

describe('checkTransferEntries', () => {
  const opts = { currentYear: 2026, firstYear: 2013 };
  const e = (year: number, publicHours: number, professionalHours: number) => ({ year, publicHours, professionalHours });
  it.each<[string, ReturnType<typeof e>[], string | null]>([
    ['two past years', [e(2024, 30, 60), e(2025, 0, 40.5)], null],
    ['nothing', [], '请至少填写一个年度的学时'],
    ['the current year', [e(2026, 30, 60)], '只能转入往年（2025年度及以前）的学时；当年学时请在本平台申报'],
    ['a future year', [e(2027, 30, 60)], '只能转入往年（2025年度及以前）的学时；当年学时请在本平台申报'],
    ['before any requirement', [e(2012, 30, 60)], '2013年度以前没有年度学时要求，不能转入'],
    ['a year twice', [e(2024, 30, 0), e(2024, 0, 60)], '2024年度填写了两次，每个年度只填写一行'],
    ['negative', [e(2024, -1, 60)], '2024年度公需科目学时不能为负数'],
    ['two decimals', [e(2024, 30, 60.25)], '2024年度专业科目学时最多保留一位小数'],
    ['absurd', [e(2024, 30, 201)], '2024年度专业科目学时不能超过200学时，请按外省证书核实后填写'],
    ['both zero', [e(2024, 0, 0)], '2024年度公需科目和专业科目学时不能都为0'],
    ['eleven years', Array.from({ length: 11 }, (_, i) => e(2014 + i, 1, 1)), '一次最多转入10个年度'],
  ])('%s', (_, entries, message) => {
    expect(checkTransferEntries(entries, opts)).toBe(message);
  });
});

describe('transferOverlapWarning', () => {
  it.each<[string, 'transfer' | 'local', { local: number; transferred: number; required: number }, string | null]>([
    ['only transferred hours', 'transfer', { local: 0, transferred: 120, required: 90 }, null],
    ['only local hours', 'local', { local: 120, transferred: 0, required: 90 }, null],
    ['both, within the requirement', 'transfer', { local: 30, transferred: 60, required: 90 }, null],
    [
      'both, beyond it: the transfer is flagged',
      'transfer',
      { local: 60, transferred: 60, required: 90 },
      '2024年度已有本省学时，合计超出年度要求（本省60学时，外省转入60学时，合计120学时，年度要求90学时），请核实是否重复申报',
    ],
    [
      'both, beyond it: a local record is flagged too',
      'local',
      { local: 30.5, transferred: 60, required: 90 },
      '2024年度已有外省转入学时，合计超出年度要求（本省30.5学时，外省转入60学时，合计90.5学时，年度要求90学时），请核实是否重复申报',
    ],
  ])('%s', (_, kind, hours, message) => {
    expect(transferOverlapWarning(kind, 2024, hours)).toBe(message);
  });
});
