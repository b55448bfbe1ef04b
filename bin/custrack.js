#!/usr/bin/env node
// CommonJS on purpose (bin/package.json): Node starts CommonJS faster than an ES module, and start-up
// is part of the product. The program itself is ES modules, loaded on demand.
'use strict';
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // The most frequent probe: answered before loading anything else.
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  // `custrack export … | head`: when the reader closes the pipe, stop quietly instead of crashing.
  process.stdout.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  (async () => {
    // `custrack check <name>` runs in loops in scripts: one CommonJS file answers it without the parser.
    const fast = args.includes('check') ? await require('../dist/fast-check.cjs').fastCheck(args) : undefined;
    process.exitCode = fast ?? (await (await import('../dist/main.js')).main(args));
  })().catch((err) => {
    process.stderr.write(`custrack: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 70;
  });
}
