// The parts of a customer's profile that other features contribute: visits, open forms, applications.
// Filled in as those features land; until then the profile says there are none.
import type { Repos } from '../../db/repos/index.js';
import type { Section } from '../../cli/output.js';
import type { Translator } from '../../cli/i18n/index.js';
import type { ISODate } from '../../core/dates.js';
import type { Settings } from '../../core/settings.js';
import type { PresentedCustomer } from './present.js';

export interface ProfileExtras {
  customer: PresentedCustomer;
}

export function loadProfileExtras(_repos: Repos, customer: PresentedCustomer, _asOf: ISODate, _settings: Settings): ProfileExtras {
  return { customer };
}

export function profileSections(_t: Translator, _extra: ProfileExtras): Section[] {
  return [];
}

export function profileJson(_extra: ProfileExtras): Record<string, unknown> {
  return {};
}
