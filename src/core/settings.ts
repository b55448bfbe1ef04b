// The business-rule settings of SPEC §3, with defaults and validation. Stored in the database so that
// the clerk and the cron jobs share them.

export type SettingKey =
  | 'eligibility.years'
  | 'target.dormant_months'
  | 'application.deadline_months'
  | 'first_contact.days'
  | 'cadence.A'
  | 'cadence.B'
  | 'cadence.C'
  | 'minutes.working_days'
  | 'form.return_days'
  | 'form.initial_days'
  | 'form.periodic_months'
  | 'form.revisit_months';

export type Settings = Record<SettingKey, number>;

export type SettingUnit = 'years' | 'months' | 'days' | 'working-days';

type Definition = { default: number; min: number; max: number; unit: SettingUnit };

export const SETTING_DEFINITIONS: Record<SettingKey, Definition> = {
  'eligibility.years': { default: 3, min: 1, max: 20, unit: 'years' },
  'target.dormant_months': { default: 6, min: 1, max: 120, unit: 'months' },
  'application.deadline_months': { default: 1, min: 1, max: 24, unit: 'months' },
  'first_contact.days': { default: 7, min: 0, max: 365, unit: 'days' },
  'cadence.A': { default: 7, min: 1, max: 3650, unit: 'days' },
  'cadence.B': { default: 30, min: 1, max: 3650, unit: 'days' },
  'cadence.C': { default: 90, min: 1, max: 3650, unit: 'days' },
  'minutes.working_days': { default: 2, min: 0, max: 60, unit: 'working-days' },
  'form.return_days': { default: 15, min: 1, max: 365, unit: 'days' },
  'form.initial_days': { default: 15, min: 0, max: 365, unit: 'days' },
  'form.periodic_months': { default: 3, min: 1, max: 60, unit: 'months' },
  'form.revisit_months': { default: 6, min: 1, max: 120, unit: 'months' },
};

export const SETTING_KEYS = Object.keys(SETTING_DEFINITIONS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTING_DEFINITIONS, key);
}

export function defaultSettings(): Settings {
  return Object.fromEntries(SETTING_KEYS.map((k) => [k, SETTING_DEFINITIONS[k].default])) as Settings;
}

/** The stored text of every setting over the defaults; unparseable stored values fall back to the default. */
export function resolveSettings(stored: Iterable<{ key: string; value: string }>): Settings {
  const settings = defaultSettings();
  for (const { key, value } of stored) {
    if (!isSettingKey(key)) continue;
    const parsed = parseSettingValue(key, value);
    if (parsed !== null) settings[key] = parsed;
  }
  return settings;
}

/** A whole number within the key's range, or null. */
export function parseSettingValue(key: SettingKey, text: string): number | null {
  const def = SETTING_DEFINITIONS[key];
  if (!/^\d+$/u.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= def.min && value <= def.max ? value : null;
}
