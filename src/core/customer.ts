// Validation of customer fields, shared by `customer add|edit` and the customer import.
import { cleanName, nameProblem, type NameProblem } from './names.js';
import { parseUscc } from './uscc.js';
import { parsePhone } from './phone.js';
import { parseYuan } from './money.js';
import { parseISODate, parseLooseDate, type ISODate } from './dates.js';
import { freeText, hasSuspiciousControl } from './text.js';

export const GRADES = ['A', 'B', 'C'] as const;
export type Grade = (typeof GRADES)[number];

export function parseGrade(text: string): Grade | null {
  const g = text.normalize('NFKC').trim().toUpperCase();
  return (GRADES as readonly string[]).includes(g) ? (g as Grade) : null;
}

export const MAX_TEXT_LENGTH = 2000;

/** Text fields carried as typed (trimmed), empty meaning "none". */
export const TEXT_FIELDS = ['owner', 'source', 'region', 'industry', 'contact', 'address', 'note'] as const;

export type CustomerInput = Partial<
  Record<
    'name' | 'uscc' | 'grade' | 'phone' | 'email' | 'monthly_volume' | 'registered_on' | 'last_contact' | (typeof TEXT_FIELDS)[number],
    string
  >
>;

export interface ValidCustomerFields {
  name?: string;
  uscc?: string | null;
  grade?: Grade;
  owner?: string | null;
  source?: string | null;
  region?: string | null;
  industry?: string | null;
  contact?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  monthly_volume?: number | null;
  note?: string | null;
  registered_on?: ISODate;
  /** docs/rules.md, rule 6: the customer counts as contacted that day. */
  last_contact_on?: ISODate | null;
}

export type CustomerProblem =
  | { field: 'name'; problem: NameProblem }
  | { field: 'uscc' | 'grade' | 'phone' | 'email' | 'monthly_volume' | 'registered_on' | 'last_contact'; problem: 'invalid'; value: string }
  | { field: (typeof TEXT_FIELDS)[number]; problem: 'too-long' | 'control-characters' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

/**
 * Checks and normalizes the given fields; absent fields stay absent, empty text clears an optional field.
 * `looseDates` accepts spreadsheet spellings of dates (imports).
 */
export function validateCustomer(
  input: CustomerInput,
  options: { looseDates?: boolean } = {},
): { fields: ValidCustomerFields; problems: CustomerProblem[] } {
  const fields: ValidCustomerFields = {};
  const problems: CustomerProblem[] = [];
  if (input.name !== undefined) {
    const problem = nameProblem(input.name);
    if (problem) problems.push({ field: 'name', problem });
    else fields.name = cleanName(input.name);
  }
  if (input.uscc !== undefined) {
    if (input.uscc.trim() === '') fields.uscc = null;
    else {
      const uscc = parseUscc(input.uscc);
      if (uscc) fields.uscc = uscc;
      else problems.push({ field: 'uscc', problem: 'invalid', value: input.uscc });
    }
  }
  if (input.grade !== undefined) {
    const grade = parseGrade(input.grade);
    if (grade) fields.grade = grade;
    else problems.push({ field: 'grade', problem: 'invalid', value: input.grade });
  }
  if (input.phone !== undefined) {
    if (input.phone.trim() === '') fields.phone = null;
    else {
      const phone = parsePhone(input.phone);
      if (phone) fields.phone = phone.value;
      else problems.push({ field: 'phone', problem: 'invalid', value: input.phone });
    }
  }
  if (input.email !== undefined) {
    const email = input.email.normalize('NFKC').trim();
    if (email === '') fields.email = null;
    else if (EMAIL.test(email) && email.length <= 254) fields.email = email;
    else problems.push({ field: 'email', problem: 'invalid', value: input.email });
  }
  if (input.monthly_volume !== undefined) {
    if (input.monthly_volume.trim() === '') fields.monthly_volume = null;
    else {
      const fen = parseYuan(input.monthly_volume);
      if (fen !== null && fen >= 0) fields.monthly_volume = fen;
      else problems.push({ field: 'monthly_volume', problem: 'invalid', value: input.monthly_volume });
    }
  }
  if (input.registered_on !== undefined) {
    const date = options.looseDates ? parseLooseDate(input.registered_on) : parseISODate(input.registered_on);
    if (date) fields.registered_on = date;
    else problems.push({ field: 'registered_on', problem: 'invalid', value: input.registered_on });
  }
  if (input.last_contact !== undefined) {
    const date = options.looseDates ? parseLooseDate(input.last_contact) : parseISODate(input.last_contact);
    if (input.last_contact.trim() === '') fields.last_contact_on = null;
    else if (date) fields.last_contact_on = date;
    else problems.push({ field: 'last_contact', problem: 'invalid', value: input.last_contact });
  }
  for (const field of TEXT_FIELDS) {
    const value = input[field];
    if (value === undefined) continue;
    const text = freeText(value);
    if ([...text].length > MAX_TEXT_LENGTH) problems.push({ field, problem: 'too-long' });
    else if (hasSuspiciousControl(text)) problems.push({ field, problem: 'control-characters' });
    else fields[field] = text === '' ? null : text;
  }
  return { fields, problems };
}

/** A customer's own fields by name, in the order `customer edit` writes their changes. */
export const CUSTOMER_FIELD_NAMES = [
  'name',
  'uscc',
  'grade',
  'owner',
  'source',
  'region',
  'industry',
  'contact',
  'phone',
  'email',
  'address',
  'monthly_volume',
  'registered_on',
  'note',
  'last_contact_on',
] as const satisfies ReadonlyArray<keyof CustomerFields>;

/** A customer's own fields as stored (the rest of a stored row is derived or kept by custrack). */
export interface CustomerFields {
  name: string;
  uscc: string | null;
  grade: Grade;
  owner: string | null;
  source: string | null;
  region: string | null;
  industry: string | null;
  contact: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  /** Integer fen. */
  monthly_volume: number | null;
  note: string | null;
  registered_on: ISODate;
  /** The last contact before custrack (README, "Importing data"): rules 6 and 7 take it as a contact. */
  last_contact_on?: ISODate | null;
}

/** Fields given on registration, with the defaults for what was not: grade C, registered today, the rest empty. */
export function registrationFields(valid: ValidCustomerFields & { name: string }, today: ISODate): CustomerFields {
  return {
    name: valid.name,
    uscc: valid.uscc ?? null,
    grade: valid.grade ?? 'C',
    owner: valid.owner ?? null,
    source: valid.source ?? null,
    region: valid.region ?? null,
    industry: valid.industry ?? null,
    contact: valid.contact ?? null,
    phone: valid.phone ?? null,
    email: valid.email ?? null,
    address: valid.address ?? null,
    monthly_volume: valid.monthly_volume ?? null,
    note: valid.note ?? null,
    registered_on: valid.registered_on ?? today,
    ...(valid.last_contact_on ? { last_contact_on: valid.last_contact_on } : {}),
  };
}
