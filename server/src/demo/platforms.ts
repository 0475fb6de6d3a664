/**
 * The demo learning platform (CONTRACT: "Demo data includes one approved platform; README carries a
 * line `演示学习平台凭证: <platform id> <secret>`"): 郑州大学's base runs it; its bureau (the province)
 * approved it. Fixed credentials so integrators can try the API against a demo server at once.
 */
import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '../db';
import type { OrgRow } from '../modules/organisations/repo';
import type { SecretVault } from '../modules/platforms/vault';

export const DEMO_PLATFORM = {
  name: '郑州大学继续教育在线学习平台',
  url: 'https://jxjy.zzu.example.cn',
  contactName: '马超',
  contactPhone: '0371-67780000',
  platformId: 'plt_zzu_demo_2026',
  secret: 'zzu-demo-platform-secret-2026-change-me',
} as const;

export async function seedDemoPlatform(tx: Tx, now: Date, base: OrgRow, vault: SecretVault): Promise<void> {
  const a = schema.accounts;
  const [admin] = await tx.select({ id: a.id }).from(a).where(and(eq(a.orgId, base.id), eq(a.isSuperAdmin, true))).limit(1);
  await tx.insert(schema.learningPlatforms).values({
    baseOrgId: base.id,
    baseOrgPath: base.path,
    bureauOrgId: base.parentId!,
    name: DEMO_PLATFORM.name,
    url: DEMO_PLATFORM.url,
    contactName: DEMO_PLATFORM.contactName,
    contactPhone: DEMO_PLATFORM.contactPhone,
    status: 'approved',
    clientId: DEMO_PLATFORM.platformId,
    secretSealed: vault.seal(DEMO_PLATFORM.secret, DEMO_PLATFORM.platformId),
    credentialState: 'active',
    credentialIssuedAt: now,
    createdByAccountId: admin!.id,
    createdAt: now,
    decidedAt: now,
  });
}
