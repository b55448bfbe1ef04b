// The eligibility check in every format: SPEC §6 `check` JSON and a block of lines for people.
import type { Eligibility } from '../core/eligibility.js';
import type { Section } from '../cli/output.js';
import type { Translator } from '../i18n/index.js';

export interface CheckSubject {
  query: string;
  customerId: number | null;
  name: string;
}

export function checkJson(subject: CheckSubject, e: Eligibility): Record<string, unknown> {
  return {
    query: subject.query,
    customer_id: subject.customerId,
    name: subject.name,
    as_of: e.asOf,
    window_start: e.windowStart,
    new_customer: e.newCustomer,
    last_business: e.lastBusiness,
    new_customer_from: e.newCustomerFrom,
    samples_ignored: e.samplesIgnored,
    development_target: e.developmentTarget,
  };
}

/** A verdict line and the facts behind it. */
export function checkSection(t: Translator, e: Eligibility, years: number, subject?: string): Section {
  const verdict = e.newCustomer
    ? t('check.verdict_new', { years })
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
