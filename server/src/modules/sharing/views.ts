/**
 * 谁查看了我的证书 (issue 14): one row per public verification, and the 180-day purge.
 * Called by the certificates module's public query and verification and by the share page.
 *
 * The public reads make no database write of their own (issue 13 item 1): their view rows are
 * collected per app server and written together, one multi-row insert at most every second (or every
 * 200 views), outside the request. The holder's own pages (`flushViews` before reading) see their
 * server's views at once and other servers' within a second. A crash of an app server loses at most
 * the last second of its view rows — the log is an account to the holder, not the record of a
 * certificate, which the public reads never change.
 */
import type { CertificateViewChannel } from '../../db/schema-credentials';
import type { RequestMeta } from '../../access/actor';
import type { Db } from '../../db';
import { insertViews, purgeViewsBefore, type ViewValues } from './repo';
import { maskIp, userAgentFamily, viewRetentionCutoff } from './rules';

const FLUSH_EVERY_MS = 1000;
const FLUSH_AT_ROWS = 200;

class ViewBuffer {
  private pending: ViewValues[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db) {}

  add(row: ViewValues): void {
    this.pending.push(row);
    if (this.pending.length >= FLUSH_AT_ROWS) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
      this.timer.unref();
    }
  }

  /** Writes what is pending (after any write already under way); resolves when it is in the database. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = this.pending;
    this.pending = [];
    this.flushing = this.flushing.then(async () => {
      if (rows.length === 0) return;
      try {
        await insertViews(this.db, rows);
      } catch {
        // The database is briefly unavailable: keep the rows for the next flush (bounded).
        this.pending = [...rows, ...this.pending].slice(-10 * FLUSH_AT_ROWS);
        if (!this.timer) {
          this.timer = setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
          this.timer.unref();
        }
      }
    });
    return this.flushing;
  }
}

const buffers = new WeakMap<Db, ViewBuffer>();
const bufferOf = (db: Db) => {
  let b = buffers.get(db);
  if (!b) buffers.set(db, (b = new ViewBuffer(db)));
  return b;
};

/** Records one view (written with the next flush; no database round trip in the request). */
export function logCertificateView(
  db: Db,
  meta: RequestMeta,
  view: {
    personId: number;
    channel: CertificateViewChannel;
    years: readonly number[];
    outcome: 'valid' | 'revoked' | 'invalid' | 'shown';
    share?: { id: number; recipient: string };
  },
): void {
  bufferOf(db).add({
    personId: view.personId,
    at: meta.now,
    channel: view.channel,
    years: [...new Set(view.years)].sort((a, b) => a - b),
    outcome: view.outcome,
    ipMasked: maskIp(meta.ip),
    uaFamily: userAgentFamily(meta.userAgent),
    shareId: view.share?.id ?? null,
    recipient: view.share?.recipient ?? null,
  });
}

/** Writes this server's pending view rows now (before the holder reads the log; when the app closes). */
export function flushViews(db: Db): Promise<void> {
  return buffers.get(db)?.flush() ?? Promise.resolve();
}

/** Deletes the view log older than 180 days; returns the number of rows deleted. */
export function purgeOldViews(db: Db, now: Date): Promise<number> {
  return purgeViewsBefore(db, viewRetentionCutoff(now));
}
