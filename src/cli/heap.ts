// An export streams a million rows while holding one page of them, yet V8 grows its young generation
// to 32 MiB on the way, a third of the process's memory, without making the export any faster than at
// 16 MiB. Commands that stream like that ask for a cap; once the young generation has grown to it,
// further growth is turned off for the rest of this (short-lived) process. Commands that compute over
// what they hold (overdue, reports) keep V8's default: they are faster with the larger young generation.
import { createRequire } from 'node:module';

const YOUNG_GENERATION_CAP = 16 * 1024 * 1024;
let wanted = false;
let capped = false;

/** Called by commands that stream far more rows than they hold (exports). */
export function capYoungGenerationWhileStreaming(): void {
  wanted = true;
}

/** Called now and then by the output layer while streaming; cheap, and a no-op unless wanted. */
export function capYoungGeneration(): void {
  if (!wanted || capped) return;
  // node:v8 is loaded here, not at start-up: only long outputs get this far.
  const { getHeapSpaceStatistics, setFlagsFromString } = createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  if (young === undefined) {
    capped = true;
  } else if (young.space_size >= YOUNG_GENERATION_CAP) {
    setFlagsFromString('--semi-space-growth-factor=1');
    capped = true;
  }
}
