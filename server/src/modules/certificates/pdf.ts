import crypto from 'node:crypto';
import zlib from 'node:zlib';
import {
  PDFArray,
  PDFContentStream,
  PDFDocument,
  PDFRef,
  PDFString,
  PageSizes,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setCharacterSpacing,
  type Color,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import { loadFont, needsFallback, pdfLibFontkit, splitIntoRuns, type LoadedFont } from './fonts';
import { QUIET_ZONE_MODULES, drawQr, qrMatrix } from './qr';
import { drawSeal } from './seal';
import { certificateSentence, sealText } from './rules';
import { chineseDate, formatHours } from '@ce/shared';

/** One year's line of a certificate. */
export interface CertificateYear {
  year: number;
  publicHours: number;
  professionalHours: number;
}

/** Everything printed on one certificate: one year, or a merged range of passed years. */
export interface CertificateDocument {
  /** 证书管理号 (13 digits). */
  certNo: string;
  holderName: string;
  /** ID number, already masked (410102********1234). */
  idNumberMasked: string;
  /** The year(s), ascending; more than one for a merged print. */
  years: readonly CertificateYear[];
  /** 发证单位: the issuing bureau's name. */
  issuerName: string;
  /** The bureau's region as it appears on the seal: "郑州市" → 郑州市专业技术人员继续教育专用章. */
  sealRegionName: string;
  /** 发证时间 as a calendar date in China (YYYY-MM-DD), printed 2026年11月22日. */
  issuedOn: string;
  /** The text of the QR code (the verification URL carrying the signed token). */
  verificationUrl: string;
  /** 外省转入: a note under the table naming the years with hours transferred in (transferNote). */
  transferNote?: string | null;
}

const MM = 72 / 25.4;
const [PAGE_W, PAGE_H] = PageSizes.A4 as [number, number];
const INK = rgb(0.1, 0.1, 0.1);
const FRAME_RED = rgb(0.6, 0.11, 0.1);
const MUTED = rgb(0.35, 0.35, 0.35);
const TABLE_HEAD = rgb(0.97, 0.94, 0.9);

// Layout, in points from the page's lower-left corner.
const FRAME_OUTER = 11 * MM;
const FRAME_INNER = 13.2 * MM;
const TEXT_LEFT = 30 * MM;
const TEXT_RIGHT = PAGE_W - 30 * MM;
const TEXT_WIDTH = TEXT_RIGHT - TEXT_LEFT;
const SEAL_RADIUS = 21 * MM; // a 42 mm seal
/** QR modules of ≈0.47 mm (easy for phones, and for scanners at 110 dpi); the symbol alone stays ≥ 25 mm. */
const QR_MODULE = 0.47 * MM;
const QR_MIN_SIDE = 32 * MM;
const QR_MAX_SIDE = 44 * MM;
const ISSUER_BASELINE = 80 * MM;
const DATE_BASELINE = 70 * MM;
const FOOTER_BASELINE = 21 * MM;
/** The seal's centre: between the 发证单位 and 发证时间 lines, so it covers the name and the date. */
const SEAL_Y = (ISSUER_BASELINE + DATE_BASELINE) / 2 + 2 * MM;
/** Nothing of the body may come lower than this (the issuer block and the seal live below). */
const BODY_FLOOR = SEAL_Y + SEAL_RADIUS + 5 * MM;

interface Fonts {
  serif: PDFFont;
  bold: PDFFont;
  kai: PDFFont | null;
  loaded: { serif: LoadedFont; bold: LoadedFont; kai: LoadedFont | null };
}

/**
 * Renders the electronic certificate (SPEC R-22, seed 002 附件1) as a one-page A4 PDF: the template's
 * wording, the holder's lines and hours, the issuing bureau's red e-seal, and the verification QR.
 * Fonts are embedded as subsets; names in any GB 18030 character fall back per character from the
 * serif to LXGW WenKai.
 */
export async function renderCertificatePdf(doc: CertificateDocument): Promise<Uint8Array> {
  if (doc.years.length === 0) throw new Error('a certificate covers at least one year');
  const [serif, bold] = await Promise.all([loadFont('serif'), loadFont('serifBold')]);
  const personText = doc.holderName + doc.idNumberMasked + doc.certNo + doc.issuerName;
  const kai = needsFallback(personText, serif) ? await loadFont('kai') : null;

  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(pdfLibFontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  useNativeDeflate(pdf);
  const years = doc.years.map((y) => y.year);
  pdf.setTitle(`河南省专业技术人员继续教育证书（${doc.certNo}）`);
  pdf.setSubject(`${years.join('、')}年度专业技术人员继续教育证书`);
  pdf.setAuthor(doc.issuerName);
  pdf.setCreator('河南省专业技术人员公共服务平台');
  pdf.setProducer('河南省专业技术人员公共服务平台');
  pdf.setLanguage('zh-CN');
  const issued = new Date(`${doc.issuedOn}T00:00:00+08:00`);
  pdf.setCreationDate(issued);
  pdf.setModificationDate(issued);

  const fonts: Fonts = {
    serif: await embedSubset(pdf, serif),
    bold: await embedSubset(pdf, bold),
    kai: kai ? await embedSubset(pdf, kai) : null,
    loaded: { serif, bold, kai },
  };
  const page = pdf.addPage([PAGE_W, PAGE_H]);
  const text = new TextWriter(page, fonts);

  drawFrame(page);

  // 证书管理号 in the upper right corner.
  text.line(`证书管理号：${doc.certNo}`, {
    size: 11,
    x: TEXT_RIGHT,
    y: PAGE_H - 25 * MM,
    align: 'right',
    color: MUTED,
  });

  // Title, letter-spaced, and a rule under it.
  const titleY = PAGE_H - 52 * MM;
  text.line('河南省专业技术人员继续教育证书', {
    size: 25,
    x: PAGE_W / 2,
    y: titleY,
    align: 'center',
    bold: true,
    spacing: 3,
    color: rgb(0.55, 0.07, 0.06),
  });
  page.drawLine({
    start: { x: TEXT_LEFT + 18 * MM, y: titleY - 9 * MM },
    end: { x: TEXT_RIGHT - 18 * MM, y: titleY - 9 * MM },
    thickness: 0.8,
    color: FRAME_RED,
  });
  page.drawLine({
    start: { x: TEXT_LEFT + 18 * MM, y: titleY - 10.2 * MM },
    end: { x: TEXT_RIGHT - 18 * MM, y: titleY - 10.2 * MM },
    thickness: 0.3,
    color: FRAME_RED,
  });

  // The template's sentence, justified, first line indented two characters.
  const body = { size: 15, leading: 15 * 2.05 };
  let y = titleY - 30 * MM;
  y = text.paragraph(certificateSentence(doc.holderName, years), {
    ...body,
    x: TEXT_LEFT,
    y,
    width: TEXT_WIDTH,
    indent: 2,
  });

  // The holder's line and the table of hours, in the space left above the issuer block: rows
  // shrink when a merged print lists many years.
  const rows = (doc.years.length > 6 ? Math.ceil(doc.years.length / 2) : doc.years.length) + 1;
  const slack = Math.max(0, y - BODY_FLOOR - (20 * MM + rows * 9 * MM));
  const infoY = y - 12 * MM - Math.min(slack / 2, 22 * MM);
  text.line(`姓名：${doc.holderName}`, { size: 13, x: TEXT_LEFT, y: infoY });
  text.line(`身份证号：${doc.idNumberMasked}`, { size: 13, x: TEXT_RIGHT, y: infoY, align: 'right' });
  const tableBottom = drawHoursTable(page, text, doc.years, infoY - 8 * MM, doc.transferNote ? BODY_FLOOR + 7 * MM : BODY_FLOOR);
  if (doc.transferNote) text.line(doc.transferNote, { size: 9.5, x: TEXT_LEFT, y: tableBottom - 5 * MM, color: MUTED });

  // 发证单位 / 发证时间, right-aligned as a block; the seal covers the bureau's name and the date.
  const issuerLabel = '发证单位：';
  const dateLabel = '发证时间：';
  const dateText = chineseDate(doc.issuedOn);
  const size = 14;
  const blockWidth = Math.max(
    text.width(issuerLabel + doc.issuerName, size),
    text.width(dateLabel + dateText, size),
  );
  const blockLeft = TEXT_RIGHT - blockWidth;
  text.line(issuerLabel + doc.issuerName, { size, x: blockLeft, y: ISSUER_BASELINE });
  text.line(dateLabel + dateText, { size, x: blockLeft, y: DATE_BASELINE });

  // The verification QR at the lower left, with its caption.
  const qr = qrMatrix(doc.verificationUrl);
  const qrSide = Math.min(QR_MAX_SIDE, Math.max(QR_MIN_SIDE, (qr.size + 2 * QUIET_ZONE_MODULES) * QR_MODULE));
  const qrX = TEXT_LEFT - 4 * MM;
  const qrY = DATE_BASELINE - 17 * MM;
  drawQr(page, qr, qrX, qrY, qrSide);
  linkArea(page, doc.verificationUrl, qrX, qrY, qrSide);
  text.line('扫码验证证书真伪', {
    size: 9,
    x: qrX + qrSide / 2,
    y: qrY - 2 * MM,
    align: 'center',
    color: MUTED,
  });

  text.line('河南省人力资源和社会保障厅监制', {
    size: 11,
    x: PAGE_W / 2,
    y: FOOTER_BASELINE,
    align: 'center',
    color: MUTED,
  });

  const nameLeft = blockLeft + text.width(issuerLabel, size);
  const nameCentre = nameLeft + text.width(doc.issuerName, size) / 2;
  drawSeal(page, {
    x: Math.min(nameCentre, TEXT_RIGHT - SEAL_RADIUS + 8 * MM),
    y: SEAL_Y,
    radius: SEAL_RADIUS,
    text: sealText(doc.sealRegionName),
    fonts: [bold.font, ...(kai ? [kai.font] : [])],
  });

  compressContentStreams(page);
  return pdf.save({ useObjectStreams: false });
}

/**
 * pdf-lib compresses embedded font programs and their ToUnicode maps with pako (JavaScript); for
 * this document, node's zlib does it instead: same Flate output, several times faster.
 */
function useNativeDeflate(pdf: PDFDocument) {
  const { context } = pdf;
  const flateStream: typeof context.flateStream = (contents, dict = {}) =>
    context.stream(
      zlib.deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents),
      { ...dict, Filter: 'FlateDecode' },
    );
  context.flateStream = flateStream;
}

/**
 * The page's content (a seal and a QR code are thousands of path operators) re-encoded with the same
 * native deflate, just before saving: nothing may be drawn on the page afterwards.
 */
function compressContentStreams(page: PDFPage) {
  const { context } = page.doc;
  const contents = page.node.Contents();
  const refs = contents instanceof PDFArray ? contents.asArray() : [];
  for (const ref of refs) {
    const stream = ref instanceof PDFRef ? context.lookup(ref) : undefined;
    if (ref instanceof PDFRef && stream instanceof PDFContentStream)
      context.assign(ref, context.flateStream(stream.getUnencodedContents()));
  }
}

/** Embeds a font as a subset, named as PDF readers expect of one ("ABCDEF+NotoSerifSC-Regular"). */
function embedSubset(pdf: PDFDocument, font: LoadedFont): Promise<PDFFont> {
  const tag = Array.from(crypto.randomBytes(6), (b) => String.fromCharCode(65 + (b % 26))).join('');
  return pdf.embedFont(font.bytes, { subset: true, customName: `${tag}+${font.font.postscriptName}` });
}

/**
 * A link annotation over the QR code: on screen, clicking the code opens the same verification page
 * that scanning it does (no border is drawn; printing is unaffected).
 */
function linkArea(page: PDFPage, url: string, x: number, y: number, side: number) {
  const { context } = page.doc;
  const link = context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [x, y, x + side, y + side],
    Border: [0, 0, 0],
    A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) },
  });
  page.node.addAnnot(context.register(link));
}

