import { resolveSettings, type SettingKey, type Settings, type SettingValue } from '../../core/settings.js';
import type { SettingsRepository } from '../../app/store.js';
import type { PostgresHistory } from './history.js';
import type { Sql } from './sql.js';
import { refreshAllTransactionFacts } from './derived.js';

export class PostgresSettings implements SettingsRepository {
  constructor(
    private readonly sql: Sql,
    private readonly history: PostgresHistory,
  ) {}

  async all(): Promise<Settings> {
    return resolveSettings(await this.sql.rows<{ key: string; value: string }>('SELECT key, value FROM settings'));
  }

  async set(key: SettingKey, value: SettingValue): Promise<void> {
    const old = (await this.all())[key];
    await this.sql.run('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
      key,
      String(value),
    ]);
    if (old === value) return;
    await this.history.record({ action: 'config', entity: 'setting', entityId: key, field: key, old, new: value });
    // Relationship starts are "after N years without business": a new N derives all of them again.
    if (key === 'eligibility.years' && typeof value === 'number') await refreshAllTransactionFacts(this.sql, value);
  }
}
