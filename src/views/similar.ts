// The confirmations that similar customers are different companies (docs/rules.md, rule 17), as `customer show`
// and `application show` list them.
import type { Section } from '../cli/output.js';
import type { Translator } from '../i18n/index.js';
import type { Distinction } from '../app/store-similar.js';

/** The customer on the other side of a confirmation, seen from `customerId`. */
function otherSide(d: Distinction, customerId: number): { id: number; name: string } {
  return d.customer_id === customerId ? { id: d.other_id, name: d.other } : { id: d.customer_id, name: d.customer };
}

export function distinctionJson(d: Distinction, customerId: number): Record<string, unknown> {
  const other = otherSide(d, customerId);
  return {
    customer_id: other.id,
    name: other.name,
    via: d.via,
    application_id: d.application_id,
    confirmed_by: d.confirmed_by,
    confirmed_on: d.confirmed_on,
  };
}

export function distinctionSection(t: Translator, rows: readonly Distinction[], customerId: number): Section[] {
  if (rows.length === 0) return [];
  return [
    {
      title: t('show.distinctions', { count: rows.length }),
      lines: rows.map((d): [string, string[]] => {
        const other = otherSide(d, customerId);
        const via = d.via === 'verify' ? t('via.verify', { application: d.application_id ?? '' }) : t(`via.${d.via}`);
        return [`#${other.id}`, [other.name, t('show.distinction_line', { via, by: d.confirmed_by, on: d.confirmed_on })]];
      }),
    },
  ];
}
