// The entry point stays tiny: `--version` answers without loading the program, everything else
// loads it on demand (start-up is part of the product).
import type { Runtime } from './cli/context.js';
import { VERSION } from './version.js';
import { nodeStreams } from './cli/standard-streams.js';

export { VERSION };

export async function main(argv: string[], runtime?: Runtime): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    (runtime?.streams ?? nodeStreams()).stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (argv[0] === '__complete') {
    // Shell completion asks on every Tab: answered without the parser (src/cli/complete.ts).
    const { complete } = await import('./cli/complete.js');
    return (await complete(argv, runtime)) ?? 0;
  }
  if (argv.includes('check')) {
    // `check <name>` runs in loops in scripts: answered without loading the parser and every command.
    const { fastCheck } = await import('./cli/fast.js');
    const code = await fastCheck(argv, runtime);
    if (code !== undefined) return code;
  }
  const { run } = await import('./cli/run.js');
  return run(argv, runtime);
}

/** bin/custrack.js hands SIGINT and SIGTERM here (src/cli/interrupt.ts). */
export async function interrupt(signal: 'SIGINT' | 'SIGTERM', argv: string[]): Promise<number> {
  const { interrupt: undo } = await import('./cli/interrupt.js');
  return undo(signal, argv, process.env, process.stderr);
}
