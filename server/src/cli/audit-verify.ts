/**
 * Checks the audit log's SM3 hash chain (README "审计日志防篡改"): exit code 0 when intact, 1 naming
 * the first broken row. Usage: npm run audit:verify (same DATABASE_URL / DATA_DIR as the servers).
 */
import { loadConfig } from '../config';
import { migrate, openDatabase } from '../db';
import { verifyAuditChain } from '../audit/chain';

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database);
    const result = await verifyAuditChain(database.db);
    if (result.ok) {
      console.log(
        `审计日志哈希链完整：已校验 ${result.checked} 条${result.unchained ? `（另有 ${result.unchained} 条为启用哈希链之前的记录）` : ''}。`,
      );
    } else {
      console.error(`审计日志哈希链断裂：第一个异常记录 id=${result.brokenId}（${result.reason}）；此前 ${result.checked} 条完好。`);
      process.exitCode = 1;
    }
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
