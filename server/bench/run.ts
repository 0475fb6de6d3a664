/**
 * `npm run bench -w server [-- name …]`: runs the benchmarks (all, or the named ones) one after
 * another and prints one table. A benchmark is a module whose default export resolves to rows.
 */
export interface BenchResult {
  bench: string;
  metric: string;
  value: string;
}

const BENCHES: Record<string, () => Promise<{ default: () => Promise<BenchResult[]> }>> = {
  certificates: () => import('./certificates'),
  import: () => import('./import'),
  organisations: () => import('./organisations'),
  platforms: () => import('./platforms'),
  province: () => import('./province'),
  statistics: () => import('./statistics'),
};

async function main() {
  // Names first, then the named benchmark's options (`province --people 20000`).
  const args = process.argv.slice(2);
  const firstOption = args.findIndex((a) => a.startsWith('-'));
  const wanted = firstOption < 0 ? args : args.slice(0, firstOption);
  const unknown = wanted.filter((w) => !(w in BENCHES));
  if (unknown.length)
    throw new Error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  const rows: BenchResult[] = [];
  // The province-scale run (an hour at a million people) runs only when named.
  for (const name of wanted.length ? wanted : Object.keys(BENCHES).filter((n) => n !== 'province')) {
    const bench = await BENCHES[name]!();
    rows.push(...(await bench.default()));
  }
  const widths = (['bench', 'metric', 'value'] as const).map((k) =>
    Math.max(k.length, ...rows.map((r) => [...r[k]].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join(' | ')} |`;
  console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
  console.log(line(['bench', 'metric', 'value']));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line([r.bench, r.metric, r.value]));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
