/**
 * Pure rules of hour declarations: the review chain, whose turn it is, the state machine
 * the declaration window, plausibility, the sampling draw and the
 * content check of evidence files (SPEC §11). No database, no clock: callers pass `now`.
 */
import crypto from 'node:crypto';
import {
  chinaDateOf,
  chinaYear,
  type AttachmentType,
  type DeclarationStatus,
  type DeclarationSubject,
  type FormCode,
  type OrgKind,
} from '@ce/shared';

// ------------------------------------------------------------------ dates (China time: @ce/shared chinaTime)

/** Whole calendar days from start to end, both included. */
export function daysInclusive(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86400_000) + 1;
}

// ------------------------------------------------------------------ review chain

export interface ChainOrg {
  id: number;
  kind: OrgKind;
}

/**
 * The review chain of a person's unit: the organisations on the path from the unit up to the first
 * HRSS bureau, each once, in order — unit, its parent units (上级单位), the competent department,
 * the bureau (typically 用人单位 → 主管部门 → 同级人社部门; a 无主管部门 unit: 用人单位 → 人社部门).
 * The last level's approval is the 备案 that makes the hours count.
 *
 * `path` lists the organisations from the root (the province bureau) down to the unit.
 */
export function reviewChainOf(path: readonly ChainOrg[]): number[] {
  const unit = path[path.length - 1];
  if (!unit || unit.kind !== 'unit') throw new Error('review chain: the path must end at a unit');
  const chain: number[] = [];
  for (let i = path.length - 1; i >= 0; i--) {
    const org = path[i]!;
    if (chain.includes(org.id)) continue;
    if (org.kind === 'unit' || org.kind === 'department') chain.push(org.id);
    else if (org.kind === 'hrss') {
      chain.push(org.id);
      return chain;
    }
    // A CE base never has units below it; nothing else to skip.
  }
  throw new Error('review chain: no HRSS bureau above the unit');
}

/**
 * The review chain of 外省学时转入 (issue 14): the person's unit, then the first HRSS bureau above it.
 * Parent units and the competent department are skipped: the bureau checks another province's
 * certificate, not a training the department organised.
 */
export function transferChainOf(path: readonly ChainOrg[]): number[] {
  const full = reviewChainOf(path);
  return [full[0]!, full[full.length - 1]!];
}

export type Turn =
  | { kind: 'your_turn'; level: number }
  /** A lower level has not passed it yet. */
  | { kind: 'not_yet'; level: number; currentLevel: number }
  /** The organisation already passed it (it moved up), or it is no longer pending. */
  | { kind: 'handled' }
  /** The organisation is not on this record's chain (e.g. the province above a city's chain). */
  | { kind: 'not_in_chain' };

/** Whether `orgId` may decide on the record now. */
export function reviewTurn(
  record: { status: string; reviewChain: readonly number[]; currentLevel: number | null },
  orgId: number,
): Turn {
  const level = record.reviewChain.indexOf(orgId);
  if (level < 0) return { kind: 'not_in_chain' };
  if (record.status !== 'pending' || record.currentLevel == null) return { kind: 'handled' };
  if (level === record.currentLevel) return { kind: 'your_turn', level };
  if (level < record.currentLevel) return { kind: 'handled' };
  return { kind: 'not_yet', level, currentLevel: record.currentLevel };
}

/**
 * A rejection at the first level is 审核不通过; at a later level, after lower levels passed the
 * record, it is 驳回 (seed 003 FAQ "学时申报错误，如何撤销"). Both send it back to the person as
 * rejected with the reason; the history names which it was.
 */
export const rejectionAction = (level: number): 'reject' | 'return' => (level === 0 ? 'reject' : 'return');

// ------------------------------------------------------------------ state machine

export type PersonAction = 'edit' | 'delete' | 'submit' | 'revoke' | 'upload';
export type ReviewAction = 'approve' | 'reject';

/** What the person may do in each state. */
export const PERSON_ACTIONS: Record<DeclarationStatus, readonly PersonAction[]> = {
  draft: ['edit', 'delete', 'submit', 'upload'],
  // Revoke only while the first level has not acted (checked with the level, see canPerson).
  pending: ['revoke'],
  approved: [],
  // Corrected and resubmitted as a new submission on the same record.
  rejected: ['edit', 'submit', 'upload'],
  revoked: [],
};

export function canPerson(
  record: { status: string; currentLevel: number | null; batchId?: number | null; transferId?: number | null },
  action: PersonAction,
): boolean {
  // A unit's or department's batch record is the declarer's: the person neither edits nor revokes it.
  if (record.batchId != null) return false;
  // A 外省转入 record belongs to its application: withdrawn as a whole, never edited or resubmitted.
  if (record.transferId != null) return false;
  const allowed = PERSON_ACTIONS[record.status as DeclarationStatus] ?? [];
  if (!allowed.includes(action)) return false;
  if (action === 'revoke') return record.currentLevel === 0;
  return true;
}

