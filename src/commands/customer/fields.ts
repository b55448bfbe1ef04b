// The customer options shared by `customer add` and `customer edit`, and their validation.
import type { Command } from 'commander';
import type { Translator } from '../../i18n/index.js';
import { UsageError } from '../../errors.js';
import { dateOption, suggest } from '../../cli/parsers.js';
import { CUSTOMER_FIELDS, fieldFlag, optionProperty } from '../../core/customer-fields.js';
import { GRADES, validateCustomer, type CustomerInput, type CustomerProblem, type ValidCustomerFields } from '../../core/customer.js';
import type { Translator as T } from '../../i18n/index.js';

export interface CustomerFieldOptions {
  name?: string;
  uscc?: string;
  grade?: string;
  owner?: string;
  source?: string;
  region?: string;
  industry?: string;
  contact?: string;
  phone?: string;
  email?: string;
  address?: string;
  monthlyVolume?: string;
  registered?: string;
  note?: string;
}

export function addCustomerFieldOptions(cmd: Command, t: Translator): Command {
  for (const { key, option } of CUSTOMER_FIELDS) {
    if (option === null) continue;
    const help = t(`opt.customer.${option.help}`);
    if (key === 'grade') cmd.option(`--${option.flag} ${option.value}`, help, suggest(GRADES));
    // A date option takes what every other date option takes, `today` included (src/cli/parsers.ts).
    else if (option.value === '<date>') cmd.option(`--${option.flag} ${option.value}`, help, dateOption(`--${option.flag}`));
    else cmd.option(`--${option.flag} ${option.value}`, help);
  }
  return cmd;
}

export function toCustomerInput(opts: CustomerFieldOptions): CustomerInput {
  const input: CustomerInput = {};
  const given = opts as Record<string, string | undefined>;
  for (const field of CUSTOMER_FIELDS) {
    const value = field.option === null ? undefined : given[optionProperty(field.option.flag)];
    if (value !== undefined) input[field.key] = value;
  }
  return input;
}

const FLAG = Object.fromEntries(CUSTOMER_FIELDS.map((field) => [field.key, fieldFlag(field)])) as Record<CustomerProblem['field'], string>;

/** One line per problem, naming the option and what a good value looks like. */
export function describeProblem(problem: CustomerProblem, t: T, flag = FLAG[problem.field]): string {
  switch (problem.problem) {
    case 'empty':
      return t('problem.name_empty', { flag });
    case 'too-long':
      return t('problem.too_long', { flag });
    case 'control-characters':
      return t('problem.control', { flag });
    case 'invalid':
      return t(`problem.${problem.field}` as const, { flag, value: problem.value });
  }
}

/** Validated fields, or a usage error listing every problem. */
export function checkedFields(input: CustomerInput, t: T): ValidCustomerFields {
  // Dates as the command line takes them everywhere: 2026/11/20 and 2026年11月20日 too.
  const { fields, problems } = validateCustomer(input, { looseDates: true });
  if (problems.length > 0) {
    const [first, ...rest] = problems.map((p) => describeProblem(p, t));
    throw new UsageError('err.plain', { message: first! }, rest);
  }
  return fields;
}
