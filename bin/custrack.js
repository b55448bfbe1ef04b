#!/usr/bin/env node
// CommonJS on purpose (bin/package.json): Node starts CommonJS faster than an ES module, and start-up
// is part of the product. The program itself is one CommonJS bundle whose parts
// are evaluated on demand (build.mjs).
'use strict';
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // The most frequent probe: answered before loading anything else.
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  const { loadBundle } = require('./load-bundle.js');
  // A reader that closes the pipe early (`custrack export … | head`) is handled where the streams are made
  // (src/cli/standard-streams.ts): touching process.stdout here would build it for commands that never use it.
  // Ctrl-C or SIGTERM during a long import or export: roll back, remove temporary files, say so, 130/143.
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      loadBundle('main')
        .interrupt(signal, args)
        .then((code) => process.exit(code), () => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
  // `check <name>` runs in loops in scripts: a bundle of its own answers it without the command-line
  // parser; anything else it does not recognize goes to the whole program.
  // `__complete` (shell completion, on every Tab) has a bundle of its own too; a postgres:// database it
  // leaves to the whole program, which has that engine.
  // The check bundle has no PostgreSQL engine: a postgres:// database goes to the whole program at once
  // instead of loading that bundle for nothing (~25 ms).
  const dbAt = args.indexOf('--db');
  const db = dbAt >= 0 ? args[dbAt + 1] : (args.find((a) => a.startsWith('--db=')) ?? '').slice(5) || process.env.CUSTRACK_DB;
  const onServer = /^postgres(?:ql)?:\/\//i.test(db ?? '');
  const fast =
    args[0] === '__complete'
      ? loadBundle('complete').complete(args, undefined, true)
      : args.includes('check') && !onServer
        ? loadBundle('check').fastCheck(args)
        : Promise.resolve(undefined);
  fast
    .then((code) => code ?? loadBundle('main').main(args))
    .then((code) => {
      process.exitCode = code;
    })
    .catch((err) => {
      process.stderr.write(`custrack: internal error: ${err && err.stack ? err.stack : err}\n`);
      process.exitCode = 70;
    });
}
