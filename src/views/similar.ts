// The confirmations that similar customers are different companies (docs/rules.md, rule 17), as `customer show`
// and `application show` list them.
import type { Section } from '../cli/output.js';
import type { Translator } from '../i18n/index.js';
import type { DistinctFrom } from '../app/similar.js';

export function distinctionJson(d: DistinctFrom): Record<string, unknown> {
  return {
    customer_id: d.customerId,
    name: d.name,
    via: d.via,
    application_id: d.applicationId,
    confirmed_by: d.confirmedBy,
    confirmed_on: d.confirmedOn,
  };
}

export function distinctionSection(t: Translator, rows: readonly DistinctFrom[]): Section[] {
  if (rows.length === 0) return [];
  return [
    {
      title: t('show.distinctions', { count: rows.length }),
      lines: rows.map((d): [string, string[]] => {
        const via = d.via === 'verify' ? t('via.verify', { application: d.applicationId ?? '' }) : t(`via.${d.via}`);
        return [`#${d.customerId}`, [d.name, t('show.distinction_line', { via, by: d.confirmedBy, on: d.confirmedOn })]];
      }),
    },
  ];
}
