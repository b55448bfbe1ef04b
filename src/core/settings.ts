// The business-rule settings of docs/rules.md, with defaults and validation. Stored in the database (as text) so
// that the clerk and the cron jobs share them.
//
// A setting is one of three kinds:
// - a whole number of years, months, days or working days (`cadence.A` = 7);
// - a decimal within a range (`similar.threshold` = 0.8);
// - an on/off switch (`plan.approval` = off).
// `Settings` maps each key to the type of its kind, so `settings['cadence.A']` stays a `number` and
// `settings['plan.approval']` is `'on' | 'off'`.

/** Keys whose value is a whole number. */
export type IntegerSettingKey =
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
  | 'form.revisit_months'
  | 'complaint.handle_days'
  | 'complaint.followup_days';

/** Keys whose value is a decimal. */
export type DecimalSettingKey = 'similar.threshold';

/** Keys whose value is `on` or `off`. */
export type SwitchSettingKey = 'plan.approval';

export type SettingKey = IntegerSettingKey | DecimalSettingKey | SwitchSettingKey;

export const SWITCH_VALUES = ['off', 'on'] as const;
export type Switch = (typeof SWITCH_VALUES)[number];

/** Any setting's value. */
export type SettingValue = number | Switch;

/** Every setting, each typed by its kind. */
export type Settings = { [K in SettingKey]: K extends SwitchSettingKey ? Switch : number };

export interface IntegerDefinition {
  kind: 'integer';
  default: number;
  min: number;
  max: number;
  unit: 'years' | 'months' | 'days' | 'working-days';
}

export interface DecimalDefinition {
  kind: 'decimal';
  default: number;
  min: number;
  max: number;
  unit: 'ratio';
}

export interface SwitchDefinition {
  kind: 'switch';
  default: Switch;
  unit: 'switch';
}

export type SettingDefinition = IntegerDefinition | DecimalDefinition | SwitchDefinition;

type DefinitionOf<K extends SettingKey> = K extends SwitchSettingKey
  ? SwitchDefinition
  : K extends DecimalSettingKey
    ? DecimalDefinition
    : IntegerDefinition;

export const SETTING_DEFINITIONS: { [K in SettingKey]: DefinitionOf<K> } = {
  'eligibility.years': { kind: 'integer', default: 3, min: 1, max: 20, unit: 'years' },
  'target.dormant_months': { kind: 'integer', default: 6, min: 1, max: 120, unit: 'months' },
  'application.deadline_months': { kind: 'integer', default: 1, min: 1, max: 24, unit: 'months' },
  'first_contact.days': { kind: 'integer', default: 7, min: 0, max: 365, unit: 'days' },
  'cadence.A': { kind: 'integer', default: 7, min: 1, max: 3650, unit: 'days' },
  'cadence.B': { kind: 'integer', default: 30, min: 1, max: 3650, unit: 'days' },
  'cadence.C': { kind: 'integer', default: 90, min: 1, max: 3650, unit: 'days' },
  'minutes.working_days': { kind: 'integer', default: 2, min: 0, max: 60, unit: 'working-days' },
  'form.return_days': { kind: 'integer', default: 15, min: 1, max: 365, unit: 'days' },
  'form.initial_days': { kind: 'integer', default: 15, min: 0, max: 365, unit: 'days' },
  'form.periodic_months': { kind: 'integer', default: 3, min: 1, max: 60, unit: 'months' },
  'form.revisit_months': { kind: 'integer', default: 6, min: 1, max: 120, unit: 'months' },
  // Rule 14: handled (the result told to the customer) within 5 working days of receipt; followed up
  // 30 days after handling. 0 working days means "the day it was received".
  'complaint.handle_days': { kind: 'integer', default: 5, min: 0, max: 60, unit: 'working-days' },
  'complaint.followup_days': { kind: 'integer', default: 30, min: 1, max: 365, unit: 'days' },
  // Rule 15: off by default, so nothing changes for an office that does not approve plans.
  'plan.approval': { kind: 'switch', default: 'off', unit: 'switch' },
  // Rule 17: below 0.5 half of all names would look alike; 1 means "equal cores only" in effect.
  'similar.threshold': { kind: 'decimal', default: 0.8, min: 0.5, max: 1, unit: 'ratio' },
};

