// `npm run bench`: custrack against the sqlite3 shell on the same data (100k customers, 1M visits,
// 1M transactions), median whole-process times, their ratio, and peak memory where it matters.
// Not a test: it prints a table. Options: BENCH_RUNS (default 5), BENCH_DIR (default bench/data), BENCH_BASELINE (the
// bin/custrack.js of an earlier build: `import 100k customers` is then measured against it).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, openSync, closeSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const dir = resolve(process.env.BENCH_DIR ?? join(root, 'bench/data'));
const runs = Number(process.env.BENCH_RUNS ?? 5);
const bin = join(root, 'bin/custrack.js');
const AS_OF = '2026-11-23';
const MONTH = '2026-10';
const env = { ...process.env, CUSTRACK_TODAY: AS_OF, CUSTRACK_USER: 'bench', LANG: 'C', NO_COLOR: '1' };
const hasTime = existsSync('/usr/bin/time');

function need(command) {
  if (spawnSync(command, ['--version'], { stdio: 'ignore' }).error) {
    console.error(`bench: '${command}' is not installed (Debian: apt-get install ${command === 'sqlite3' ? 'sqlite3' : command}).`);
    process.exit(1);
  }
}
need('sqlite3');

/** Runs a command once; returns wall milliseconds and peak RSS in MiB (when /usr/bin/time exists). */
function once(command, args, { input, stdoutFile } = {}) {
  const out = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
  const full = hasTime ? ['/usr/bin/time', ['-f', '%M', command, ...args]] : [command, args];
  const started = performance.now();
  const result = spawnSync(full[0], full[1], {
    env,
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', out, 'pipe'],
    maxBuffer: 1 << 26,
  });
  const ms = performance.now() - started;
  if (stdoutFile) closeSync(out);
  const stderr = result.stderr.toString();
  // check: 1 is "not new", 6 "a similar customer had business" (docs/rules.md, rule 17): answers, not failures.
  if (result.status !== 0 && !(args.includes('check') && (result.status === 1 || result.status === 6))) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${stderr}`);
  }
  const rss = hasTime ? Number(stderr.trim().split('\n').at(-1)) / 1024 : NaN;
  return { ms, rss };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const summary = (samples) => ({ ms: median(samples.map((s) => s.ms)), rss: Math.max(...samples.map((s) => s.rss)) });

/** Median of `n` runs; `before` prepares each run (not timed). */
function measure(n, run, before = () => {}) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    before();
    samples.push(run());
  }
  return summary(samples);
}

/**
 * custrack and its reference, run in turns (`n` each), so that a machine that speeds up or slows down
 * during the benchmark (a shared virtual machine does) moves both sides of a ratio alike.
 */
function pair(n, ours, theirs, before = () => {}) {
  const a = [];
  const b = [];
  for (let i = 0; i < n; i++) {
    before();
    a.push(ours());
    b.push(theirs());
  }
  return [summary(a), summary(b)];
}

const fresh = (path) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
};
const custrack = (db, args, options) => once(process.execPath, [bin, '--db', db, ...args], options);
const sqlite = (db, sql, options) => once('sqlite3', [db], { input: sql, ...options });

// --- data
if (!['customers.csv', 'transactions.csv', 'visits.csv'].every((f) => existsSync(join(dir, f)))) {
  console.error('bench: generating data (100k customers, 1M visits, 1M transactions) …');
  mkdirSync(dir, { recursive: true });
  spawnSync(process.execPath, [join(root, 'bench/generate.mjs'), dir], { stdio: 'inherit' });
}
const file = (name) => join(dir, name);
const work = join(dir, 'work');
mkdirSync(work, { recursive: true });

// --- the two bases: customers only, in custrack and in a reference database built by the sqlite3 shell
// from the same files, with the indices the same questions need
console.error('bench: loading the customers …');
const base = join(work, 'base.db');
fresh(base);
// The generated names repeat a trade name in other cities: similar by rule 17, different companies here.
custrack(base, ['import', 'customers', file('customers.csv'), '--allow-similar']);
const SCHEMA = `PRAGMA journal_mode = WAL;
CREATE TABLE customers (name TEXT PRIMARY KEY, grade TEXT, owner TEXT, region TEXT, industry TEXT, phone TEXT, registered_on TEXT);
CREATE INDEX customers_registered ON customers (registered_on);
CREATE TABLE transactions (customer TEXT NOT NULL, date TEXT NOT NULL, amount REAL NOT NULL, kind TEXT NOT NULL, ref TEXT UNIQUE);
CREATE INDEX transactions_customer ON transactions (customer, date);
CREATE TABLE visits (customer TEXT, date TEXT, method TEXT, by TEXT, purpose TEXT, topic TEXT, summary TEXT, intent TEXT, next TEXT, minutes TEXT, minutes_on TEXT);
CREATE INDEX visits_customer ON visits (customer, date);
CREATE INDEX visits_date ON visits (date);`;
const refBase = join(work, 'ref-base.db');
fresh(refBase);
sqlite(refBase, `${SCHEMA}\n.import --csv --skip 1 ${file('customers.csv')} customers\n`);

// --- the measured transactions import, in turns, each into a fresh copy of its base
console.error('bench: importing 1M transactions …');
const importDb = join(work, 'import.db');
const refImportDb = join(work, 'ref-import.db');
const [ctImport, refImport] = pair(
  Math.min(runs, 3),
  () => custrack(importDb, ['import', 'transactions', file('transactions.csv')]),
  () => sqlite(refImportDb, `.import --csv --skip 1 ${file('transactions.csv')} transactions\n`),
  () => {
    fresh(importDb);
    copyFileSync(base, importDb);
    fresh(refImportDb);
    copyFileSync(refBase, refImportDb);
  },
);
const plainDb = join(work, 'ref-plain.db');
const refPlainImport = measure(
  Math.min(runs, 3),
  () => sqlite(plainDb, `.import --csv ${file('transactions.csv')} transactions\n`),
  () => fresh(plainDb),
);

// --- then the visits, for the jobs
console.error('bench: importing 1M visits …');
const db = join(work, 'custrack.db');
fresh(db);
copyFileSync(importDb, db);
custrack(db, ['import', 'visits', file('visits.csv')]);
const ref = join(work, 'ref.db');
fresh(ref);
copyFileSync(refImportDb, ref);
sqlite(ref, `.import --csv --skip 1 ${file('visits.csv')} visits\n`);

// --- the jobs
console.error('bench: timing the jobs …');
const customerName = spawnSync('sh', ['-c', `sed -n 2p ${JSON.stringify(file('customers.csv'))} | cut -d, -f1`])
  .stdout.toString()
  .trim();
// The same company in a city where it is not registered: a name no customer has, similar to several that have
// business (rule 17), so its core is computed, the division data read and the index searched.
const similarName = customerName.replace(/^[^市]+市/u, '珠海市');
const OVERDUE_SQL = `WITH last AS MATERIALIZED (SELECT customer, max(date) AS d FROM visits WHERE date <= '${AS_OF}' GROUP BY customer)
SELECT c.name, c.owner, c.grade, l.d, date(l.d, '+' || CASE c.grade WHEN 'A' THEN 7 WHEN 'B' THEN 30 ELSE 90 END || ' days') AS due
FROM customers c JOIN last l ON l.customer = c.name WHERE due < '${AS_OF}' ORDER BY due;`;
const REPORT_SQL = `SELECT by, count(*), count(DISTINCT customer) FROM visits WHERE date BETWEEN '${MONTH}-01' AND '${MONTH}-31' GROUP BY by;
SELECT owner, count(*) FROM customers WHERE registered_on BETWEEN '${MONTH}-01' AND '${MONTH}-31' GROUP BY owner;`;
const sink = join(work, 'out');
const node0 = () => once(process.execPath, ['-e', '0']);
/** The start-up budget of `check`: 1.3 × node -e 0, plus 10 ms for finding similar names. */
const checkTarget = (reference) => (1.3 * reference.ms + 10) / reference.ms;

// Registering 100k customers, against an earlier build (BENCH_BASELINE) or else the sqlite3 shell.
console.error('bench: registering 100k customers …');
const registerDb = join(work, 'register.db');
const baseline = process.env.BENCH_BASELINE ? resolve(process.env.BENCH_BASELINE) : undefined;
const refRegisterDb = join(work, 'ref-register.db');
const [ctRegister, refRegister] = pair(
  Math.min(runs, 3),
  () => custrack(registerDb, ['import', 'customers', file('customers.csv'), '--allow-similar']),
  baseline
    ? () => once(process.execPath, [baseline, '--db', refRegisterDb, 'import', 'customers', file('customers.csv')])
    : () => sqlite(refRegisterDb, `${SCHEMA}\n.import --csv --skip 1 ${file('customers.csv')} customers\n`),
  () => {
    fresh(registerDb);
    fresh(refRegisterDb);
  },
);
const owner = spawnSync('sh', ['-c', `sed -n 2p ${JSON.stringify(file('customers.csv'))} | cut -d, -f3`])
  .stdout.toString()
  .trim();
const overdueWhole = pair(
  runs,
  () => custrack(db, ['--as-of', AS_OF, 'overdue'], { stdoutFile: sink }),
  () => sqlite(ref, OVERDUE_SQL, { stdoutFile: sink }),
);
const report = () => custrack(db, ['report', 'monthly', '--month', MONTH], { stdoutFile: sink });
const refReport = () => sqlite(ref, REPORT_SQL, { stdoutFile: sink });
const rows = [
  ['custrack --version', ...pair(runs * 2, () => once(process.execPath, [bin, '--version']), node0), 'node -e 0', 1.3],
  ['import 1M transactions', ctImport, refImport, 'sqlite3 .import (same indices)', 1.8],
  ['overdue --as-of (all kinds)', ...overdueWhole, 'sqlite3 grade-cadence query', 2, 150],
  // One kind: its own facts only (issue 17); the reference is the same grade-cadence query alone.
  [
    'overdue --kind follow-up',
    ...pair(
      runs,
      () => custrack(db, ['--as-of', AS_OF, 'overdue', '--kind', 'follow-up'], { stdoutFile: sink }),
      () => sqlite(ref, OVERDUE_SQL, { stdoutFile: sink }),
    ),
    'sqlite3 grade-cadence query',
    2,
  ],
  // One salesperson of twelve: measured against custrack's whole list, in proportion to the question.
  [
    `overdue --owner ${owner}`,
    measure(runs, () => custrack(db, ['--as-of', AS_OF, 'overdue', '--owner', owner], { stdoutFile: sink })),
    overdueWhole[0],
    'custrack overdue, the whole list',
    0.35,
  ],
  [
    'import 100k customers',
    ctRegister,
    refRegister,
    baseline ? 'the earlier build' : 'sqlite3 .import (no target)',
    baseline ? 1.5 : Infinity,
  ],
  ['check <name>', ...pair(runs * 2, () => custrack(db, ['check', customerName]), node0), 'node -e 0', checkTarget],
  ['check <name> (similar names)', ...pair(runs * 2, () => custrack(db, ['check', similarName]), node0), 'node -e 0', checkTarget],
  // What a shell runs on Tab after `customer show 厦门`: the hidden completion command on 100k customers.
  [
    '__complete customers <prefix>',
    // The shell puts __complete first, as bin/custrack.js expects.
    ...pair(
      runs * 2,
      () => once(process.execPath, [bin, '__complete', 'customers', customerName.slice(0, 3), '--db', db], { stdoutFile: sink }),
      node0,
    ),
    'node -e 0',
    1.3,
  ],
  ['report monthly', ...pair(runs, report, refReport), 'sqlite3 per-owner visits + new customers', 2],
  // A write since the last report (here a setting saved again) means the month is computed afresh.
  [
    'report monthly, first after a write',
    ...pair(runs, report, refReport, () => custrack(db, ['config', 'set', 'cadence.A', '7'])),
    'the same',
    Infinity,
  ],
  [
    'export transactions --format csv',
    ...pair(
      runs,
      () => custrack(db, ['export', 'transactions', '--format', 'csv'], { stdoutFile: sink }),
      () => once('sqlite3', ['-csv', ref, 'SELECT * FROM transactions'], { stdoutFile: sink }),
    ),
    'sqlite3 -csv',
    3,
    110,
  ],
  [
    'export transactions --format xlsx',
    ...pair(
      runs,
      () => custrack(db, ['export', 'transactions', '--output', join(work, 'transactions.xlsx')]),
      () => once('sqlite3', ['-csv', ref, 'SELECT * FROM transactions'], { stdoutFile: sink }),
    ),
    'sqlite3 -csv',
    Infinity,
  ],
];

const _pad = (text, width) => String(text).padEnd(width);
const fmt = (ms) => `${ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`}`;
console.log(`\ncustrack benchmark — ${runs} runs, medians, whole process (${new Date().toISOString().slice(0, 10)}, ${process.version})\n`);
console.log(`| job | custrack | reference | ratio | target | peak memory |`);
console.log(`|---|---|---|---|---|---|`);
for (const [job, ours, theirs, label, given, memTarget] of rows) {
  const ratio = ours.ms / theirs.ms;
  const target = typeof given === 'function' ? Number(given(theirs).toFixed(2)) : given;
  const mem = Number.isNaN(ours.rss)
    ? '–'
    : `${ours.rss.toFixed(0)} MiB${memTarget ? ` (≤ ${memTarget}) ${ours.rss <= memTarget ? 'met' : 'MISSED'}` : ''}`;
  const verdict = target === Infinity ? 'no target' : `≤ ${target}× ${ratio <= target ? 'met' : 'MISSED'}`;
  console.log(`| ${job} | ${fmt(ours.ms)} | ${fmt(theirs.ms)} (${label}) | ${ratio.toFixed(2)}× | ${verdict} | ${mem} |`);
}
console.log(`\nFor comparison, sqlite3 .import into a table without any index: ${fmt(refPlainImport.ms)}.`);

// --- the same questions on PostgreSQL, each against custrack on SQLite in the same run (BENCH_POSTGRES=0 skips)
if (process.env.BENCH_POSTGRES !== '0') {
  const { postgresRows } = await import('./postgres.mjs');
  const pgRows = await postgresRows({ work, file, runs, once, pair, custrack, sqliteDb: db, base, customerName, sink, AS_OF, MONTH, bin });
  console.log(`\n| on PostgreSQL | PostgreSQL | custrack on SQLite | ratio | target | peak memory |`);
  console.log(`|---|---|---|---|---|---|`);
  for (const [job, ours, theirs, target] of pgRows) {
    const ratio = ours.ms / theirs.ms;
    const mem = Number.isNaN(ours.rss) ? '–' : `${ours.rss.toFixed(0)} MiB`;
    const verdict = target === Infinity ? 'no target' : `≤ ${target}× ${ratio <= target ? 'met' : 'MISSED'}`;
    console.log(`| ${job} | ${fmt(ours.ms)} | ${fmt(theirs.ms)} | ${ratio.toFixed(2)}× | ${verdict} | ${mem} |`);
  }
}
