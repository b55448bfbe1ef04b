// The 3-year check in every format: the `check` JSON shape and a block of lines for people.
import type { ListSpec, Section } from '../cli/output.js';
import type { Translator } from '../i18n/index.js';
import type { CheckResult } from '../app/check.js';

export function checkJson(r: CheckResult): Record<string, unknown> {
  const e = r.eligibility;
  return {
    query: r.query,
    customer_id: r.customerId,
    name: r.name,
    as_of: e.asOf,
    window_start: e.windowStart,
    new_customer: e.newCustomer,
    last_business: e.lastBusiness,
    new_customer_from: e.newCustomerFrom,
    samples_ignored: e.samplesIgnored,
    development_target: e.developmentTarget,
    similar: r.similar.map((c) => ({
      customer_id: c.customerId,
      name: c.name,
      owner: c.owner,
      last_business: c.lastBusiness,
      confirmed_distinct: c.confirmedDistinct,
    })),
  };
}

/** docs/rules.md, rule 17: the registered customers with a similar name, and which of them leave the verdict to a person. */
export function similarSection(t: Translator, r: CheckResult): Section[] {
  if (r.similar.length === 0) return [];
  const deciding = new Set(r.similarBusiness.map((c) => c.customerId));
  return [
    {
      title: t('check.similar', { count: r.similar.length }),
      lines: r.similar.map((c): [string, string[]] => [
        `#${c.customerId}`,
        [
          c.name,
          t('check.similar_owner', { owner: c.owner ?? '-' }),
          t('check.similar_last', { date: c.lastBusiness ?? t('check.none') }),
          deciding.has(c.customerId) ? t('check.similar_in_window') : c.confirmedDistinct ? t('check.similar_confirmed') : '',
        ],
      ]),
    },
  ];
}

/** A verdict line and the facts behind it; `subject` names what was checked (the `check` command). */
export function checkSection(t: Translator, r: CheckResult, subject?: string): Section {
  const e = r.eligibility;
  const verdict = e.newCustomer
    ? t('check.verdict_new', { years: r.years })
    : t('check.verdict_not_new', { last: e.lastBusiness ?? '', from: e.newCustomerFrom ?? '' });
  return {
    title: t('check.title', { date: e.asOf }),
    lines: [
      ...(subject ? ([[t('check.subject'), subject]] as Array<[string, string]>) : []),
      [t('check.result'), verdict],
      [t('check.window'), t('check.window_value', { from: e.windowStart, to: e.asOf })],
      [t('check.last_business'), e.lastBusiness ?? t('check.none')],
      [t('check.samples_ignored'), String(e.samplesIgnored)],
      [t('check.development_target'), t(e.developmentTarget ? 'word.yes' : 'word.no')],
    ],
  };
}

/** One row per check for csv and tsv. */
export const checkSpec: ListSpec<CheckResult> = {
  columns: [
    { header: 'col.query', value: (r) => r.query },
    { header: 'col.customer_id', type: 'int', value: (r) => r.customerId, text: true },
    { header: 'col.name', value: (r) => r.name },
    { header: 'col.as_of', type: 'date', value: (r) => r.eligibility.asOf },
    { header: 'col.window_start', type: 'date', value: (r) => r.eligibility.windowStart },
    { header: 'col.new_customer', type: 'bool', value: (r) => r.eligibility.newCustomer },
    { header: 'col.last_business', type: 'date', value: (r) => r.eligibility.lastBusiness },
    { header: 'col.new_customer_from', type: 'date', value: (r) => r.eligibility.newCustomerFrom },
    { header: 'col.samples_ignored', type: 'int', value: (r) => r.eligibility.samplesIgnored },
    { header: 'col.development_target', type: 'bool', value: (r) => r.eligibility.developmentTarget },
    { header: 'col.similar', value: (r) => r.similar.map((c) => `#${c.customerId} ${c.name}`).join('; ') },
  ],
  json: checkJson,
  count: 'summary.items',
  empty: 'empty.items',
  sheet: 'sheet.check',
};
