// The 3-year new-customer check.
export const check = {
  'check.title': '3-year new-customer check on {date}',
  'check.result': 'Result',
  'check.verdict_new': 'NEW customer: no business in the {years} years before',
  'check.verdict_not_new': 'NOT new: business on {last}; new again from {from}',
  'check.window': 'Window',
  'check.window_value': '{from} up to (not including) {to}',
  'check.last_business': 'Last business',
  'check.none': 'none',
  'check.samples_ignored': 'Samples ignored',
  'check.development_target': 'Development target',
  'cmd.check': '3-year new-customer check for a customer or any name; exit 0 when new, 1 when not',
  'opt.check.on': 'the date in question (default: today)',
  'check.unknown_name': 'no customer and no transactions are known under "{name}"; check the spelling (it counts as new).',
  'check.subject': 'Customer',
  'check.unregistered': '{name} (not registered: transactions only)',
} as const;
