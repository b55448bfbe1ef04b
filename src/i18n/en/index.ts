// The English catalog, one file per feature; zh/ has the same keys (the type check fails when one is missing).
import { program } from './program.js';
import { customer } from './customer.js';
import { check } from './check.js';
import { application } from './application.js';
import { visit } from './visit.js';
import { form } from './form.js';
import { overdue } from './overdue.js';
import { report } from './report.js';
import { data } from './data.js';
import { settings } from './settings.js';
import { database } from './database.js';
import { similar } from './similar.js';

export const en = {
  ...program,
  ...customer,
  ...check,
  ...application,
  ...visit,
  ...form,
  ...overdue,
  ...report,
  ...data,
  ...settings,
  ...database,
  ...similar,
} as const;

export type MessageKey = keyof typeof en;
