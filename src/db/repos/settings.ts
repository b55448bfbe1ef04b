import { prepared } from '../statements.js';
import type { Db } from '../open.js';
import { resolveSettings, type SettingKey, type Settings, type SettingValue } from '../../core/settings.js';
import type { HistoryRepo } from './history.js';
import { refreshAllTransactionFacts } from './derived.js';

export class SettingsRepo {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryRepo,
  ) {}

  stored(): Map<string, string> {
    const rows = prepared(this.db, 'SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>;
    return new Map(rows.map((r) => [r.key, r.value]));
  }

  /** Every setting: stored values over the defaults. */
  all(): Settings {
    return resolveSettings([...this.stored()].map(([key, value]) => ({ key, value })));
  }

  set(key: SettingKey, value: SettingValue): void {
    const old = this.all()[key];
    prepared(this.db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, String(value));
    if (old === value) return;
    this.history.record({ action: 'config', entity: 'setting', entityId: key, field: key, old, new: value });
    // Relationship starts are "after N years without business": a new N re-derives all of them.
    if (key === 'eligibility.years' && typeof value === 'number') refreshAllTransactionFacts(this.db, value);
  }
}
