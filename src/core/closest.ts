// "Did you mean": the known names closest to a mistyped one, by edit distance over characters (a Chinese
// name is two or three characters, so one wrong character is already a third of it).

/** Levenshtein distance over Unicode characters. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length]!;
}

/** A short list of known names is worth showing whole when none is close to what was typed. */
export const SHOW_ALL_UP_TO = 12;

/**
 * What to name when `typed` is not a known name: the closest ones, else (when there are few) all of them,
 * else none.
 */
export function namesToSuggest(typed: string, known: readonly string[]): { closest: string[] } | { all: string[] } | null {
  const closest = closestNames(typed, known);
  if (closest.length > 0) return { closest };
  return known.length > 0 && known.length <= SHOW_ALL_UP_TO ? { all: [...known] } : null;
}

/** Up to `limit` known names, nearest first (ties in the order given), at most half the typed name away. */
export function closestNames(typed: string, known: readonly string[], limit = 3): string[] {
  const reach = Math.max(1, Math.ceil([...typed].length / 2));
  return known
    .map((name, order) => ({ name, order, distance: editDistance(typed, name) }))
    .filter((c) => c.distance <= reach)
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .slice(0, limit)
    .map((c) => c.name);
}
