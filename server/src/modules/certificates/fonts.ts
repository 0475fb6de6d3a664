import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import * as fontkit from 'fontkit';
import type { Font, GlyphRun, Subset } from 'fontkit';

/**
 * Chinese fonts for certificates (both SIL Open Font License 1.1, see FONT-LICENSES.md):
 * - Noto Serif SC (宋体 style), regular and bold: the certificate's typeface; it has 䶮 (Ext-A)
 *   but not 𠮷 (U+20BB7) and other supplementary-plane characters;
 * - LXGW WenKai (楷体 style): the per-character fallback for names the serif lacks.
 *
 * The full fonts are parsed once per process and shared by every document; pdf-lib subsets them
 * through upstream fontkit 2 (its own @pdf-lib/fontkit fork draws blank CJK glyphs when subsetting).
 */
export type FontName = 'serif' | 'serifBold' | 'kai';

export interface LoadedFont {
  name: FontName;
  /** The TrueType bytes handed to pdf-lib's embedFont (identity matters: see pdfLibFontkit). */
  bytes: Uint8Array;
  font: Font;
}

const requireFrom = createRequire(import.meta.url);
const inflate = promisify(zlib.inflate);

function fontFile(name: FontName): string {
  switch (name) {
    case 'serif':
      return requireFrom.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf');
    case 'serifBold':
      return requireFrom.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf');
    case 'kai':
      return path.join(
        path.dirname(requireFrom.resolve('@fontsource/lxgw-wenkai/package.json')),
        'files/lxgw-wenkai-latin-500-normal.woff',
      );
  }
}

/**
 * WOFF 1.0 → plain TrueType (SFNT). fontkit reads WOFF directly but inflates every table again on
 * each use (≈1 s per PDF for a 10 MB CJK font), so the conversion happens once, here.
 * Table inflation runs on the libuv thread pool, in parallel.
 */
export async function woffToSfnt(woff: Uint8Array): Promise<Buffer> {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (woff.byteLength < 44 || view.getUint32(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 font');
  const flavor = view.getUint32(4);
  const numTables = view.getUint16(12);
  const entries = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    return {
      tag: view.getUint32(at),
      offset: view.getUint32(at + 4),
      compLength: view.getUint32(at + 8),
      origLength: view.getUint32(at + 12),
      checksum: view.getUint32(at + 16),
    };
  });
  const tables = await Promise.all(
    entries.map(async (e) => {
      const stored = woff.subarray(e.offset, e.offset + e.compLength);
      const data = e.compLength < e.origLength ? await inflate(stored) : Buffer.from(stored);
      if (data.length !== e.origLength) throw new Error('corrupt WOFF table');
      return data;
    }),
  );
  const headerLength = 12 + 16 * numTables;
  const out = Buffer.alloc(headerLength + entries.reduce((n, e) => n + ((e.origLength + 3) & ~3), 0));
  let entrySelector = 0;
  while (2 << entrySelector <= numTables) entrySelector++;
  const searchRange = (1 << entrySelector) * 16;
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(numTables, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(numTables * 16 - searchRange, 10);
  let offset = headerLength;
  entries.forEach((e, i) => {
    const dir = 12 + 16 * i;
    out.writeUInt32BE(e.tag, dir);
    out.writeUInt32BE(e.checksum, dir + 4);
    out.writeUInt32BE(offset, dir + 8);
    out.writeUInt32BE(e.origLength, dir + 12);
    tables[i]!.copy(out, offset);
    offset += (e.origLength + 3) & ~3;
  });
  return out;
}

/**
 * fontkit 2's subset has `encode()`; pdf-lib 1.17 calls the old `encodeStream()`. The adapter adds
 * it, on the shared font object, once.
 */
function adaptForPdfLib(font: Font): Font {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = copySimpleGlyphs(font, createSubset());
    return Object.assign(subset, { encodeStream: () => Readable.from([Buffer.from(subset.encode())]) });
  };
  return rememberLayouts(font);
}

/** Glyph runs kept per font; the template's lines are a few dozen, names and dates add the rest. */
const LAYOUT_CACHE_LIMIT = 2000;

/**
 * pdf-lib shapes every string it draws (`layout`: cmap, GSUB and GPOS lookups), and a certificate's
 * lines are mostly the same from one document to the next; the runs of the default features are
 * kept (bounded; cleared when full). A run is only read: pdf-lib takes its glyphs, our widths their
 * advances.
 */
