// "Samples never count" (docs/rules.md, rule 2) as SQL, written once for every query of both engines:
// the SQL twin of isBusiness() in src/core/eligibility.ts.
import { BUSINESS_KINDS } from '../core/eligibility.js';

/** `<alias>.kind IN ('sale', 'return')`: the transactions that are business. */
export function isBusinessSql(alias?: string): string {
  return `${alias ? `${alias}.` : ''}kind IN (${BUSINESS_KINDS.map((k) => `'${k}'`).join(', ')})`;
}
