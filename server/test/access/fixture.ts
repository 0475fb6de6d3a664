/**
 * The authorization matrix's world: a Zhengzhou subtree holding the targets and admins of other
 * subtrees (the intruders). Each capability adds a cases file under ./cases and lists it in
 * ../api/access-matrix.test.ts.
 */
import { expect } from 'vitest';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { schema } from '../../src/db';
import type { OrgRow } from '../../src/modules/organisations/repo';
import type { TestContext } from '../helper';
import { buildAdmin, buildOrg, buildWorkDepartment, bureauOf, login, type TestAccount } from '../factories';

export type Call = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: unknown };

export interface MatrixFixture {
  ctx: TestContext;
  zz: {
    bureau: OrgRow;
    dept: OrgRow;
    unit: OrgRow;
    pendingUnit: OrgRow;
    countyBureau: OrgRow;
    unitAdmin: TestAccount;
    unitSecond: TestAccount;
    roleId: number;
    workDeptId: number;
  };
  /** Admins of other subtrees: each must get 404 for every targeted call. */
  intruders: Record<string, TestAccount>;
  cookieOf(account: TestAccount): Promise<string>;
}

export interface MatrixCases {
  /** Creates the capability's targets in the Zhengzhou subtree (and extra intruders if needed). */
  setup?(f: MatrixFixture): Promise<void>;
  /** Endpoints naming a record: "METHOD /path/:param" → the call against a Zhengzhou target. */
  targeted: Record<string, () => Call>;
  /** List endpoints: a check that the answer shows nothing of the Zhengzhou subtree. */
  lists: Record<string, (res: LightMyRequestResponse) => void>;
  /**
   * Endpoints that answer every admin but only about their own scope (e.g. a batch upload naming
   * Zhengzhou people): "METHOD /path" → the call, and a check of an admin intruder's 200 answer.
   */
  scoped?: Record<string, { call: () => Call; check: (res: LightMyRequestResponse) => void | Promise<void> }>;
  /**
   * Conflict of interest: decisions on a matter of the deciding admin's own (their declaration,
   * registration, change request, transfer): "METHOD /path/:param" → the admin and the call, which
   * must answer 403 “本人事项，需由其他管理员审核” although the admin holds the permission.
   */
  ownMatters?: Record<string, { admin: () => TestAccount; call: () => Call }>;
}

export async function buildMatrixFixture(ctx: TestContext): Promise<MatrixFixture> {
  const bureau = await bureauOf(ctx, '410100');
  const dept = await buildOrg(ctx, { kind: 'department', parent: bureau });
  const unit = await buildOrg(ctx, { kind: 'unit', parent: dept });
  const pendingUnit = await buildOrg(ctx, { kind: 'unit', parent: dept, status: 'pending' });
  await buildAdmin(ctx, pendingUnit, { status: 'pending' });
  const unitAdmin = await buildAdmin(ctx, unit);
  const unitSecond = await buildAdmin(ctx, unit, { superAdmin: false, permissions: ['registration.review'] });
  const workDept = await buildWorkDepartment(ctx, unit);
  const [role] = await ctx.deps.db.select().from(schema.adminRoles).where(eq(schema.adminRoles.orgId, unit.id));

  const zkBureau = await bureauOf(ctx, '411600');
  const zkDept = await buildOrg(ctx, { kind: 'department', parent: zkBureau });
  const zkUnit = await buildOrg(ctx, { kind: 'unit', parent: zkDept });
  const intruders: Record<string, TestAccount> = {
    'sibling city bureau (周口)': await buildAdmin(ctx, zkBureau),
    'department of the sibling city': await buildAdmin(ctx, zkDept),
    'unit of the sibling city': await buildAdmin(ctx, zkUnit),
    // Beside the target in the same city is outside too.
    'a sibling unit under the same department': await buildAdmin(ctx, await buildOrg(ctx, { kind: 'unit', parent: dept })),
  };
  const cookies = new Map<number, string>();
  return {
    ctx,
    zz: {
      bureau,
      dept,
      unit,
      pendingUnit,
      countyBureau: await bureauOf(ctx, '410102'),
      unitAdmin,
      unitSecond,
      roleId: role!.id,
      workDeptId: workDept.id,
    },
    intruders,
    async cookieOf(account) {
      if (!cookies.has(account.accountId)) cookies.set(account.accountId, await login(ctx, account));
      return cookies.get(account.accountId)!;
    },
  };
}

export function expectNotFound(res: LightMyRequestResponse, who: string) {
  expect({ who, status: res.statusCode }).toEqual({ who, status: 404 });
  expect(res.json().message).toBe('记录不存在或不在您的管理范围内');
}
