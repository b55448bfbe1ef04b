import { describe, expect, it } from 'vitest';
import { defaultSettings, parseSettingValue, resolveSettings } from '../../src/core/settings.js';

describe('settings', () => {
  it('has the SPEC defaults', () => {
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
    });
  });

  it.each([
    ['cadence.A', '10', 10],
    ['cadence.A', '0', null],
    ['cadence.A', '-1', null],
    ['cadence.A', '1.5', null],
    ['cadence.A', 'seven', null],
    ['eligibility.years', '21', null],
    ['first_contact.days', '0', 0],
  ] as const)('%s = %j → %j', (key, text, value) => {
    expect(parseSettingValue(key, text)).toBe(value);
  });

  it('stored values override defaults; unknown keys and bad values are ignored', () => {
    const settings = resolveSettings([
      { key: 'cadence.A', value: '14' },
      { key: 'bogus', value: '1' },
      { key: 'cadence.B', value: 'x' },
    ]);
    expect(settings['cadence.A']).toBe(14);
    expect(settings['cadence.B']).toBe(30);
  });
});
