import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { loadFont, type FontName } from './fonts';

/** The first glyph ids of `font` whose glyf entry is compound (negative contour count), if any. */
function compoundGlyphIds(font: fontkit.Font, limit: number): number[] {
  const f = font as unknown as {
    stream: { buffer: Uint8Array };
    directory: { tables: Record<string, { offset: number }> };
    loca: { offsets: number[] };
  };
  const start = f.directory.tables.glyf!.offset;
  const found: number[] = [];
  for (let gid = 0; gid < font.numGlyphs && found.length < limit; gid++) {
    const [from, to] = [f.loca.offsets[gid]!, f.loca.offsets[gid + 1]!];
    if (to > from && (f.stream.buffer[start + from]! & 0x80) !== 0) found.push(gid);
  }
  return found;
}

describe('certificate fonts', () => {
  it.each<FontName>(['serif', 'serifBold', 'kai'])(
    'subsets %s to the same bytes as fontkit itself (simple glyphs copied, compound ones renumbered)',
    async (name) => {
      const loaded = await loadFont(name);
      const plain = fontkit.create(loaded.bytes);
      const text = '河南省专业技术人员继续教育证书李䶮王𠮷司马懿2026年11月22日：（）、，。410102********1234 ABCxyz';
      const compound = compoundGlyphIds(plain, 5);
      const subsetOf = (font: fontkit.Font) => {
        const subset = font.createSubset();
        for (const ch of text) {
          const cp = ch.codePointAt(0)!;
          if (font.hasGlyphForCodePoint(cp)) subset.includeGlyph(font.glyphForCodePoint(cp));
        }
        for (const gid of compound) subset.includeGlyph(gid);
        return Buffer.from(subset.encode());
      };
      const ours = subsetOf(loaded.font);
      expect(ours.length).toBeGreaterThan(1000);
      expect(ours.equals(subsetOf(plain))).toBe(true);
    },
  );
});
