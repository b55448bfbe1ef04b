#!/usr/bin/env node
import { main } from '../dist/main.js';

// `custrack export … | head`: when the reader closes the pipe, stop quietly instead of crashing.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

process.exitCode = await main(process.argv.slice(2));
