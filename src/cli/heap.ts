// Long outputs (a million-row export) make V8 grow its young generation to 32 MiB by default, a third
// of the process's memory, without making them any faster than at 16 MiB. Once it has grown to that
// size, further growth is turned off for the rest of this (short-lived) process.
import { createRequire } from 'node:module';

const YOUNG_GENERATION_CAP = 16 * 1024 * 1024;
let capped = false;

/** Call now and then while streaming; cheap, and does nothing once the cap is set. */
export function capYoungGeneration(): void {
  if (capped) return;
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
