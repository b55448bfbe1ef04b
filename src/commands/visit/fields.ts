// Options shared by `visit add` and `visit plan`: the six elements of a visit and what came of it.
import type { Command } from 'commander';
import type { Translator } from '../../i18n/index.js';
import { UsageError } from '../../errors.js';
import { INTENTS, parseIntent, parseMethod, VISIT_METHODS, type Intent, type VisitMethod } from '../../core/visit.js';
import type { ISODate } from '../../core/dates.js';
import { dateOption, suggest } from '../../cli/parsers.js';
import type { NewVisit } from '../../app/visits.js';
import { textOption } from '../text.js';

export { textOption };

export interface VisitOptions {
  date?: ISODate;
  method?: string;
  by?: string;
  purpose?: string;
  topic?: string;
  location?: string;
  summary?: string;
  intent?: string;
  next?: ISODate;
}

export function addVisitOptions(cmd: Command, t: Translator): Command {
  return cmd
    .option('--date <date>', t('opt.visit.date'), dateOption('--date'))
    .option('--method <method>', t('opt.visit.method'), suggest(VISIT_METHODS))
    .option('--by <salesperson>', t('opt.visit.by'))
    .option('--purpose <text>', t('opt.visit.purpose'))
    .option('--topic <text>', t('opt.visit.topic'))
    .option('--location <text>', t('opt.visit.location'))
    .option('--summary <text>', t('opt.visit.summary'))
    .option('--intent <intent>', t('opt.visit.intent'), suggest(INTENTS))
    .option('--next <date>', t('opt.visit.next'), dateOption('--next'));
}

export function methodOption(text: string): VisitMethod {
  const method = parseMethod(text);
  if (!method) throw new UsageError('err.bad_choice', { option: '--method', value: text, choices: VISIT_METHODS.join(', ') });
  return method;
}

export function intentOption(text: string | undefined): Intent | null {
  if (text === undefined || text.trim() === '') return null;
  const intent = parseIntent(text);
  if (!intent) throw new UsageError('err.bad_choice', { option: '--intent', value: text, choices: 'high, medium, low' });
  return intent;
}

export function nextAfter(date: ISODate, next: ISODate | undefined): ISODate | null {
  if (next === undefined) return null;
  if (next < date) throw new UsageError('visit.next_before', { next, date });
  return next;
}

/** The fields of `visit add` and `visit plan`, checked; `planned` plans need a date, visits cannot be in the future. */
export function visitFields(opts: VisitOptions, method: VisitMethod, planned: boolean, today: ISODate): NewVisit {
  if (planned && opts.date === undefined) throw new UsageError('err.missing_flag', { flag: '--date' });
  const date = opts.date ?? today;
  if (!planned && date > today) throw new UsageError('visit.future', { date, today });
  return {
    date,
    method,
    by: textOption('--by', opts.by),
    purpose: textOption('--purpose', opts.purpose),
    topic: textOption('--topic', opts.topic),
    location: textOption('--location', opts.location),
    summary: textOption('--summary', opts.summary),
    intent: intentOption(opts.intent),
    next: nextAfter(date, opts.next),
  };
}
