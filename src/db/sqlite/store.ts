import type { Db } from '../open.js';
import { inWriteTransaction } from './tx.js';
import { HistoryRepo, type Actor } from './history.js';
import { SettingsRepo } from './settings.js';
import { CalendarRepo } from './calendar.js';
import { CustomerRepo } from './customers.js';
import { TransactionRepo } from './transactions.js';
import { VisitRepo } from './visits.js';
import { FormRepo } from './forms.js';
import { ApplicationRepo } from './applications.js';
import { ReportCacheRepo } from './reports.js';

export interface Repos {
  db: Db;
  history: HistoryRepo;
  settings: SettingsRepo;
  calendar: CalendarRepo;
  customers: CustomerRepo;
  transactions: TransactionRepo;
  visits: VisitRepo;
  forms: FormRepo;
  applications: ApplicationRepo;
  reports: ReportCacheRepo;
  actor: Actor;
  inTransaction<T>(work: () => T): T;
}

export function createRepos(db: Db, actor: Actor): Repos {
  const history = new HistoryRepo(db, actor);
  const settings = new SettingsRepo(db, history);
  return {
    db,
    history,
    settings,
    calendar: new CalendarRepo(db, history),
    customers: new CustomerRepo(db, history, () => settings.all()['eligibility.years']),
    transactions: new TransactionRepo(db),
    visits: new VisitRepo(db, history),
    forms: new FormRepo(db, history),
    applications: new ApplicationRepo(db, history),
    reports: new ReportCacheRepo(db),
    actor,
    inTransaction: (work) => inWriteTransaction(db, work),
  };
}
