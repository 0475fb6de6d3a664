/**
 * Creates the first admin of the province HRSS bureau (there is no default account).
 * Usage: npm run create-province-admin -- --id-number 41010519800512101X --name 张三 --phone 13800000000 --email a@b.cn
 * The password is read from the PROVINCE_ADMIN_PASSWORD environment variable, or typed at the prompt.
 */
import { parseArgs } from 'node:util';
import readline from 'node:readline/promises';
import { and, eq } from 'drizzle-orm';
import { loadConfig } from '../config';
import { migrate, openDatabase, schema } from '../db';
import { ensureBureaus } from '../modules/organisations/bureaus';
import { sealLegacyPii, usePiiKeys } from '../db/pii';
import { personForNewAccount } from '../modules/auth/persons';
import { writeAudit } from '../audit/audit';

async function main() {
  const { values } = parseArgs({
    options: {
      'id-number': { type: 'string' },
      name: { type: 'string' },
      phone: { type: 'string' },
      email: { type: 'string' },
    },
  });
  const idNumber = values['id-number'];
  const name = values.name;
  if (!idNumber || !name || !values.phone || !values.email) {
    throw new Error('用法：npm run create-province-admin -- --id-number 身份证号 --name 姓名 --phone 手机 --email 邮箱');
  }
  let password = process.env.PROVINCE_ADMIN_PASSWORD;
  if (!password) {
    const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
    password = await rl.question('设置密码（至少8位，含大写、小写、数字、符号中的三类）：');
    rl.close();
  }
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database);
    usePiiKeys(config);
    await sealLegacyPii(database.db);
    await ensureBureaus(database.db);
    const now = new Date();
    await database.db.transaction(async (tx) => {
      const [province] = await tx
        .select()
        .from(schema.organisations)
        .where(and(eq(schema.organisations.kind, 'hrss'), eq(schema.organisations.regionCode, '410000')));
      const existingSuper = await tx
        .select()
        .from(schema.accounts)
        .where(and(eq(schema.accounts.orgId, province!.id), eq(schema.accounts.isSuperAdmin, true), eq(schema.accounts.status, 'active')));
      if (existingSuper.length > 0) throw new Error('省人社厅已有超级管理员：请由其在管理后台添加管理员');
      const { personId } = await personForNewAccount(tx, { idNumber, name, phone: values.phone!, email: values.email!, password: password!, role: 'hrss', now });
      const [account] = await tx
        .insert(schema.accounts)
        .values({ personId, role: 'hrss', orgId: province!.id, orgPath: province!.path, status: 'active', isSuperAdmin: true, createdAt: now, reviewedAt: now })
        .returning();
      await writeAudit(tx, { actor: null, meta: { ip: null, userAgent: null, now }, actorName: '系统命令' }, {
        action: 'bootstrap.provinceAdmin',
        objectType: 'account',
        objectId: account!.id,
        scopePath: province!.path,
        detail: { name },
      });
    });
    console.log(`已创建省人社厅超级管理员：${name}。请以“人社部门”角色、身份证号登录。`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
