// The English catalog, one file per feature; zh/ has the same keys (the type check fails when one is missing).
import { program } from './program.js';
import { customer } from './customer.js';
import { check } from './check.js';
import { application } from './application.js';
import { complaint } from './complaint.js';
import { visit } from './visit.js';
import { form } from './form.js';
import { overdue } from './overdue.js';
import { report } from './report.js';
import { data } from './data.js';
import { settings } from './settings.js';
import { database } from './database.js';
import { postgres } from './postgres.js';
import { calendar } from './calendar.js';
import { output } from './output.js';
import { completion } from './completion.js';
import { similar } from './similar.js';

export const en = {
  ...program,
  ...customer,
  ...check,
  ...application,
  ...complaint,
  ...visit,
  ...form,
  ...overdue,
  ...report,
  ...data,
  ...settings,
  ...database,
  ...postgres,
  ...calendar,
  ...output,
  ...completion,
  ...similar,
} as const;

export type MessageKey = keyof typeof en;
