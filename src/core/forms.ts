// Feedback forms (反馈意见表): kinds and rating levels (excellent = 4 … poor = 1).

export const FORM_KINDS = ['initial', 'periodic', 'revisit'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

/** The kinds as the help shows them in Chinese (初始表, 期间表, 回访表), with or without 表. */
const FORM_KIND_WORDS: Record<string, FormKind> = {
  initial: 'initial',
  periodic: 'periodic',
  revisit: 'revisit',
  初始表: 'initial',
  初始: 'initial',
  期间表: 'periodic',
  期间: 'periodic',
  回访表: 'revisit',
  回访: 'revisit',
};

/** `initial|periodic|revisit`, or its Chinese label; null for anything else. */
export function parseFormKind(text: string): FormKind | null {
  return FORM_KIND_WORDS[text.normalize('NFKC').trim().toLowerCase()] ?? null;
}

export const LEVELS = ['poor', 'average', 'good', 'excellent'] as const;

const LEVEL_WORDS: Record<string, number> = {
  excellent: 4,
  good: 3,
  average: 2,
  poor: 1,
  '4': 4,
  '3': 3,
  '2': 2,
  '1': 1,
  优秀: 4,
  良好: 3,
  一般: 2,
  较差: 1,
};

/** `excellent|good|average|poor`, `4..1` or `优秀|良好|一般|较差` → 4..1; null otherwise. */
export function parseLevel(text: string): number | null {
  return LEVEL_WORDS[text.normalize('NFKC').trim().toLowerCase()] ?? null;
}

export type Level = (typeof LEVELS)[number];

/** The name of a stored level 1–4 (stored levels are checked to be in range). */
export const levelName = (level: number): Level => LEVELS[Math.min(LEVELS.length, Math.max(1, level)) - 1]!;

export type RatingProblem =
  | { kind: 'syntax'; text: string }
  | { kind: 'level'; indicator: string; level: string }
  | { kind: 'duplicate'; indicator: string };

/** `indicator=level` pairs → indicator → 1..4, or the first problem. */
export function parseRatings(pairs: readonly string[]): { ratings: Record<string, number> } | { problem: RatingProblem } {
  const ratings: Record<string, number> = {};
  for (const pair of pairs) {
    const normalized = pair.normalize('NFKC');
    const eq = normalized.indexOf('=');
    const indicator = eq > 0 ? normalized.slice(0, eq).trim() : '';
    if (!indicator) return { problem: { kind: 'syntax', text: pair } };
    const level = parseLevel(normalized.slice(eq + 1));
    if (level === null) return { problem: { kind: 'level', indicator, level: normalized.slice(eq + 1).trim() } };
    if (Object.hasOwn(ratings, indicator)) return { problem: { kind: 'duplicate', indicator } };
    ratings[indicator] = level;
  }
  return { ratings };
}