function drawFrame(page: PDFPage) {
  const outer = {
    x: FRAME_OUTER,
    y: FRAME_OUTER,
    width: PAGE_W - 2 * FRAME_OUTER,
    height: PAGE_H - 2 * FRAME_OUTER,
  };
  const inner = {
    x: FRAME_INNER,
    y: FRAME_INNER,
    width: PAGE_W - 2 * FRAME_INNER,
    height: PAGE_H - 2 * FRAME_INNER,
  };
  page.drawRectangle({ ...outer, borderColor: FRAME_RED, borderWidth: 2.4 });
  page.drawRectangle({ ...inner, borderColor: FRAME_RED, borderWidth: 0.7 });
  // Small squares at the inner corners.
  const c = 2.2 * MM;
  for (const [x, y] of [
    [inner.x, inner.y],
    [inner.x + inner.width, inner.y],
    [inner.x, inner.y + inner.height],
    [inner.x + inner.width, inner.y + inner.height],
  ] as const) {
    page.drawRectangle({ x: x - c / 2, y: y - c / 2, width: c, height: c, color: FRAME_RED });
  }
}

/**
 * The hours of the year(s). Up to six years make one table; more (a long merged print) are split into
 * two tables side by side so the rows stay legible.
 */
function drawHoursTable(
  page: PDFPage,
  text: TextWriter,
  years: readonly CertificateYear[],
  top: number,
  floor: number,
): number {
  const panels = years.length > 6 ? 2 : 1;
  const perPanel = Math.ceil(years.length / panels);
  const rows = perPanel + 1;
  const captionRoom = panels > 1 ? 6 * MM : 0;
  const rowHeight = Math.min(9 * MM, (top - floor - captionRoom) / rows);
  const gap = 6 * MM;
  const panelWidth = (TEXT_WIDTH - gap * (panels - 1)) / panels;
  const headers =
    panels === 1
      ? ['年度', '公需科目（学时）', '专业科目（学时）', '合计（学时）']
      : ['年度', '公需科目', '专业科目', '合计'];
  const colWidth = panelWidth / headers.length;
  const size = Math.min(12, rowHeight * 0.5);
  const baseline = (rowTop: number) => rowTop - rowHeight / 2 - size * 0.36;
  const grid = rgb(0.45, 0.45, 0.45);
  for (let p = 0; p < panels; p++) {
    const left = TEXT_LEFT + p * (panelWidth + gap);
    const right = left + panelWidth;
    page.drawRectangle({
      x: left,
      y: top - rowHeight,
      width: panelWidth,
      height: rowHeight,
      color: TABLE_HEAD,
    });
    headers.forEach((h, i) =>
      text.line(h, { size, x: left + colWidth * (i + 0.5), y: baseline(top), align: 'center', bold: true }),
    );
    years.slice(p * perPanel, (p + 1) * perPanel).forEach((y, r) => {
      const cells = [
        String(y.year),
        formatHours(y.publicHours),
        formatHours(y.professionalHours),
        formatHours(y.publicHours + y.professionalHours),
      ];
      const rowTop = top - rowHeight * (r + 1);
      cells.forEach((cell, i) =>
        text.line(cell, { size, x: left + colWidth * (i + 0.5), y: baseline(rowTop), align: 'center' }),
      );
    });
    for (let r = 0; r <= rows; r++) {
      const yy = top - rowHeight * r;
      page.drawLine({
        start: { x: left, y: yy },
        end: { x: right, y: yy },
        thickness: r === 0 || r === rows ? 0.9 : 0.5,
        color: grid,
      });
    }
    for (let c = 0; c <= headers.length; c++) {
      const xx = left + colWidth * c;
      const outer = c === 0 || c === headers.length;
      page.drawLine({
        start: { x: xx, y: top },
        end: { x: xx, y: top - rowHeight * rows },
        thickness: outer ? 0.9 : 0.5,
        color: grid,
      });
    }
  }
  if (panels > 1) {
    text.line('单位：学时', {
      size: 9,
      x: TEXT_RIGHT,
      y: top - rowHeight * rows - 4 * MM,
      align: 'right',
      color: MUTED,
    });
  }
  return top - rowHeight * rows;
}

