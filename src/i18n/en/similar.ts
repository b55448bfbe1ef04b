// Similar company names (docs/rules.md, rule 17): registering, checking, verifying and importing them.
export const similar = {
  'opt.customer.distinct':
    'register the name (or the new name or former name) although a registered customer has a similar one: they are different companies (written to the history)',
  'opt.import.allow_similar':
    'customers: register names similar to a registered customer or an earlier row: they are different companies (written to the history)',
  'opt.application.distinct_from':
    'a similar customer that is a different company (repeatable): verification no longer stops at its business; written to the history',
  'similar.register':
    "'{name}' is similar to {count} registered customer(s); nothing was registered. If it is the same company, use the registered one; if it is a different company, register it again with --distinct:",
  'similar.edit':
    "'{name}' is similar to {count} other registered customer(s); nothing was changed. If they are different companies, run the command again with --distinct:",
  'check.similar': 'Similar names ({count})',
  'check.similar_business':
    'new by this name, but the similar customer #{id} {name} (owner: {owner}) had business on {date}, inside the window: a person must decide whether they are the same company (exit 6).',
  'check.similar_in_window': 'business inside the window',
  'check.similar_confirmed': 'confirmed a different company',
  'check.similar_owner': 'owner {owner}',
  'check.similar_last': 'last business {date}',
  'col.similar': 'Similar names',
  'application.similar_business':
    'application #{id} stays filed: the similar customer #{other} {name} (owner: {owner}) had business on {date}, inside the window {from} up to (not including) {to}. If they are different companies: custrack application verify {id} --distinct-from {other}',
  'application.not_similar':
    "customer #{id} {name} is not similar to {customer}; --distinct-from names a customer whose name is similar to the application's customer.",
  'show.distinctions': 'Confirmed different companies ({count})',
  'show.distinction_line': '{via}, confirmed by {by} on {on}',
  'via.register': 'at registration',
  'via.edit': 'when a name was changed',
  'via.import': 'at import',
  'via.verify': 'verifying application #{application}',
  'row.similar_customer': 'similar to registered {similar}; if they are different companies, import with --allow-similar',
  'row.similar_in_file': 'similar to the name on line {first}; if they are different companies, import with --allow-similar',
  'import.similar_unmatched':
    '{rows} imported row(s) under {names} name(s) match no customer but are similar to one. If a name is a former name of that customer, add it as an alias:',
  'import.similar_example': '{name} ({rows} row(s)) ~ #{id} {customer} ({owner}): custrack customer edit {id} --alias "{name}"',
  'import.similar_more': '… and {count} more name(s).',
  'demo.check_similar':
    'A similar name: new by its own invoices, but a registered customer of a similar name had business → a person decides (exit 6)',
} as const;
