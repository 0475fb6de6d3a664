/** 通知公告's rows → the answers of the notice endpoints (public list and page, the publisher's console). */
import { NOTICE_STATUS_LABELS, regionDisplayName, type AdminNotice, type NoticeDetail, type NoticeSummary } from '@ce/shared';
import type { schema } from '../../db';
import type { NoticeRow } from './repo';

type StoredFileRow = typeof schema.storedFiles.$inferSelect;

const regionLabel = (code: string) => (code === '410000' ? '河南省' : regionDisplayName(code));

export const toNoticeSummary = (r: NoticeRow, publisherName: string | undefined): NoticeSummary => ({
  id: r.id,
  title: r.title,
  publisherName: publisherName ?? '',
  regionName: regionLabel(r.regionCode),
  pinned: r.pinned,
  publishedAt: r.publishedAt?.toISOString() ?? null,
  attachmentCount: r.attachmentFileIds.length,
});

/** The notice's page: its body and the attachments still stored, in the order they were added. */
export const toNoticeDetail = (summary: NoticeSummary, row: NoticeRow, files: Map<number, StoredFileRow>): NoticeDetail => ({
  ...summary,
  bodyHtml: row.bodyHtml,
  attachments: row.attachmentFileIds.flatMap((id) => {
    const f = files.get(id);
    return f ? [{ fileId: id, name: f.originalName ?? '附件', contentType: f.contentType, size: f.size }] : [];
  }),
});

/** What the publisher sees besides the notice: its state, version and author. */
const editorial = (row: NoticeRow) => ({
  status: row.status,
  statusLabel: NOTICE_STATUS_LABELS[row.status],
  version: row.version,
  authorName: row.authorName,
  updatedAt: row.updatedAt.toISOString(),
  withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
});

export const toAdminNotice = (detail: NoticeDetail, row: NoticeRow): AdminNotice => ({ ...detail, ...editorial(row) });

/** A row of the publisher's list: the summary and its state, without body or attachments. */
export const toOrgNoticeItem = (summary: NoticeSummary, row: NoticeRow) => ({ ...summary, ...editorial(row) });
