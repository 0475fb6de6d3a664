import crypto from 'node:crypto';
import { maskPhone } from '@ce/shared';

export type ConsultationState = 'open' | 'answered' | 'closed';

/** Which states each action of the handling organisation starts from. */
export const CONSULTATION_TRANSITIONS = {
  answer: ['open', 'answered'],
  escalate: ['open', 'answered'],
  close: ['open', 'answered'],
  followUp: ['open', 'answered'],
} as const satisfies Record<string, readonly ConsultationState[]>;

export const CONSULTATION_REFUSALS: Record<keyof typeof CONSULTATION_TRANSITIONS, string> = {
  answer: '该咨询已关闭，不能再答复',
  escalate: '该咨询已关闭，不能转上级机构',
  close: '该咨询已关闭',
  followUp: '该咨询已关闭，如有新问题请重新提问',
};

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/l). */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A visitor's lookup code: 12 characters, about 70 bits, the only key to the thread. */
export function newLookupCode(): string {
  const bytes = crypto.randomBytes(12);
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

/** A visitor's phone or e-mail as admins see it in lists: 138****5678, z***@example.com. */
export function maskContact(contact: string): string {
  const at = contact.indexOf('@');
  if (at > 0) return `${contact[0]}***${contact.slice(at)}`;
  return maskPhone(contact);
}
