// The settings of docs/rules.md: defaults, the three kinds of value (whole numbers, decimals, on/off switches),
// parsing what `config set` is given, showing it back, and stored values over the defaults.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  defaultSettings,
  formatSettingValue,
  parseSettingValue,
  resolveSettings,
  SETTING_DEFINITIONS,
  SETTING_KEYS,
  settingDomain,
  type Settings,
  type Switch,
} from '../../src/core/settings.js';

describe('settings', () => {
  it('has the defaults of docs/rules.md', () => {
    expect(defaultSettings()).toEqual({
      'eligibility.years': 3,
      'target.dormant_months': 6,
      'application.deadline_months': 1,
      'first_contact.days': 7,
      'cadence.A': 7,
      'cadence.B': 30,
      'cadence.C': 90,
      'minutes.working_days': 2,
      'form.return_days': 15,
      'form.initial_days': 15,
      'form.periodic_months': 3,
      'form.revisit_months': 6,
      'complaint.handle_days': 5,
      'complaint.followup_days': 30,
      'plan.approval': 'off',
      'similar.threshold': 0.8,
    });
  });

  it('each key has the type of its kind (checked by the compiler)', () => {
    const settings = defaultSettings();
    expectTypeOf(settings['cadence.A']).toEqualTypeOf<number>();
    expectTypeOf(settings['complaint.handle_days']).toEqualTypeOf<number>();
    expectTypeOf(settings['similar.threshold']).toEqualTypeOf<number>();
    expectTypeOf(settings['plan.approval']).toEqualTypeOf<Switch>();
    expectTypeOf(parseSettingValue('plan.approval', 'on')).toEqualTypeOf<Switch | null>();
    expectTypeOf(parseSettingValue('cadence.B', '3')).toEqualTypeOf<number | null>();
  });

  it('every key has a definition of one kind with a unit', () => {
    expect(SETTING_KEYS).toHaveLength(16);
    expect(SETTING_DEFINITIONS['complaint.handle_days']).toMatchObject({ kind: 'integer', unit: 'working-days' });
    expect(SETTING_DEFINITIONS['complaint.followup_days']).toMatchObject({ kind: 'integer', unit: 'days' });
    expect(SETTING_DEFINITIONS['plan.approval']).toEqual({ kind: 'switch', default: 'off', unit: 'switch' });
    expect(SETTING_DEFINITIONS['similar.threshold']).toMatchObject({ kind: 'decimal', min: 0.5, max: 1 });
  });

  describe('parseSettingValue', () => {
    it.each([
      ['cadence.A', '10', 10],
      ['cadence.A', '0', null],
      ['cadence.A', '-1', null],
      ['cadence.A', '1.5', null],
      ['cadence.A', 'seven', null],
      ['cadence.A', '１０', 10],
      ['eligibility.years', '21', null],
      ['first_contact.days', '0', 0],
      ['complaint.handle_days', '0', 0],
      ['complaint.handle_days', '10', 10],
      ['complaint.handle_days', '61', null],
      ['complaint.followup_days', '0', null],
      ['complaint.followup_days', '45', 45],
      ['similar.threshold', '0.85', 0.85],
      ['similar.threshold', '.9', 0.9],
      ['similar.threshold', '1', 1],
      ['similar.threshold', '0.5', 0.5],
      ['similar.threshold', '85%', 0.85],
      ['similar.threshold', '０．７５', 0.75],
      ['similar.threshold', '0.49', null],
      ['similar.threshold', '1.01', null],
      ['similar.threshold', '80', null],
      ['similar.threshold', '0,8', null],
      ['similar.threshold', '', null],
      ['plan.approval', 'on', 'on'],
      ['plan.approval', 'ON', 'on'],
      ['plan.approval', ' off ', 'off'],
      ['plan.approval', 'true', 'on'],
      ['plan.approval', 'no', 'off'],
      ['plan.approval', '1', 'on'],
      ['plan.approval', '0', 'off'],
      ['plan.approval', '开启', 'on'],
      ['plan.approval', '关闭', 'off'],
      ['plan.approval', '开', 'on'],
      ['plan.approval', '关', 'off'],
      ['plan.approval', 'maybe', null],
      ['plan.approval', '', null],
    ] as const)('%s = %j → %j', (key, text, value) => {
      expect(parseSettingValue(key, text)).toBe(value);
    });
  });

  describe('formatSettingValue', () => {
    it.each([
      ['cadence.A', 7, '7'],
      ['similar.threshold', 0.8, '0.8'],
      ['similar.threshold', 1, '1'],
      ['similar.threshold', 0.1 + 0.7, '0.8'],
      ['plan.approval', 'on', 'on'],
      ['plan.approval', 'off', 'off'],
    ] as const)('%s %j → %j', (key, value, text) => {
      expect(formatSettingValue(key, value)).toBe(text);
    });

    it('reads back as the same value for every default', () => {
      const settings = defaultSettings();
      for (const key of SETTING_KEYS) expect(parseSettingValue(key, formatSettingValue(key, settings[key]))).toBe(settings[key]);
    });
  });

  it('settingDomain: what a key accepts, for the error message', () => {
    expect(settingDomain('eligibility.years')).toEqual({ min: '1', max: '20' });
    expect(settingDomain('similar.threshold')).toEqual({ min: '0.5', max: '1' });
    expect(settingDomain('plan.approval')).toEqual({ min: 'off', max: 'on' });
  });

  it('stored values override defaults; unknown keys and bad values are ignored', () => {
    const settings: Settings = resolveSettings([
      { key: 'cadence.A', value: '14' },
      { key: 'bogus', value: '1' },
      { key: 'cadence.B', value: 'x' },
      { key: 'plan.approval', value: 'on' },
      { key: 'similar.threshold', value: '0.9' },
      { key: 'complaint.handle_days', value: '3' },
      { key: 'complaint.followup_days', value: 'soon' },
    ]);
    expect(settings['cadence.A']).toBe(14);
    expect(settings['cadence.B']).toBe(30);
    expect(settings['plan.approval']).toBe('on');
    expect(settings['similar.threshold']).toBe(0.9);
    expect(settings['complaint.handle_days']).toBe(3);
    expect(settings['complaint.followup_days']).toBe(30);
  });

  it('a switch stored as String(value) by the settings table reads back', () => {
    expect(resolveSettings([{ key: 'plan.approval', value: String('on' satisfies Switch) }])['plan.approval']).toBe('on');
    expect(resolveSettings([{ key: 'similar.threshold', value: String(0.75) }])['similar.threshold']).toBe(0.75);
  });
});
