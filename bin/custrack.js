#!/usr/bin/env node
// `custrack --version` is the most frequent probe: answer it before loading anything else.
if (process.argv.length === 3 && (process.argv[2] === '--version' || process.argv[2] === '-V')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // `custrack export … | head`: when the reader closes the pipe, stop quietly instead of crashing.
  process.stdout.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const { main } = await import('../dist/main.js');
  process.exitCode = await main(process.argv.slice(2));
}
