// The customer options shared by `customer add` and `customer edit`, and their validation.
import type { Command } from 'commander';
import type { Translator } from '../../i18n/index.js';
import { UsageError } from '../../errors.js';
import { suggest } from '../../cli/parsers.js';
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
  return cmd
    .option('--name <name>', t('opt.customer.name'))
    .option('--uscc <code>', t('opt.customer.uscc'))
    .option('--grade <grade>', t('opt.customer.grade'), suggest(GRADES))
    .option('--owner <name>', t('opt.customer.owner'))
    .option('--source <text>', t('opt.customer.source'))
    .option('--region <text>', t('opt.customer.region'))
    .option('--industry <text>', t('opt.customer.industry'))
    .option('--contact <name>', t('opt.customer.contact'))
    .option('--phone <number>', t('opt.customer.phone'))
    .option('--email <address>', t('opt.customer.email'))
    .option('--address <text>', t('opt.customer.address'))
    .option('--monthly-volume <yuan>', t('opt.customer.monthly_volume'))
    .option('--registered <date>', t('opt.customer.registered'))
    .option('--note <text>', t('opt.customer.note'));
}

export function toCustomerInput(opts: CustomerFieldOptions): CustomerInput {
  const input: CustomerInput = {};
  const map: Array<[keyof CustomerFieldOptions, keyof CustomerInput]> = [
    ['name', 'name'],
    ['uscc', 'uscc'],
    ['grade', 'grade'],
    ['owner', 'owner'],
    ['source', 'source'],
    ['region', 'region'],
    ['industry', 'industry'],
    ['contact', 'contact'],
    ['phone', 'phone'],
    ['email', 'email'],
    ['address', 'address'],
    ['monthlyVolume', 'monthly_volume'],
    ['registered', 'registered_on'],
    ['note', 'note'],
  ];
  for (const [option, field] of map) if (opts[option] !== undefined) input[field] = opts[option];
  return input;
}

const FLAG: Record<CustomerProblem['field'], string> = {
  name: '--name',
  uscc: '--uscc',
  grade: '--grade',
  phone: '--phone',
  email: '--email',
  monthly_volume: '--monthly-volume',
  registered_on: '--registered',
  owner: '--owner',
  source: '--source',
  region: '--region',
  industry: '--industry',
  contact: '--contact',
  address: '--address',
  note: '--note',
  // Only an import sets it (README, "Importing data").
  last_contact: 'last_contact',
};

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
