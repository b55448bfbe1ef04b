// The entry point stays tiny: `--version` answers without loading the program, everything else
// loads it on demand (start-up is part of the product).
import type { Runtime } from './cli/context.js';

declare const __CUSTRACK_VERSION__: string;
export const VERSION = typeof __CUSTRACK_VERSION__ === 'string' ? __CUSTRACK_VERSION__ : '0.0.0-dev';

/** The self-contained build of src/cli/fast.ts next to this file, or the module itself under test. */
async function loadFastCheck(): Promise<typeof import('./cli/fast.js')> {
  try {
    // A variable specifier keeps esbuild from bundling it into main.js.
    const built = './fast-check.js';
    return (await import(built)) as typeof import('./cli/fast.js');
  } catch {
    return import('./cli/fast.js');
  }
}

export async function main(argv: string[], runtime?: Runtime): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    (runtime?.streams.stdout ?? process.stdout).write(`${VERSION}\n`);
    return 0;
  }
  if (argv.includes('check')) {
    const { fastCheck } = await loadFastCheck();
    const code = await fastCheck(argv, runtime);
    if (code !== undefined) return code;
  }
  const { run } = await import('./cli/run.js');
  return run(argv, runtime);
}
