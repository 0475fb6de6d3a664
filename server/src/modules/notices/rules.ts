import sanitizeHtml from 'sanitize-html';

/**
 * What a notice's rich text may hold: structure and emphasis, lists, tables and links. Everything
 * else (scripts, event handlers, styles, images, frames, forms) is removed on the server before the
 * text is stored, so the portal can render a notice as it is. Images and documents go as attachments.
 */
const NOTICE_HTML: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'blockquote', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'div', 'span'],
  allowedAttributes: { a: ['href', 'target', 'rel'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Every link opens in a new tab without handing the portal's window to the target.
  transformTags: { a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }) },
};

/** The stored form of a notice's body: allowlisted HTML. */
export function sanitizeNoticeHtml(html: string): string {
  // h1 is the page's own title: a notice's headings start at h2.
  return sanitizeHtml(html.replace(/<h1(\s|>)/gi, '<h2$1').replace(/<\/h1>/gi, '</h2>'), NOTICE_HTML).trim();
}

/** True when the sanitised body has no text a reader would see. */
export const isBlankHtml = (html: string) => sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/&nbsp;|\s/g, '') === '';

/**
 * The portal's regional filter: a city's notices are those of the HRSS bureaus whose region code
 * shares the city's first four digits (the city bureau and its counties; 济源 419001 → 4190).
 */
export const cityPrefix = (cityCode: string) => cityCode.slice(0, 4);

export type NoticeState = 'draft' | 'published' | 'withdrawn';

/** Which states each action starts from (guarded updates check the same). */
export const NOTICE_TRANSITIONS = {
  edit: ['draft', 'withdrawn'],
  publish: ['draft', 'withdrawn'],
  withdraw: ['published'],
  pin: ['draft', 'published', 'withdrawn'],
} as const satisfies Record<string, readonly NoticeState[]>;

export const NOTICE_STATE_REFUSALS: Record<keyof typeof NOTICE_TRANSITIONS, string> = {
  edit: '已发布的通知不能直接修改，请先撤回',
  publish: '该通知已发布',
  withdraw: '只有已发布的通知可以撤回',
  pin: '',
};
