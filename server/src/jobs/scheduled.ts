import type { Deps } from '../http/context';
import { purgeExpired } from '../modules/auth/sessions';
import { purgeOldViews } from '../modules/sharing/views';

/**
 * Periodic housekeeping, run by one app server of all through the job queue's cron schedules
 * (instead of a timer in every process). Other modules add theirs with `deps.jobs.schedule`.
 */
export function registerScheduledTasks(deps: Deps) {
  // Expired sessions, captchas and rate-limit windows.
  deps.jobs.schedule('purge-expired', '*/10 * * * *', () => purgeExpired(deps.db, deps.now()));
  // 谁查看了我的证书: the view log is kept 180 days.
  deps.jobs.schedule('purge-old-views', '17 3 * * *', () => purgeOldViews(deps.db, deps.now()));
}
