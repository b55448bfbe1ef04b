// Schema 3: complaints (docs/rules.md, rule 14) and the approval of visit plans (rule 15).
//
// A complaint row holds its latest state: the step dates, who took each step and what they wrote, the
// handling due date in force (`due`, reset by an unsatisfied follow-up) and whether the latest handling
// was on time. Every step is also written to the history, which keeps the earlier rounds.
//
// A plan's approval is NULL for visits that are not plans and for plans made while `plan.approval` was
// off; 'pending' until a manager decides; then 'approved' or 'rejected', with who decided, when (the
// decision's date, so that the overdue list of an earlier day sees the plan as pending) and the note or
// the reason for a rejection.
export const complaints = `
CREATE TABLE complaints (
  id             INTEGER PRIMARY KEY,
  customer_id    INTEGER NOT NULL REFERENCES customers (id),
  received_on    TEXT NOT NULL,
  channel        TEXT CHECK (channel IS NULL OR channel IN ('phone', 'visit', 'email', 'letter', 'online')),
  received_by    TEXT,
  content        TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('received', 'verified', 'handled', 'closed')),
  due            TEXT NOT NULL,
  verified_on    TEXT,
  verified_by    TEXT,
  finding        TEXT,
  handled_on     TEXT,
  handled_by     TEXT,
  result         TEXT,
  on_time        INTEGER CHECK (on_time IS NULL OR on_time IN (0, 1)),
  followup_due   TEXT,
  followup_on    TEXT,
  outcome        TEXT CHECK (outcome IS NULL OR outcome IN ('satisfied', 'unsatisfied')),
  followup_note  TEXT,
  created_at     TEXT NOT NULL
);
CREATE INDEX complaints_customer ON complaints (customer_id, received_on);
-- The overdue list reads the complaints still open (and those closed after its day).
CREATE INDEX complaints_status ON complaints (status, followup_on);
-- The quarterly report counts complaints received and handled in the quarter.
CREATE INDEX complaints_received ON complaints (received_on);
CREATE INDEX complaints_handled ON complaints (handled_on) WHERE handled_on IS NOT NULL;

ALTER TABLE visits ADD COLUMN approval TEXT CHECK (approval IS NULL OR approval IN ('pending', 'approved', 'rejected'));
ALTER TABLE visits ADD COLUMN approval_by TEXT;
ALTER TABLE visits ADD COLUMN approval_on TEXT;
ALTER TABLE visits ADD COLUMN approval_note TEXT;
`;
