// Which customer an imported row means, for both engines: every customer and former name loaded once
// per file, so a million rows cost a million map look-ups, not a million queries.
import { nameKey } from '../core/names.js';
import { parseUscc } from '../core/uscc.js';

export interface ResolverCustomer {
  id: number;
  name_key: string;
  uscc: string | null;
  owner: string | null;
}

export interface ResolverAlias {
  customer_id: number;
  name_key: string;
}

export class CustomerResolver {
  private readonly byKey = new Map<string, number>();
  private readonly byUscc = new Map<string, number>();
  private readonly owners = new Map<number, string | null>();

  constructor(customers: Iterable<ResolverCustomer>, aliases: Iterable<ResolverAlias>) {
    for (const c of customers) {
      this.owners.set(c.id, c.owner);
      this.byKey.set(c.name_key, c.id);
      if (c.uscc) this.byUscc.set(c.uscc, c.id);
    }
    for (const a of aliases) {
      if (!this.byKey.has(a.name_key)) this.byKey.set(a.name_key, a.customer_id);
    }
  }

  /** docs/rules.md, rule 1 for a transaction: USCC first, then the name key of a name or former name. */
  match(key: string, uscc: string | null): number | null {
    return (uscc ? this.byUscc.get(uscc) : undefined) ?? this.byKey.get(key) ?? null;
  }

  /** `<customer>` as a visit row gives it: an id, a USCC or a name. */
  resolve(text: string): number | undefined {
    if (/^\d+$/u.test(text) && this.owners.has(Number(text))) return Number(text);
    const uscc = parseUscc(text);
    if (uscc && this.byUscc.has(uscc)) return this.byUscc.get(uscc);
    return this.byKey.get(nameKey(text));
  }

  owner(id: number): string | null {
    return this.owners.get(id) ?? null;
  }

  /** The customer a name key (a name or former name), else a USCC, is registered as. */
  registered(key: string, uscc: string | null): number | undefined {
    return this.byKey.get(key) ?? (uscc ? this.byUscc.get(uscc) : undefined);
  }

  /** A name key or USCC already registered (as a name, a former name or a USCC). */
  has(key: string, uscc: string | null): boolean {
    return this.byKey.has(key) || (uscc !== null && this.byUscc.has(uscc));
  }
}
