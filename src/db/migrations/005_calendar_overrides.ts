// Schema 5: the official holiday calendar is built in (docs/rules.md, rule 13), and calendar_days holds only the
// clerk's differences from it. A third kind, `ordinary`, marks an official holiday or adjusted working day
// that the clerk removed: on that date the weekday decides (src/core/calendar.ts explains why one row per
// date and not a second table). SQLite cannot change a CHECK constraint in place, so the table is made
// again under the same name with every row kept; on PostgreSQL the same step is dropping and adding the
// constraint (calendar_days_kind_check).
export const calendarOverrides = `
CREATE TABLE calendar_days_new (
  date  TEXT PRIMARY KEY,
  kind  TEXT NOT NULL CHECK (kind IN ('holiday', 'workday', 'ordinary')),
  note  TEXT
) WITHOUT ROWID;
INSERT INTO calendar_days_new (date, kind, note) SELECT date, kind, note FROM calendar_days;
DROP TABLE calendar_days;
ALTER TABLE calendar_days_new RENAME TO calendar_days;
`;
