/** 在线咨询's rows → the answers of shared/src/endpoints/consultations.ts (threads, lists, FAQ). */
import {
  CONSULTATION_CATEGORY_LABELS,
  CONSULTATION_STATUS_LABELS,
  MESSAGE_KIND_LABELS,
  type AdminConsultation,
  type ConsultationCategory,
  type ConsultationSummary,
  type ConsultationThread,
  type FaqEntry,
} from '@ce/shared';
import type { schema } from '../../db';
import type { ConsultationRow, FaqRow, MessageRow } from './repo';
import { maskContact } from './rules';

type StoredFileRow = typeof schema.storedFiles.$inferSelect;

const category = (code: string) => ({
  category: code as ConsultationCategory,
  categoryLabel: CONSULTATION_CATEGORY_LABELS[code as ConsultationCategory] ?? code,
});

/** `handlerName`: the organisation the consultation now waits at. */
export const toSummary = (r: ConsultationRow, handlerName: string): ConsultationSummary => ({
  id: r.id,
  ...category(r.category),
  title: r.title,
  status: r.status,
  statusLabel: CONSULTATION_STATUS_LABELS[r.status],
  handlerName,
  createdAt: r.createdAt.toISOString(),
  lastActivityAt: r.lastActivityAt.toISOString(),
});

/**
 * The thread. Its asker sees admins by their organisation's name, never by their own
 * (`adminNames`: an admin reading it also sees who wrote each message).
 */
export function toThread(summary: ConsultationSummary, messages: MessageRow[], file: StoredFileRow | undefined, adminNames: boolean): ConsultationThread {
  return {
    ...summary,
    attachment: file ? { name: file.originalName ?? '附件', contentType: file.contentType, size: file.size } : null,
    messages: messages.map((msg) => ({
      id: msg.id,
      kind: msg.kind,
      kindLabel: MESSAGE_KIND_LABELS[msg.kind],
      author: msg.fromAsker ? '提问人' : adminNames ? `${msg.orgName ?? ''}（${msg.authorName}）` : (msg.orgName ?? '管理员'),
      fromAsker: msg.fromAsker,
      text: msg.text,
      at: msg.createdAt.toISOString(),
    })),
  };
}

/** The admin's view: the asker (a visitor's contact masked) and what this admin may do with it. */
export function toAdminConsultation(
  thread: ConsultationThread,
  row: ConsultationRow,
  parts: { originName: string | undefined; canHandle: boolean; canEscalate: boolean; canPublishFaq: boolean; faqEntryId: number | null },
): AdminConsultation {
  return {
    ...thread,
    version: row.version,
    askerName: row.askerName,
    askerKind: row.askerKind,
    askerContact: row.askerKind === 'visitor' ? maskContact(row.askerContact ?? '') : `${parts.originName ?? ''}的专业技术人员`,
    originName: parts.originName ?? '',
    canHandle: parts.canHandle,
    canEscalate: parts.canEscalate,
    canPublishFaq: parts.canPublishFaq,
    faqEntryId: parts.faqEntryId,
  };
}

/** A row of the admins' list: who asked, where, and whether it waits for this organisation. */
export const toAdminListItem = (summary: ConsultationSummary, row: ConsultationRow, originName: string | undefined, actorOrgId: number) => ({
  ...summary,
  askerName: row.askerName,
  originName: originName ?? '',
  awaitingMe: row.currentOrgId === actorOrgId && row.status === 'open',
});

export const toFaqEntry = (r: FaqRow, publisherName: string | undefined): FaqEntry => ({
  id: r.id,
  ...category(r.category),
  question: r.question,
  answer: r.answer,
  publisherName: publisherName ?? '',
  publishedAt: r.publishedAt.toISOString(),
});

/** An entry in the publishing organisation's own list, withdrawn ones included. */
export const toOrgFaqEntry = (r: FaqRow, publisherName: string | undefined) => ({ ...toFaqEntry(r, publisherName), withdrawn: r.withdrawnAt !== null });

export const faqWithdrawn = () => ({ ok: true as const, message: '已从帮助中心撤下' });
