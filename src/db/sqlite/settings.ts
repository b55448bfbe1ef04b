import { prepared } from './statements.js';
import type { Db } from '../open.js';
import { resolveSettings, type SettingKey, type Settings, type SettingValue } from '../../core/settings.js';
import type { SettingsRepository } from '../../app/store.js';
import type { SqliteHistory } from './history.js';
import { refreshAllTransactionFacts } from './derived.js';

export class SqliteSettings implements SettingsRepository {
  constructor(
    private readonly db: Db,
    private readonly history: SqliteHistory,
  ) {}

  async all(): Promise<Settings> {
    return this.current();
  }

  /** Stored values over the defaults, for the other repositories. */
  current(): Settings {
    const rows = prepared(this.db, 'SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>;
    return resolveSettings(rows);
  }

  async set(key: SettingKey, value: SettingValue): Promise<void> {
    const old = this.current()[key];
    prepared(this.db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
      key,
      String(value),
    );
    if (old === value) return;
    this.history.write({ action: 'config', entity: 'setting', entityId: key, field: key, old, new: value });
    // Relationship starts are "after N years without business": a new N derives all of them again.
    if (key === 'eligibility.years' && typeof value === 'number') refreshAllTransactionFacts(this.db, value);
  }
}
