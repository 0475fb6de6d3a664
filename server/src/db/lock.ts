import fs from 'node:fs';
import path from 'node:path';

export interface DataDirLock {
  release(): void;
}

/**
 * PGlite has no lock between processes: two servers on one data directory would corrupt it.
 * We hold an exclusive lock file with our pid; a second process refuses to start, unless the
 * holder is gone (stale lock after a crash), in which case the lock is taken over.
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  const file = path.join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
          } catch {
            // already gone
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(file, 'utf8').trim());
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(
          `数据目录 ${dataDir} 已被另一个进程（pid ${holder}）使用：内置数据库只能由一个进程打开。` +
            `请先停止该进程，或设置 DATA_DIR 使用其他目录，或设置 DATABASE_URL 使用 PostgreSQL。`,
          { cause: err },
        );
      }
      fs.unlinkSync(file); // stale lock from a process that no longer exists
    }
  }
  throw new Error(`无法锁定数据目录 ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
