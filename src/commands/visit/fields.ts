// Options shared by `visit add` and `visit plan`: the six elements of a visit and what came of it.
import type { Command } from 'commander';
import type { Translator } from '../../i18n/index.js';
import { UsageError } from '../../errors.js';
import { parseIntent, parseMethod, VISIT_METHODS, type Intent, type VisitMethod } from '../../core/visit.js';
import type { ISODate } from '../../core/dates.js';
import { dateOption } from '../../cli/parsers.js';

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
    .option('--method <method>', t('opt.visit.method'))
    .option('--by <salesperson>', t('opt.visit.by'))
    .option('--purpose <text>', t('opt.visit.purpose'))
    .option('--topic <text>', t('opt.visit.topic'))
    .option('--location <text>', t('opt.visit.location'))
    .option('--summary <text>', t('opt.visit.summary'))
    .option('--intent <intent>', t('opt.visit.intent'))
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

const MAX = 2000;

export function textOption(flag: string, text: string | undefined): string | null {
  if (text === undefined) return null;
  const value = text.trim();
  if ([...value].length > MAX) throw new UsageError('problem.too_long', { flag });
  return value === '' ? null : value;
}

export function nextAfter(date: ISODate, next: ISODate | undefined): ISODate | null {
  if (next === undefined) return null;
  if (next < date) throw new UsageError('visit.next_before', { next, date });
  return next;
}
