/**
 * ExcelJS 4.4's streaming reader decodes each chunk of a sheet's XML on its own
 * (`utils/parse-sax.js`: one shared TextDecoder, no `stream: true`), so a Chinese character split
 * across two chunks comes out as "���": in a 10,000-row file of names, a few rows were misread
 * ("压测人���488") and refused as 姓名与身份证号不一致. This replaces that module with the same parser
 * fed by a decoder per stream. It must run before ExcelJS is first loaded (first import of main.ts;
 * the server tests' setup file); `excelUtf8Patched()` tells whether it did.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Saxes from 'saxes';

const require = createRequire(import.meta.url);
const file = path.join(path.dirname(require.resolve('exceljs')), 'lib/utils/parse-sax.js');
const MARK = Symbol.for('ce.exceljs.utf8');

if (!(file in require.cache)) {
  const { SaxesParser } = require('saxes') as typeof Saxes;
  type Event = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };
  async function* parseSax(iterable: AsyncIterable<Buffer | string>): AsyncGenerator<Event[]> {
    const parser = new SaxesParser();
    const decoder = new TextDecoder('utf-8');
    let error: Error | undefined;
    let events: Event[] = [];
    parser.on('error', (err) => (error = err));
    parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
    parser.on('text', (value) => events.push({ eventType: 'text', value }));
    parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
    for await (const chunk of iterable) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      if (error) throw error;
      yield events;
      events = [];
    }
    const rest = decoder.decode();
    if (rest) {
      parser.write(rest);
      if (error) throw error;
      yield events;
    }
  }
  (parseSax as unknown as Record<symbol, boolean>)[MARK] = true;
  // The module record ExcelJS's own require('../../utils/parse-sax') will find.
  require.cache[file] = { id: file, filename: file, loaded: true, exports: parseSax, children: [], paths: [], path: path.dirname(file) } as unknown as NodeJS.Module;
}

/** Whether ExcelJS reads with the per-stream decoder (false when ExcelJS was loaded first). */
export function excelUtf8Patched(): boolean {
  return Boolean((require(file) as Record<symbol, boolean>)[MARK]);
}