interface LineStyle {
  size: number;
  x: number;
  y: number;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  /** Extra space after every character, in points. */
  spacing?: number;
  color?: Color;
}

/** Draws text in runs of one font each, falling back per character (see splitIntoRuns). */
class TextWriter {
  constructor(
    private readonly page: PDFPage,
    private readonly fonts: Fonts,
  ) {}

  private runs(text: string, bold: boolean) {
    const { loaded } = this.fonts;
    const order = [bold ? loaded.bold : loaded.serif, ...(loaded.kai ? [loaded.kai] : [])];
    return splitIntoRuns(text, order).runs.map((r) => ({
      text: r.text,
      font: this.pdfFont(r.font),
      fontName: r.font.name,
    }));
  }

  private pdfFont(font: LoadedFont): PDFFont {
    if (font.name === 'serifBold') return this.fonts.bold;
    if (font.name === 'kai' && this.fonts.kai) return this.fonts.kai;
    return this.fonts.serif;
  }

  /** Width of `text` at `size`, with `spacing` after each character. */
  width(text: string, size: number, bold = false, spacing = 0): number {
    return this.runs(text, bold).reduce((w, r) => w + runWidth(r, size) + spacing * [...r.text].length, 0);
  }

  line(text: string, style: LineStyle): void {
    const spacing = style.spacing ?? 0;
    const total = this.width(text, style.size, style.bold, spacing) - spacing;
    const x =
      style.align === 'center' ? style.x - total / 2 : style.align === 'right' ? style.x - total : style.x;
    this.drawRuns(this.runs(text, style.bold ?? false), x, style.y, style.size, spacing, style.color ?? INK);
  }

