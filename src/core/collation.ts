// The order of salespeople (and other names) wherever custrack lists them one after another: as Chinese
// readers sort them, by pinyin (陈 < 李 < 王 < 张), not by code point. One collator for every list, made on
// first use: building ICU's zh-CN collator costs ~9 ms, which `check` (it never sorts names) must not pay.

let collator: Intl.Collator | undefined;

/** Two names in pinyin order. */
export const compareNames = (a: string, b: string): number => (collator ??= new Intl.Collator('zh-CN')).compare(a, b);

/** Owners and salespeople in pinyin order; no owner (null) last. */
export function compareOwners(a: string | null, b: string | null): number {
  return a === null ? (b === null ? 0 : 1) : b === null ? -1 : compareNames(a, b);
}
