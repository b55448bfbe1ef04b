// docs/rules.md, rule 17: two names are similar when their cores are equal, or when the Dice coefficient of the cores'
// character bigrams reaches the threshold and they hold the same numbers (第一/第二, 001/002 stay apart).
// Also the keys a database index needs to find the candidates without reading every customer.
import { nameCore } from './name-core.js';

export const DEFAULT_SIMILAR_THRESHOLD = 0.8;

export interface SimilarOptions {
  /** The `similar.threshold` setting, in (0, 1]. */
  threshold?: number;
}

export interface Similarity {
  similar: boolean;
  /** same-core: the cores are equal (score 1); dice: the score is the cores' Dice coefficient. */
  reason: 'same-core' | 'dice';
  score: number;
}

/**
 * The set of character bigrams of a core, by code point. A one-character core is its own single key, so that
 * it is only ever similar to the same core (a bigram never equals a single character).
 */
export function nameBigrams(core: string): Set<string> {
  const chars = Array.from(core);
  if (chars.length === 1) return new Set(chars);
  const bigrams = new Set<string>();
  for (let i = 1; i < chars.length; i++) bigrams.add(chars[i - 1]! + chars[i]!);
  return bigrams;
}

/** 2·|a ∩ b| / (|a| + |b|); 0 when both are empty. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return (2 * shared) / (a.size + b.size);
}

const NUMERAL_RUN = /[0-9]+|[〇零一二三四五六七八九十]+/gu;
const CHINESE_DIGIT: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};
const TENS = /^([一二三四五六七八九]?)十([一二三四五六七八九]?)$/u;

function chineseNumber(run: string): string {
  const tens = TENS.exec(run);
  if (tens) return String(Number(CHINESE_DIGIT[tens[1]!] ?? 1) * 10 + Number(CHINESE_DIGIT[tens[2]!] ?? 0));
  return Array.from(run, (c) => CHINESE_DIGIT[c] ?? '10').join('');
}

/**
 * The numbers in a text, in order, comma-separated: 华南001贸易 → 001; Chinese numerals are read so that
 * 第一 and 第1 agree and 第十二 is 12. A numeral inside a word (统一) counts too: both spellings of a name
 * carry it.
 */
export function digitsOf(text: string): string {
  return Array.from(text.matchAll(NUMERAL_RUN), ([run]) => (/^[0-9]/u.test(run) ? run : chineseNumber(run))).join(',');
}

/** The threshold of the options (default 0.8); outside (0, 1] is a RangeError. */
export function checkedThreshold(options: SimilarOptions): number {
  const threshold = options.threshold ?? DEFAULT_SIMILAR_THRESHOLD;
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`similar threshold must be in (0, 1], got ${threshold}`);
  return threshold;
}

/** Compares two cores (nameCore), as stored beside a customer. */
export function compareCores(a: string, b: string, options: SimilarOptions = {}): Similarity {
  const threshold = checkedThreshold(options);
  if (a === b) return { similar: true, reason: 'same-core', score: 1 };
  const score = dice(nameBigrams(a), nameBigrams(b));
  return { similar: score >= threshold && digitsOf(a) === digitsOf(b), reason: 'dice', score };
}

/** Whether two names are similar (docs/rules.md, rule 17), and why. */
export function similarity(nameA: string, nameB: string, options: SimilarOptions = {}): Similarity {
  return compareCores(nameCore(nameA), nameCore(nameB), options);
}

/**
 * The index keys of a core: its bigrams, sorted; a one-character core is its own single key, so it finds only
 * the same core, the only one it is similar to. Stored one row per key and customer (name_bigrams(bigram,
 * customer_id)); a query looks up its own keys. For any threshold in (0, 1], a core similar to the query shares
 * at least minSharedKeys(query key count) of these keys and has a key count within keyCountRange, whatever its
 * digits (they only ever reject); equal cores share all. Only an empty name, which cannot be stored, has none.
 */
export function candidateKeys(core: string): string[] {
  return [...nameBigrams(core)].sort();
}

// Float slack: 0.8 · 3 / 1.2 is 2.0000000000000004, and its ceiling must still be 2.
const EPSILON = 1e-9;

/**
 * The fewest keys a similar core shares with a query of `keyCount` keys. From 2s ≥ t(|A| + |B|) and |B| ≥ s:
 * s ≥ t·|A| / (2 − t). For t = 0.8: 1 key of 1, 2 of 3, 4 of 5, 7 of 10.
 */
export function minSharedKeys(keyCount: number, options: SimilarOptions = {}): number {
  const t = checkedThreshold(options);
  return Math.max(1, Math.ceil((t * keyCount) / (2 - t) - EPSILON));
}

/** The key counts a core similar to a query of `keyCount` keys can have: [t·|A|/(2−t), (2−t)·|A|/t]. */
export function keyCountRange(keyCount: number, options: SimilarOptions = {}): [min: number, max: number] {
  const t = checkedThreshold(options);
  return [Math.max(1, Math.ceil((t * keyCount) / (2 - t) - EPSILON)), Math.floor(((2 - t) * keyCount) / t + EPSILON)];
}

/**
 * Enough of the query's keys to find every similar core (prefix filtering): a similar core shares at least
 * m = minSharedKeys of the query's keys, so it shares one of any keyCount − m + 1 of them. Given how many
 * customers hold each key, the rarest are chosen, so a common bigram (科技, 贸易) is rarely looked up.
 */
export function probeKeys(keys: readonly string[], holders: (key: string) => number = () => 0, options: SimilarOptions = {}): string[] {
  const needed = keys.length - minSharedKeys(keys.length, options) + 1;
  return [...keys].sort((a, b) => holders(a) - holders(b) || (a < b ? -1 : a > b ? 1 : 0)).slice(0, Math.max(0, needed));
}
