// `node bench/xlsx.mjs [rows]`: time and peak memory of src/cli/xlsx.ts writing a transactions-like
// export (9 columns: id, ref, Chinese customer name, USCC, customer id, date, amount, kind, imported_at),
// default 1,000,000 rows, in a child process under /usr/bin/time when it exists. The module is bundled
// with esbuild as build.mjs would bundle it (exceljs inside); XLSX_BENCH_EXTERNAL=1 leaves exceljs in
// node_modules instead. XLSX_BENCH_TRACE=1 prints memory every two seconds. Not a test: it prints one line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(new URL('..', import.meta.url).pathname);
const rows = Number(process.argv[2] ?? 1_000_000);
const external = process.env.XLSX_BENCH_EXTERNAL === '1';
const dir = mkdtempSync(join(tmpdir(), 'custrack-xlsx-bench-'));

const RUNNER = `
const { writeWorkbook } = require(process.env.XLSX_BENCH_BUNDLE);
const NAMES = ['腾达', '华信', '中远', '金桥', '恒丰', '东方', '新华', '联创'];
const KINDS = ['sale', 'sample', 'return'];
const pad = (n) => String(n).padStart(2, '0');
function* rows(n) {
  for (let i = 1; i <= n; i++) {
    yield [
      i,
      'INV' + (1000000000 + i),
      NAMES[i % 8] + '科技有限公司' + (i % 997),
      '91310000' + (100000000 + (i % 99991)) + 'X',
      1 + (i % 100000),
      '2026-' + pad(1 + (i % 12)) + '-' + pad(1 + (i % 28)),
      (i * 7919) % 100000000,
      KINDS[i % 3],
      '2026-11-20 08:' + pad(i % 60) + ':00',
    ];
  }
}
const columns = [
  { header: '编号', type: 'int' },
  { header: '单据号', type: 'text', text: true },
  { header: '客户名称', type: 'text' },
  { header: '统一社会信用代码', type: 'text', text: true },
  { header: '客户编号', type: 'int' },
  { header: '日期', type: 'date' },
  { header: '金额', type: 'money' },
  { header: '类型', type: 'code' },
  { header: '导入时间', type: 'text' },
];
let peakHeap = 0;
let ticks = 0;
const timer = setInterval(() => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  if (process.env.XLSX_BENCH_TRACE && ++ticks % 40 === 0) {
    console.error(JSON.stringify(Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v / 1048576)]))));
  }
}, 50);
const started = performance.now();
writeWorkbook(process.argv[2], [{ name: '交易记录', columns, rows: rows(Number(process.argv[3])) }]).then(() => {
  clearInterval(timer);
  console.log(JSON.stringify({ ms: Math.round(performance.now() - started), peakHeapMiB: Math.round(peakHeap / 1048576) }));
});
`;

try {
  const bundle = join(dir, 'xlsx.cjs');
  await build({
    entryPoints: [join(root, 'src/cli/xlsx.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: bundle,
    external: external ? ['exceljs'] : [],
    logLevel: 'warning',
    define: { 'import.meta.url': '__url' },
    banner: { js: "const __url = require('node:url').pathToFileURL(__filename).href;" },
  });
  const runner = join(dir, 'run.cjs');
  writeFileSync(runner, RUNNER);
  const out = join(dir, 'out.xlsx');
  const hasTime = existsSync('/usr/bin/time');
  const node = [process.execPath, runner, out, String(rows)];
  const [command, ...args] = hasTime ? ['/usr/bin/time', '-f', '%M %e %U', ...node] : node;
  const env = { ...process.env, XLSX_BENCH_BUNDLE: bundle, NODE_PATH: join(root, 'node_modules') };
  const result = spawnSync(command, args, { encoding: 'utf8', env });
  if (result.status !== 0) throw new Error(`bench failed:\n${result.stderr}`);
  if (process.env.XLSX_BENCH_TRACE) process.stderr.write(result.stderr);
  const inner = JSON.parse(result.stdout.trim().split('\n').at(-1));
  const [kib, seconds, cpu] = hasTime ? result.stderr.trim().split('\n').at(-1).split(' ').map(Number) : [NaN, NaN, NaN];
  console.log(
    `${rows} rows x 9 columns${external ? ' (exceljs external)' : ''}: ${(inner.ms / 1000).toFixed(1)} s writing ` +
      `(${seconds} s whole process, ${cpu} s user CPU), peak RSS ${Math.round(kib / 1024)} MiB, ` +
      `peak heap used ${inner.peakHeapMiB} MiB, file ${(statSync(out).size / 1048576).toFixed(1)} MiB`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