/** The state after a reviewer's decision at `level` of a chain of `chainLength` levels. */
export function afterDecision(
  decision: ReviewAction,
  level: number,
  chainLength: number,
): { status: 'pending' | 'approved' | 'rejected'; currentLevel: number | null } {
  if (decision === 'reject') return { status: 'rejected', currentLevel: null };
  if (level + 1 >= chainLength) return { status: 'approved', currentLevel: null };
  return { status: 'pending', currentLevel: level + 1 };
}

// ------------------------------------------------------------------ window

export interface YearWindow {
  opensOn: string;
  closesOn: string;
}
export interface YearOpening {
  expiresAt: Date;
}

export type YearOpenState = { open: true; until: string | null; reason: string } | { open: false; message: string };

export const PAST_YEAR_CLOSED = '往年学时申报已截止';

/**
 * Whether a year can be declared today. Without a window set by the province, only the current
 * year is open (FAQ "能否申报往年学时？"：往年学时申报已截止，目前仅可申报当年学时). A window set by the
 * province replaces that rule for its year (it may, e.g., keep last year open until the end of
 * January). A bureau's opening for a named person opens a past year for that person until it expires.
 */
export function yearOpenState(opts: {
  year: number;
  now: Date;
  window?: YearWindow | null;
  opening?: YearOpening | null;
}): YearOpenState {
  const today = chinaDateOf(opts.now);
  const current = chinaYear(opts.now);
  if (opts.opening && opts.opening.expiresAt.getTime() >= opts.now.getTime()) {
    return { open: true, until: chinaDateOf(opts.opening.expiresAt), reason: '人社部门为您开放的补报' };
  }
  const w = opts.window;
  if (w) {
    if (today < w.opensOn) return { open: false, message: `${opts.year}年度学时申报将于${w.opensOn}开放` };
    if (today > w.closesOn) {
      return { open: false, message: opts.year < current ? PAST_YEAR_CLOSED : `${opts.year}年度学时申报已于${w.closesOn}截止` };
    }
    return { open: true, until: w.closesOn, reason: '省人社厅设定的申报时间' };
  }
  if (opts.year === current) return { open: true, until: `${current}-12-31`, reason: '当年学时' };
  if (opts.year < current) return { open: false, message: PAST_YEAR_CLOSED };
  return { open: false, message: `尚未到${opts.year}年度，不能申报` };
}

/** A window the province may set for `year`: it opens within the year and closes by the end of the next. */
export function validateWindow(year: number, w: YearWindow): string | null {
  if (w.closesOn < w.opensOn) return '截止日期不能早于开放日期';
  if (w.opensOn < `${year}-01-01`) return `开放日期不能早于${year}年1月1日`;
  if (w.closesOn > `${year + 1}-12-31`) return `截止日期不能晚于${year + 1}年12月31日`;
  return null;
}

// ------------------------------------------------------------------ plausibility

/** Forms that can only count as 专业科目 (seed 001 items 13 and 14 are 专业科目培训 by name). */
export const PROFESSIONAL_ONLY_FORMS: readonly FormCode[] = ['department_training', 'unit_training'];

/** How far the claim is above the standard hours, or null when it is not. */
export function overStandardBy(claimed: number, standard: number | null): number | null {
  if (standard == null) return null;
  const diff = Math.round((claimed - standard) * 10) / 10;
  return diff > 0 ? diff : null;
}

// ------------------------------------------------------------------ drafts (保存暂不提交)

/** The fields a draft may leave empty (null, or '' for free text); submitting needs every one. */
export interface DraftFields {
  subject: DeclarationSubject | null;
  form: FormCode | null;
  title: string | null;
  organiser: string | null;
  startDate: string | null;
  endDate: string | null;
  assessmentResult: string | null;
  claimedHours: number | null;
  /** Form 15 ('reduction') only. */
  monthsOnDuty?: number | null;
}

/** The same fields once nothing is missing. */
export type CompleteFields<T extends DraftFields> = Omit<T, DraftFieldName> & {
  subject: DeclarationSubject;
  form: FormCode;
  title: string;
  organiser: string;
  startDate: string;
  endDate: string;
  assessmentResult: string;
  claimedHours: number;
};
type DraftFieldName = 'subject' | 'form' | 'title' | 'organiser' | 'startDate' | 'endDate' | 'assessmentResult' | 'claimedHours';

/** In the order of the form, with the words the form shows (学时（分）申报). */
const REQUIRED_FIELDS: readonly { field: DraftFieldName; message: string }[] = [
  { field: 'subject', message: '请选择计入科目' },
  { field: 'form', message: '请选择学习形式' },
  { field: 'title', message: '请填写学习内容' },
  { field: 'organiser', message: '请填写主办单位' },
  { field: 'startDate', message: '请选择开始日期' },
  { field: 'endDate', message: '请选择结束日期' },
  { field: 'assessmentResult', message: '请填写考核结果' },
  { field: 'claimedHours', message: '请填写申报学时' },
];

