import { describe, expect, it } from 'vitest';
import { permissionsForOrg } from '@ce/shared';
import { changeOutcome, changeSummary, mergeProblem, parentChangeProblem } from './rules';

const org = (id: number, kind: 'hrss' | 'department' | 'unit' | 'base', path: string, parentId: number | null, status = 'active') => ({
  id,
  kind,
  path,
  parentId,
  status,
});
const bureau = org(1, 'hrss', '/1/', null);
const deptA = org(2, 'department', '/1/2/', 1);
const deptB = org(3, 'department', '/1/3/', 1);
const unit = org(4, 'unit', '/1/2/4/', 2);
const subUnit = org(5, 'unit', '/1/2/4/5/', 4);
const base = org(6, 'base', '/1/6/', 1);

describe('parentChangeProblem (更换上级部门)', () => {
  it.each([
    ['another department', unit, deptB, null],
    ['straight under the bureau (无主管部门)', unit, bureau, null],
    ['under another unit (上级单位)', subUnit, org(7, 'unit', '/1/3/7/', 3), null],
    ['the current parent', unit, deptA, '所选单位已是本单位的上级，无需更换'],
    ['its own sub-unit', unit, subUnit, '不能选择本单位或本单位的下级单位作为上级'],
    ['itself', unit, unit, '不能选择本单位或本单位的下级单位作为上级'],
    ['a base', unit, base, '所选上级单位的类型不能管理本类机构'],
    ['a department under a unit', deptA, org(8, 'unit', '/1/3/8/', 3), '所选上级单位的类型不能管理本类机构'],
    ['a pending parent', unit, org(9, 'department', '/1/9/', 1, 'pending'), '所选上级单位不存在或尚未通过审核'],
    ['a bureau moving', org(10, 'hrss', '/1/10/', 1), deptB, '人社部门的上级由行政区划决定，不能更换'],
  ])('%s', (_, o, p, expected) => {
    expect(parentChangeProblem(o, p)).toBe(expected);
  });
});

describe('mergeProblem (单位合并)', () => {
  it.each([
    ['two units', unit, org(11, 'unit', '/1/3/11/', 3), null],
    ['a sub-unit into its parent unit', subUnit, unit, null],
    ['a department into a unit (the kept one decides the role)', deptB, unit, null],
    ['the same unit', unit, unit, '被合并单位与保留单位不能是同一个单位'],
    ['into its own sub-unit', unit, subUnit, '不能把单位合并到它自己的下级单位'],
    ['a bureau', bureau, deptA, '人社部门不能合并'],
    ['an archived unit', org(12, 'unit', '/1/2/12/', 2, 'archived'), unit, '只能合并状态正常（审核通过）的单位'],
  ])('%s', (_, from, into, expected) => {
    expect(mergeProblem(from, into)).toBe(expected);
  });
});

describe('changeOutcome: both parents of a 更换上级部门, the parent of a 修改单位信息', () => {
  it.each([
    [['pending', 'pending'], 'pending'],
    [['approved', 'pending'], 'pending'],
    [['pending', 'approved'], 'pending'],
    [['approved', 'approved'], 'approved'],
    [['rejected', 'pending'], 'rejected'],
    [['approved', 'rejected'], 'rejected'],
    [['approved', null], 'approved'],
    [[null, null], 'pending'],
  ] as const)('%j → %s', (sides, expected) => {
    expect(changeOutcome(sides)).toBe(expected);
  });
});

describe('changeSummary', () => {
  it('names only what changes', () => {
    expect(changeSummary('info', { name: '甲', creditCode: 'A' }, { name: '乙', creditCode: 'A' })).toEqual(['单位名称：甲 → 乙']);
    expect(changeSummary('parent', { parentName: '教育局' }, { parentName: '人社局' })).toEqual(['上级单位：教育局 → 人社局']);
    expect(changeSummary('merge', { orgName: '甲校' }, { orgName: '乙校' })).toEqual(['甲校 并入 乙校（原单位归档）']);
  });
});

describe('permissionsForOrg: role editors offer what the organisation kind can use', () => {
  it('gives no sampling or e-seal to a unit, 工作部门 only to units, 单位合并 only to the province', () => {
    const unitPerms = permissionsForOrg({ kind: 'unit', regionCode: '410102' });
    expect(unitPerms).not.toContain('declaration.sampling');
    expect(unitPerms).not.toContain('seal.manage');
    expect(unitPerms).toContain('workdept.manage');
    expect(permissionsForOrg({ kind: 'department', regionCode: '410100' })).not.toContain('workdept.manage');
    expect(permissionsForOrg({ kind: 'hrss', regionCode: '410000' })).toContain('org.merge');
    expect(permissionsForOrg({ kind: 'hrss', regionCode: '410100' })).not.toContain('org.merge');
  });
});
