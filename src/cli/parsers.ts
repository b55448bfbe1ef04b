// Option-value parsers: a bad value is a usage error (exit 2) that names the option and the fix.
import { UsageError } from '../errors.js';
import { parseLooseDate, type ISODate } from '../core/dates.js';
import { GRADES, parseGrade, type Grade } from '../core/customer.js';
import { FORMATS, type Format } from './output.js';

/**
 * The values shell completion offers for an option or argument (src/cli/completion/tree.ts), declared where
 * the option is: its parser carries them.
 */
export function offering<F extends (...args: never[]) => unknown>(
  parse: F,
  choices: readonly string[],
): F & { readonly choices: readonly string[] } {
  return Object.assign(parse, { choices });
}

/** A value the command checks itself (accepting labels too, 面谈 for in-person): only what completion offers. */
export function suggest(choices: readonly string[]) {
  return offering((value: string): string => value, choices);
}

/**
 * `today` on the command line: options are parsed before --as-of may have been read, so the parser
 * leaves this marker and the action wrapper replaces it with the context's today.
 */
export const TODAY = '\u0000today';

export function dateOption(option: string) {
  return (value: string): ISODate => {
    if (value.trim() === 'today') return TODAY;
    // 2026-11-20, and the forms Excel writes: 2026/11/20, 2026年11月20日.
    const date = parseLooseDate(value);
    if (!date) throw new UsageError('err.bad_date', { option, value });
    return date;
  };
}

/** `--as-of` is itself the meaning of "today", so `today` here is the real local date. */
export const asOfOption =
  (now: () => Date) =>
  (value: string): ISODate => {
    if (value === 'today') {
      const d = now();
      return `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    }
    return dateOption('--as-of')(value);
  };

export const gradeOption = offering((value: string): Grade => {
  const grade = parseGrade(value);
  if (!grade) throw new UsageError('err.bad_choice', { option: '--grade', value, choices: 'A, B, C' });
  return grade;
}, GRADES);

export const formatOption = offering((value: string): Format => {
  if (!(FORMATS as readonly string[]).includes(value)) {
    throw new UsageError('err.bad_choice', { option: '--format', value, choices: FORMATS.join(', ') });
  }
  return value as Format;
}, FORMATS);

export const langOption = offering(
  (value: string): 'en' | 'zh' => {
    if (value !== 'en' && value !== 'zh') throw new UsageError('err.bad_choice', { option: '--lang', value, choices: 'en, zh' });
    return value;
  },
  ['en', 'zh'],
);

export function choiceOption<T extends string>(option: string, choices: readonly T[]) {
  return offering((value: string): T => {
    if (!(choices as readonly string[]).includes(value))
      throw new UsageError('err.bad_choice', { option, value, choices: choices.join(', ') });
    return value as T;
  }, choices);
}

export function positiveIntOption(option: string, { min = 0, max = 1_000_000 } = {}) {
  return (value: string): number => {
    if (!/^\d+$/u.test(value) || Number(value) < min || Number(value) > max) {
      throw new UsageError('err.bad_number', { option, value, min, max });
    }
    return Number(value);
  };
}

/** Repeatable options collect into an array. */
export function collect<T>(parse: ((value: string) => T) & { choices?: readonly string[] }) {
  const repeat = (value: string, previous: T[] | undefined): T[] => [...(previous ?? []), parse(value)];
  return parse.choices ? offering(repeat, parse.choices) : repeat;
}

/** A numeric id given on the command line. */
export function idArgument(what: string, value: string): number {
  if (!/^\d+$/u.test(value.trim()) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new UsageError('err.bad_id', { what, value });
  }
  return Number(value);
}