export interface FieldGap {
  field: DraftFieldName | 'monthsOnDuty';
  message: string;
}

/** What a draft still lacks before it can be submitted, in the form's order; empty when nothing. */
export function declarationGaps(d: DraftFields): FieldGap[] {
  const gaps: FieldGap[] = REQUIRED_FIELDS.filter(({ field }) => {
    const v = d[field];
    return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
  });
  if (d.form === 'reduction' && d.monthsOnDuty == null) gaps.push({ field: 'monthsOnDuty', message: '请填写该年度实际在岗月数' });
  return gaps;
}

/** The draft with nothing missing, or null (then `declarationGaps` says what is). */
export function completeFields<T extends DraftFields>(d: T): CompleteFields<T> | null {
  return declarationGaps(d).length === 0 ? (d as unknown as CompleteFields<T>) : null;
}

/** One sentence for the gaps: "请填写完整后再提交：学习形式、学习内容未填写". */
export function gapsMessage(gaps: readonly FieldGap[]): string {
  const names = gaps.map((g) => g.message.replace(/^请(选择|填写)/, '').replace(/^该年度/, ''));
  return `请填写完整后再提交：${names.join('、')}尚未填写`;
}

/**
 * Checks of a declaration's own facts; returns the first problem in Chinese, or null. A draft's
 * empty fields (null) skip the checks that need them: what is filled is checked when it is saved,
 * the rest when it is submitted.
 */
export function checkDeclarationFacts(d: {
  subject: string | null;
  form: FormCode | null;
  startDate: string | null;
  endDate: string | null;
  year: number;
  params: Record<string, unknown>;
}): string | null {
  if (d.startDate && d.endDate && d.endDate < d.startDate) return '结束日期不能早于开始日期';
  if (d.startDate && Number(d.startDate.slice(0, 4)) > d.year) return `开始日期不能晚于计入年度（${d.year}年）`;
  if (d.subject === 'public' && d.form && PROFESSIONAL_ONLY_FORMS.includes(d.form)) return '该学习形式只能计入专业科目';
  const days = typeof d.params.days === 'number' ? d.params.days : null;
  if (days != null && d.startDate && d.endDate && (d.form === 'conference' || d.form === 'grassroots_service')) {
    const span = daysInclusive(d.startDate, d.endDate);
    if (days > span) return `填写的天数（${days}天）超过了起止日期之间的天数（${span}天）`;
  }
  return null;
}

/** The province's cap blocks absurd claims at submission. */
export function capMessage(formLabel: string, claimed: number, maxHours: number | null): string | null {
  if (maxHours == null || claimed <= maxHours) return null;
  return `“${formLabel}”每条申报不能超过${maxHours}学时（省人社厅设定的上限），您填写了${claimed}学时，请按学时折算标准核实后填写`;
}

// ------------------------------------------------------------------ sampling draw

/**
 * A deterministic pseudo-random generator (sfc32) seeded from the SHA-256 of a text seed: the same
 * seed always yields the same sequence, on every platform.
 */
export function seededRandom(seed: string): () => number {
  const h = crypto.createHash('sha256').update(seed, 'utf8').digest();
  let a = h.readUInt32LE(0);
  let b = h.readUInt32LE(4);
  let c = h.readUInt32LE(8);
  let d = h.readUInt32LE(12);
  const next32 = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 15; i++) next32();
  // 53 random bits → [0, 1).
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

/** How many records a draw takes from a population of `population`. */
export function sampleSizeFor(opts: { rate?: number; count?: number }, population: number, max: number): number {
  const wanted = opts.count ?? Math.ceil((opts.rate ?? 0) * population - 1e-9);
  return Math.max(0, Math.min(wanted, population, max));
}

/**
 * `size` distinct positions in [0, population), chosen uniformly with the seeded generator
 * (Floyd's algorithm), ascending. With the population in a stable order (by id), the same seed
 * gives the same records.
 */
export function samplePositions(seed: string, population: number, size: number): number[] {
  if (size > population) throw new Error('sample larger than the population');
  const random = seededRandom(seed);
  const chosen = new Set<number>();
  for (let j = population - size; j < population; j++) {
    const t = Math.floor(random() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((x, y) => x - y);
}

// ------------------------------------------------------------------ evidence files

// Evidence is typed by its bytes in shared rules/fileType.ts sniffContentType, like every upload.

/** A file name safe to show and to put in a header: no path, no control characters, bounded length. */
export function cleanFileName(name: string | undefined, type: AttachmentType): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(-120);
  if (cleaned) return cleaned;
  const ext = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf', 'application/zip': 'zip' }[type];
  return `证明材料.${ext}`;
}

/** `Content-Disposition` with the original name (RFC 6266/5987): images and PDF inline, archives as download. */
export function contentDisposition(name: string, type: AttachmentType): string {
  const kind = type === 'application/zip' ? 'attachment' : 'inline';
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
