/**
 * Restores a backup made by `npm run backup` into a fresh (absent or empty) DATA_DIR and FILES_DIR.
 * Usage: DATA_DIR=/srv/ce/data npm run restore -- --from <backup folder>
 * Then start the server on that DATA_DIR as usual (migrations newer than the backup are applied).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { restoreBackup } from '../backup/backup';

async function main() {
  const { values } = parseArgs({ options: { from: { type: 'string' } } });
  if (!values.from) throw new Error('用法：npm run restore -- --from <备份目录>（DATA_DIR 须为新的空目录）');
  const config = loadConfig();
  const manifest = await restoreBackup(path.resolve(values.from), config);
  const files = config.fileStorage.kind === 's3' ? `存储桶 ${config.fileStorage.bucket}` : config.filesDir;
  console.log(`已从 ${manifest.createdAt} 的备份恢复到 ${config.dataDir}（附件：${files}）。启动服务器即可使用。`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
