// Schema 1: every entity of the product, so that later features add behaviour, not tables.
// Dates are ISO `YYYY-MM-DD` text, money is integer fen, timestamps are ISO 8601 UTC.
export const initial = `
CREATE TABLE customers (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  name_key        TEXT NOT NULL UNIQUE,
  uscc            TEXT UNIQUE CHECK (uscc IS NULL OR length(uscc) = 18),
  grade           TEXT NOT NULL DEFAULT 'C' CHECK (grade IN ('A', 'B', 'C')),
  owner           TEXT,
  source          TEXT,
  region          TEXT,
  industry        TEXT,
  contact         TEXT,
  phone           TEXT,
  email           TEXT,
  address         TEXT,
  monthly_volume  INTEGER,
  note            TEXT,
  registered_on   TEXT NOT NULL,
  assigned_on     TEXT NOT NULL,
  closed_on       TEXT,
  created_at      TEXT NOT NULL
);
CREATE INDEX customers_owner ON customers (owner);
CREATE INDEX customers_registered ON customers (registered_on);

-- Former names: transactions under an old invoicing name still belong to the customer.
CREATE TABLE customer_aliases (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id),
  name         TEXT NOT NULL,
  name_key     TEXT NOT NULL UNIQUE,
  added_on     TEXT NOT NULL
);
CREATE INDEX customer_aliases_customer ON customer_aliases (customer_id);

-- Invoiced business from the invoicing system. customer_id is the match (USCC, name key or alias),
-- kept up to date when customers are registered, renamed or given an alias; NULL for names not registered.
CREATE TABLE transactions (
  id             INTEGER PRIMARY KEY,
  ref            TEXT NOT NULL UNIQUE,
  customer_name  TEXT NOT NULL,
  name_key       TEXT NOT NULL,
  uscc           TEXT,
  customer_id    INTEGER REFERENCES customers (id),
  date           TEXT NOT NULL,
  amount         INTEGER NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('sale', 'sample', 'return')),
  imported_at    TEXT NOT NULL
);
CREATE INDEX transactions_customer ON transactions (customer_id, date, kind);
CREATE INDEX transactions_name_key ON transactions (name_key, date);
CREATE INDEX transactions_uscc ON transactions (uscc) WHERE uscc IS NOT NULL;

-- Every relationship start (rule 4) of every customer, derived from its transactions and kept up to date
-- whenever they or their matching change. Each start depends only on earlier business, so the latest start
-- on or before any as-of date is read from here instead of re-walking a million transactions per query.
CREATE TABLE relationship_starts (
  customer_id  INTEGER NOT NULL REFERENCES customers (id),
  start_on     TEXT NOT NULL,
  PRIMARY KEY (customer_id, start_on)
) WITHOUT ROWID;

-- One row of derived facts per customer (latest on record; readers fall back to a search when it lies
-- after their as-of date): the last sale/return, the last completed visit with the next date it set, and
-- the latest relationship start.
CREATE TABLE customer_facts (
  customer_id      INTEGER PRIMARY KEY REFERENCES customers (id),
  last_business    TEXT,
  last_visit_id    INTEGER,
  last_visit_date  TEXT,
  last_visit_next  TEXT,
  last_start       TEXT
);

-- Visits and visit plans in one table: a plan is a visit with planned = 1 that is not done yet.
CREATE TABLE visits (
  id            INTEGER PRIMARY KEY,
  customer_id   INTEGER NOT NULL REFERENCES customers (id),
  date          TEXT NOT NULL,
  method        TEXT NOT NULL CHECK (method IN ('in-person', 'phone', 'email', 'fax', 'mail', 'message')),
  salesperson   TEXT,
  purpose       TEXT,
  topic         TEXT,
  location      TEXT,
  summary       TEXT,
  intent        TEXT CHECK (intent IS NULL OR intent IN ('high', 'medium', 'low')),
  next          TEXT,
  planned       INTEGER NOT NULL DEFAULT 0 CHECK (planned IN (0, 1)),
  planned_for   TEXT,
  done          INTEGER NOT NULL DEFAULT 1 CHECK (done IN (0, 1)),
  minutes       TEXT,
  minutes_on    TEXT,
  created_at    TEXT NOT NULL
);
-- With next in it, the last visit before a past date is read from the index alone.
CREATE INDEX visits_customer ON visits (customer_id, done, date, next);
CREATE INDEX visits_salesperson ON visits (salesperson, date);
-- Covering for the monthly report's count of visits and customers visited per salesperson.
CREATE INDEX visits_date ON visits (date, done, salesperson, customer_id);
CREATE INDEX visits_open_plans ON visits (date) WHERE done = 0;
CREATE INDEX visits_plans ON visits (planned_for, salesperson) WHERE planned = 1;
CREATE INDEX visits_minutes ON visits (minutes_on, date) WHERE method = 'in-person' AND done = 1;

-- Feedback forms (反馈意见表) and the ratings they came back with.
CREATE TABLE forms (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id),
  kind         TEXT NOT NULL CHECK (kind IN ('initial', 'periodic', 'revisit')),
  sent_on      TEXT NOT NULL,
  via          TEXT,
  due          TEXT NOT NULL,
  returned_on  TEXT,
  comment      TEXT,
  created_at   TEXT NOT NULL
);
CREATE INDEX forms_customer ON forms (customer_id, sent_on);
CREATE INDEX forms_open ON forms (due) WHERE returned_on IS NULL;
CREATE INDEX forms_sent ON forms (sent_on);
CREATE INDEX forms_returned ON forms (returned_on) WHERE returned_on IS NOT NULL;

CREATE TABLE form_ratings (
  form_id    INTEGER NOT NULL REFERENCES forms (id),
  indicator  TEXT NOT NULL,
  level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
  PRIMARY KEY (form_id, indicator)
) WITHOUT ROWID;

-- New-customer applications (新客户开发申请表).
CREATE TABLE applications (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES customers (id),
  salesperson  TEXT,
  first_txn    TEXT NOT NULL,
  filed_on     TEXT NOT NULL,
  deadline     TEXT NOT NULL,
  on_time      INTEGER NOT NULL CHECK (on_time IN (0, 1)),
  status       TEXT NOT NULL CHECK (status IN ('filed', 'verified', 'recognized', 'rejected')),
  reason       TEXT,
  process      TEXT,
  evaluation   TEXT,
  support      TEXT,
  verified_by  TEXT,
  verified_on  TEXT,
  decided_by   TEXT,
  decided_on   TEXT,
  note         TEXT,
  created_at   TEXT NOT NULL
);
CREATE INDEX applications_customer ON applications (customer_id, first_txn);
CREATE INDEX applications_filed ON applications (filed_on);

CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) WITHOUT ROWID;

-- The working-day calendar: holidays off, adjusted working days (调休) on.
CREATE TABLE calendar_days (
  date  TEXT PRIMARY KEY,
  kind  TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  note  TEXT
) WITHOUT ROWID;

-- The audit trail: append-only, written in the same transaction as the change it describes.
CREATE TABLE history (
  id           INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  actor        TEXT NOT NULL,
  action       TEXT NOT NULL,
  entity       TEXT NOT NULL,
  entity_id    TEXT,
  customer_id  INTEGER,
  field        TEXT,
  old          TEXT,
  new          TEXT
);
CREATE INDEX history_customer ON history (customer_id, id) WHERE customer_id IS NOT NULL;
CREATE INDEX history_entity ON history (entity, entity_id, id);
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN
  SELECT RAISE(ABORT, 'custrack history is append-only');
END;
-- INSERT OR REPLACE would delete the old row without firing the delete trigger: refuse reused ids too.
CREATE TRIGGER history_no_replace BEFORE INSERT ON history WHEN EXISTS (SELECT 1 FROM history WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'custrack history is append-only');
END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN
  SELECT RAISE(ABORT, 'custrack history is append-only');
END;
`;
