// Row validation for imports: text fields in, a typed record or every problem with the row out.
import type { MessageKey } from '../i18n/index.js';
import { freeText, hasSuspiciousControl } from '../core/text.js';
import type { Params } from '../errors.js';
import { validateCustomer, type CustomerInput, type ValidCustomerFields } from '../core/customer.js';
import { parseLooseDate, type ISODate } from '../core/dates.js';
import { parseYuan } from '../core/money.js';
import { cleanName, nameKey, nameProblem } from '../core/names.js';
import { parseUscc } from '../core/uscc.js';
import { parseTransactionKind } from '../core/transaction.js';
import type { TransactionKind } from '../core/eligibility.js';
import { parseIntent, parseMethod, type Intent, type VisitMethod } from '../core/visit.js';

export interface RowProblem {
  key: MessageKey;
  params: Params;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: RowProblem[] };

export type RawRow = Record<string, string>;

export interface TransactionRecord {
  customer_name: string;
  name_key: string;
  uscc: string | null;
  date: ISODate;
  amount: number;
  kind: TransactionKind;
  ref: string | null;
}

export interface VisitRecord {
  customer: string;
  date: ISODate;
  method: VisitMethod;
  by: string | null;
  purpose: string | null;
  topic: string | null;
  location: string | null;
  summary: string | null;
  intent: Intent | null;
  next: ISODate | null;
  minutes: string | null;
  minutes_on: ISODate | null;
}

const text = (row: RawRow, field: string): string => (row[field] ?? '').trim();
/** A free-text cell: line ends made LF (text pasted from Windows), empty meaning none. */
const optional = (row: RawRow, field: string): string | null => freeText(row[field] ?? '') || null;

export function checkTransaction(row: RawRow): Checked<TransactionRecord> {
  const problems: RowProblem[] = [];
  const name = text(row, 'customer');
  const key = nameKey(name);
  const nameIssue = nameProblem(name, key);
  if (nameIssue) problems.push({ key: nameIssue === 'empty' ? 'row.required' : 'row.bad_name', params: { field: 'customer' } });
  let uscc: string | null = null;
  if (text(row, 'uscc')) {
    uscc = parseUscc(text(row, 'uscc'));
    if (!uscc) problems.push({ key: 'row.bad_uscc', params: { field: 'uscc', value: text(row, 'uscc') } });
  }
  const date = parseLooseDate(text(row, 'date'));
  if (!date)
    problems.push(
      text(row, 'date')
        ? { key: 'row.bad_date', params: { field: 'date', value: text(row, 'date') } }
        : { key: 'row.required', params: { field: 'date' } },
    );
  const amount = parseYuan(text(row, 'amount'));
  if (amount === null)
    problems.push(
      text(row, 'amount')
        ? { key: 'row.bad_amount', params: { field: 'amount', value: text(row, 'amount') } }
        : { key: 'row.required', params: { field: 'amount' } },
    );
  const kind = parseTransactionKind(text(row, 'kind'));
  if (!kind) problems.push({ key: 'row.bad_kind', params: { field: 'kind', value: text(row, 'kind') } });
  const ref = optional(row, 'ref');
  if (ref && ref.length > 100) problems.push({ key: 'row.too_long', params: { field: 'ref' } });
  if (problems.length) return { ok: false, problems };
  // Cleaning only collapses white space, which the name key drops anyway.
  return { ok: true, value: { customer_name: cleanName(name), name_key: key, uscc, date: date!, amount: amount!, kind: kind!, ref } };
}

export function checkCustomer(row: RawRow): Checked<ValidCustomerFields & { name: string }> {
  const input: CustomerInput = {};
  for (const [field, value] of Object.entries(row)) {
    // An empty grade or registration date means the default (C, today), as on the command line.
    if ((field === 'grade' || field === 'registered_on') && value.trim() === '') continue;
    (input as Record<string, string>)[field] = value;
  }
  if (!text(row, 'name')) return { ok: false, problems: [{ key: 'row.required', params: { field: 'name' } }] };
  const { fields, problems } = validateCustomer(input, { looseDates: true });
  if (problems.length === 0) return { ok: true, value: fields as ValidCustomerFields & { name: string } };
  return {
    ok: false,
    problems: problems.map((p): RowProblem => {
      switch (p.problem) {
        case 'invalid':
          return { key: `problem.${p.field}`, params: { flag: p.field, value: p.value } };
        case 'empty':
          return { key: 'row.required', params: { field: p.field } };
        case 'too-long':
          return { key: 'row.too_long', params: { field: p.field } };
        default: // control-characters
          return { key: 'row.control', params: { field: p.field } };
      }
    }),
  };
}

const MAX_TEXT = 2000;

export function checkVisit(row: RawRow): Checked<VisitRecord> {
  const problems: RowProblem[] = [];
  const customer = text(row, 'customer');
  if (!customer) problems.push({ key: 'row.required', params: { field: 'customer' } });
  const date = parseLooseDate(text(row, 'date'));
  if (!date)
    problems.push(
      text(row, 'date')
        ? { key: 'row.bad_date', params: { field: 'date', value: text(row, 'date') } }
        : { key: 'row.required', params: { field: 'date' } },
    );
  const method = parseMethod(text(row, 'method'));
  if (!method)
    problems.push(
      text(row, 'method')
        ? { key: 'row.bad_method', params: { field: 'method', value: text(row, 'method') } }
        : { key: 'row.required', params: { field: 'method' } },
    );
  let intent: Intent | null = null;
  if (text(row, 'intent')) {
    intent = parseIntent(text(row, 'intent'));
    if (!intent) problems.push({ key: 'row.bad_intent', params: { field: 'intent', value: text(row, 'intent') } });
  }
  let next: ISODate | null = null;
  if (text(row, 'next')) {
    next = parseLooseDate(text(row, 'next'));
    if (!next) problems.push({ key: 'row.bad_date', params: { field: 'next', value: text(row, 'next') } });
    else if (date && next < date) problems.push({ key: 'row.next_before_date', params: { next, date } });
  }
  let minutesOn: ISODate | null = null;
  if (text(row, 'minutes_on')) {
    minutesOn = parseLooseDate(text(row, 'minutes_on'));
    if (!minutesOn) problems.push({ key: 'row.bad_date', params: { field: 'minutes_on', value: text(row, 'minutes_on') } });
  }
  if ((text(row, 'minutes') || minutesOn) && method && method !== 'in-person')
    problems.push({ key: 'row.minutes_not_in_person', params: { method } });
  if (minutesOn && !text(row, 'minutes')) problems.push({ key: 'row.required', params: { field: 'minutes' } });
  if (minutesOn && date && minutesOn < date) problems.push({ key: 'row.minutes_before', params: { on: minutesOn, date } });
  for (const field of ['by', 'purpose', 'topic', 'location', 'summary', 'minutes']) {
    const value = freeText(row[field] ?? '');
    if ([...value].length > MAX_TEXT) problems.push({ key: 'row.too_long', params: { field } });
    else if (hasSuspiciousControl(value)) problems.push({ key: 'row.control', params: { field } });
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      customer,
      date: date!,
      method: method!,
      by: optional(row, 'by'),
      purpose: optional(row, 'purpose'),
      topic: optional(row, 'topic'),
      location: optional(row, 'location'),
      summary: optional(row, 'summary'),
      intent,
      next,
      minutes: optional(row, 'minutes'),
      // Minutes without a date were written on the day of the visit.
      minutes_on: optional(row, 'minutes') ? (minutesOn ?? date!) : null,
    },
  };
}
