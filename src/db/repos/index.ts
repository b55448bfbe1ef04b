import type { Db } from '../open.js';
import { inWriteTransaction } from '../tx.js';
import { HistoryRepo, type Actor } from './history.js';
import { SettingsRepo } from './settings.js';
import { CalendarRepo } from './calendar.js';
import { CustomerRepo } from './customers.js';
import { TransactionRepo } from './transactions.js';

export interface Repos {
  db: Db;
  history: HistoryRepo;
  settings: SettingsRepo;
  calendar: CalendarRepo;
  customers: CustomerRepo;
  transactions: TransactionRepo;
  inTransaction<T>(work: () => T): T;
}

export function createRepos(db: Db, actor: Actor): Repos {
  const history = new HistoryRepo(db, actor);
  return {
    db,
    history,
    settings: new SettingsRepo(db, history),
    calendar: new CalendarRepo(db, history),
    customers: new CustomerRepo(db, history),
    transactions: new TransactionRepo(db),
    inTransaction: (work) => inWriteTransaction(db, work),
  };
}