function rememberLayouts(font: Font): Font {
  const layout = font.layout.bind(font);
  const runs = new Map<string, GlyphRun>();
  font.layout = (text: string, features?: unknown) => {
    if (features !== undefined) return layout(text, features);
    let run = runs.get(text);
    if (!run) {
      run = layout(text);
      if (runs.size >= LAYOUT_CACHE_LIMIT) runs.clear();
      runs.set(text, run);
    }
    return run;
  };
  return font;
}

/** The parts of fontkit 2's TrueType font and subset (no public API) that copySimpleGlyphs uses. */
interface TrueTypeInternals {
  stream: { buffer: Uint8Array };
  directory: { tables: Record<string, { offset: number } | undefined> };
  loca: { offsets: number[] };
  _variationProcessor?: unknown;
  getGlyph(gid: number): { advanceWidth: number; _getMetrics(): { leftBearing: number } };
}
interface TrueTypeSubsetInternals {
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  _addGlyph?: (gid: number) => number;
}

/**
 * fontkit's TrueType subset decodes every glyph's whole outline (points, flags) only to learn whether
 * it is a compound glyph, then copies the glyph's bytes unchanged: that decoding was half of each
 * subset, on every certificate. Here a simple glyph is copied on the sign of its contour count (the
 * first two bytes of its glyf entry); compound glyphs, whose component ids are renumbered, and
 * variable fonts, whose outlines are re-encoded, keep fontkit's own path. The subset's bytes are the
 * same (fonts.test.ts compares them).
 */
function copySimpleGlyphs(font: Font, subset: Subset): Subset {
  const f = font as unknown as TrueTypeInternals;
  const s = subset as unknown as TrueTypeSubsetInternals;
  const glyfTable = f.directory?.tables.glyf;
  const original = s._addGlyph;
  if (!glyfTable || f._variationProcessor || typeof original !== 'function') return subset;
  const bytes = f.stream.buffer;
  const glyfStart = glyfTable.offset;
  s._addGlyph = (gid: number) => {
    const start = glyfStart + f.loca.offsets[gid]!;
    const end = glyfStart + f.loca.offsets[gid + 1]!;
    if (end > start && (bytes[start]! & 0x80) !== 0) return original.call(s, gid); // compound
    const glyph = f.getGlyph(gid);
    s.glyf.push(bytes.subarray(start, end));
    s.loca.offsets.push(s.offset);
    s.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
    s.offset += end - start;
    return s.glyf.length - 1;
  };
  return subset;
}

const byBytes = new WeakMap<Uint8Array, Font>();

/**
 * The fontkit that pdf-lib gets (`registerFontkit`): bytes of a loaded font map to the already
 * parsed, shared font (no re-parsing of 15 MB per document); other bytes are parsed as usual.
 */
export const pdfLibFontkit = {
  create(bytes: Uint8Array): Font {
    return byBytes.get(bytes) ?? adaptForPdfLib(fontkit.create(bytes));
  },
};

const loading = new Map<FontName, Promise<LoadedFont>>();

/** A font, read and parsed on first use and then kept for the life of the process. */
export function loadFont(name: FontName): Promise<LoadedFont> {
  let p = loading.get(name);
  if (!p) {
    p = (async () => {
      const raw = await fs.readFile(fontFile(name));
      const bytes = name === 'kai' ? await woffToSfnt(raw) : raw;
      const font = adaptForPdfLib(fontkit.create(bytes));
      byBytes.set(bytes, font);
      return { name, bytes, font };
    })();
    p.catch(() => loading.delete(name));
    loading.set(name, p);
  }
  return p;
}

/** True for code points that take the font of the text around them (spaces, variation selectors). */
const isNeutral = (cp: number) =>
  cp <= 0x20 || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef) || cp === 0x200d;

export interface Run {
  font: LoadedFont;
  text: string;
}

/**
 * Splits text into runs of one font each: every character goes to the first font of `fonts` that
 * has it (fallback per character). A character no font has stays with the first font; it is listed
 * in `missing` so the caller can tell.
 */
export function splitIntoRuns(
  text: string,
  fonts: readonly LoadedFont[],
): { runs: Run[]; missing: string[] } {
  const runs: Run[] = [];
  const missing: string[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const last = runs[runs.length - 1];
    let font: LoadedFont;
    if (isNeutral(cp) && last) font = last.font;
    else {
      const found = fonts.find((f) => f.font.hasGlyphForCodePoint(cp));
      if (!found && !isNeutral(cp)) missing.push(ch);
      font = found ?? fonts[0]!;
    }
    if (last && last.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  return { runs, missing };
}

/** Whether some character of `text` is missing from `font` (so a fallback font is needed). */
export const needsFallback = (text: string, font: LoadedFont) => {
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!isNeutral(cp) && !font.font.hasGlyphForCodePoint(cp)) return true;
  }
  return false;
};