export const SETTING_KEYS = Object.keys(SETTING_DEFINITIONS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTING_DEFINITIONS, key);
}

/** A key's definition, typed as the union (for code that handles any key). */
export function settingDefinition(key: SettingKey): SettingDefinition {
  return SETTING_DEFINITIONS[key];
}

export function defaultSettings(): Settings {
  return Object.fromEntries(SETTING_KEYS.map((k) => [k, SETTING_DEFINITIONS[k].default])) as Settings;
}

/** The stored text of every setting over the defaults; unparseable stored values fall back to the default. */
export function resolveSettings(stored: Iterable<{ key: string; value: string }>): Settings {
  const settings = defaultSettings();
  const writable = settings as Record<SettingKey, SettingValue>;
  for (const { key, value } of stored) {
    if (!isSettingKey(key)) continue;
    const parsed = parseSettingValue(key, value);
    if (parsed !== null) writable[key] = parsed;
  }
  return settings;
}

const SWITCH_WORDS: Record<string, Switch> = {
  on: 'on',
  true: 'on',
  yes: 'on',
  y: 'on',
  '1': 'on',
  enable: 'on',
  enabled: 'on',
  开: 'on',
  开启: 'on',
  启用: 'on',
  打开: 'on',
  是: 'on',
  off: 'off',
  false: 'off',
  no: 'off',
  n: 'off',
  '0': 'off',
  disable: 'off',
  disabled: 'off',
  关: 'off',
  关闭: 'off',
  停用: 'off',
  禁用: 'off',
  否: 'off',
};

/**
 * The value of `text` for `key`, or null when it is not one:
 * - integer: digits only, within the key's range (`1.5`, `-1`, `seven` are not);
 * - decimal: `0.85`, `.85`, `1` or a percentage `85%`, within the range;
 * - switch: `on|off`, also `true|false`, `yes|no`, `1|0`, `开|关`, `开启|关闭`, `启用|停用`.
 * Full-width characters are read as their half-width forms.
 */
export function parseSettingValue<K extends SettingKey>(key: K, text: string): Settings[K] | null;
export function parseSettingValue(key: SettingKey, text: string): SettingValue | null {
  const def = settingDefinition(key);
  const clean = text.normalize('NFKC').trim();
  switch (def.kind) {
    case 'integer': {
      if (!/^\d+$/u.test(clean)) return null;
      const value = Number(clean);
      return value >= def.min && value <= def.max ? value : null;
    }
    case 'decimal': {
      const m = /^(\d+(?:\.\d+)?|\.\d+)(%?)$/u.exec(clean);
      if (!m) return null;
      const value = m[2] ? Number(m[1]) / 100 : Number(m[1]);
      return value >= def.min && value <= def.max ? value : null;
    }
    case 'switch':
      return SWITCH_WORDS[clean.toLowerCase()] ?? null;
  }
}

/** A value as `config` shows and stores it: `7`, `0.8`, `on`. The inverse of `parseSettingValue`. */
export function formatSettingValue(key: SettingKey, value: SettingValue): string {
  const def = settingDefinition(key);
  if (def.kind === 'switch') return value === 'on' ? 'on' : 'off';
  // A decimal keeps the digits it was given (0.85), without binary noise (0.1 + 0.2).
  return typeof value === 'number' ? String(def.kind === 'decimal' ? Number(value.toFixed(6)) : value) : String(value);
}

/** The values a key accepts, for an error message: `1..20`, `0.5..1`, `on|off`. */
export function settingDomain(key: SettingKey): { min: string; max: string } {
  const def = settingDefinition(key);
  return def.kind === 'switch' ? { min: 'off', max: 'on' } : { min: String(def.min), max: String(def.max) };
}