  private drawRuns(
    runs: { text: string; font: PDFFont; fontName: string }[],
    x: number,
    y: number,
    size: number,
    spacing: number,
    color: Color,
  ) {
    if (spacing) this.page.pushOperators(pushGraphicsState(), setCharacterSpacing(spacing));
    for (const run of runs) {
      this.page.drawText(run.text, { x, y, size, font: run.font, color });
      x += runWidth(run, size) + spacing * [...run.text].length;
    }
    if (spacing) this.page.pushOperators(popGraphicsState());
  }

  /**
   * A justified paragraph: lines break between any two characters except inside runs of Latin
   * letters and digits; a line never starts with closing punctuation nor ends with opening
   * punctuation (避头尾). Returns the baseline below the last line.
   */
  paragraph(
    text: string,
    o: { size: number; leading: number; x: number; y: number; width: number; indent: number },
  ): number {
    const tokens = text.match(/[0-9A-Za-z*]+|[\s\S]/gu) ?? [];
    const widths = tokens.map((t) => this.width(t, o.size));
    const lines: number[][] = [];
    let current: number[] = [];
    let used = o.indent * o.size;
    tokens.forEach((token, i) => {
      const limit = o.width;
      if (current.length > 0 && used + widths[i]! > limit + 0.01) {
        // 避头: closing punctuation may not start a line; move the previous token down with it.
        if (CLOSING.has(token) && current.length > 1) {
          const moved = current.pop()!;
          lines.push(current);
          current = [moved];
          used = widths[moved]!;
        } else {
          lines.push(current);
          current = [];
          used = 0;
        }
        // 避尾: opening punctuation may not end a line.
        const prev = lines[lines.length - 1]!;
        while (prev.length > 1 && OPENING.has(tokens[prev[prev.length - 1]!]!)) {
          const moved = prev.pop()!;
          current.unshift(moved);
          used += widths[moved]!;
        }
      }
      current.push(i);
      used += widths[i]!;
    });
    if (current.length) lines.push(current);

    let y = o.y;
    lines.forEach((line, li) => {
      const start = o.x + (li === 0 ? o.indent * o.size : 0);
      const natural = line.reduce((w, t) => w + widths[t]!, 0);
      const chars = line.reduce((n, t) => n + [...tokens[t]!].length, 0);
      const last = li === lines.length - 1;
      const room = o.width - (li === 0 ? o.indent * o.size : 0) - natural;
      const spacing = !last && chars > 1 && room > 0 ? room / (chars - 1) : 0;
      const lineText = line.map((t) => tokens[t]).join('');
      this.drawRuns(this.runs(lineText, false), start, y, o.size, spacing, INK);
      y -= o.leading;
    });
    return y + o.leading;
  }
}

/**
 * Widths of one-font runs at 1 pt, shared by every document: the template's words recur on every
 * certificate, and each measure is otherwise a full OpenType layout. Bounded; cleared when full.
 */
const widthCache = new Map<string, number>();
function runWidth(run: { text: string; font: PDFFont; fontName: string }, size: number): number {
  const key = `${run.fontName}|${run.text}`;
  let perPoint = widthCache.get(key);
  if (perPoint === undefined) {
    perPoint = run.font.widthOfTextAtSize(run.text, 1);
    if (widthCache.size >= 20_000) widthCache.clear();
    widthCache.set(key, perPoint);
  }
  return perPoint * size;
}

const CLOSING = new Set([...'，。、；：？！）》」』”’〉】…—%']);
const OPENING = new Set([...'（《「『“‘〈【']);
