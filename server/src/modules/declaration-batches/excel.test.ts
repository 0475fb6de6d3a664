import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { batchFile, idNumberOf } from '../../../test/spawned-server';
import { countBatchRows, readBatchRows } from './excel';

describe('readBatchRows', () => {
  // ExcelJS decoded each XML chunk on its own: a character split across chunks came out as "���".
  it('reads every Chinese name of a large file exactly (no character split across chunks)', async () => {
    const rows = 3000;
    const file = await batchFile(rows, 2026);
    const wrong: string[] = [];
    let i = 0;
    for await (const r of readBatchRows(Readable.from(file))) {
      if (r.cells[0] !== idNumberOf(i) || r.cells[1] !== `压测人员${i}` || r.cells[5] !== '2026年度单位专业技术人员业务培训') wrong.push(`${r.rowNumber}: ${String(r.cells[1])}`);
      i++;
    }
    expect(wrong).toEqual([]);
    expect(i).toBe(rows);
    expect(await countBatchRows(Readable.from(file))).toBe(rows);
  });
});
