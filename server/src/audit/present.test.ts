import { describe, expect, it } from 'vitest';
import { auditSummary } from './present';

describe('auditSummary: the detail of an audit row as one Chinese sentence', () => {
  it.each([
    [{ level: 2, of: 3, reason: '证明材料不清晰' }, '第2级审核（共3级）；原因：证明材料不清晰'],
    [{ files: [{ id: 9, name: '结业证书.pdf', sha256: 'ab' }, { id: 10, name: '通知.png' }] }, '文件：结业证书.pdf、通知.png'],
    [{ role: 'unit', reason: 'WRONG_PASSWORD' }, '角色：用人单位；原因：密码错误'],
    [{ kind: 'parent', org: '郑州市第一中学', from: '郑州市教育局', to: '郑州市人力资源和社会保障局' }, '类型：更换上级部门；机构：郑州市第一中学；原：郑州市教育局；新：郑州市人力资源和社会保障局'],
    [{ permissions: ['person.review', 'declaration.review'], name: '审核员' }, '权限：人员注册与变更审核、学时审核；姓名/名称：审核员'],
    [{ year: 2026, form: 'conference', claimedHours: 18 }, '年度：2026；学习形式：学术会议；申报学时：18'],
    [{ superAdmin: true, changeId: 4 }, '超级管理员：是'],
    [null, ''],
  ])('%j', (detail, expected) => {
    const text = auditSummary('x', detail);
    expect(text).toBe(expected);
    expect(text).not.toContain('[object Object]');
  });
});
