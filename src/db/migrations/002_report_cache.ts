// Schema 2: finished reports kept for as long as the data they were computed from is unchanged.
// Every write transaction bumps `data_generation` (src/db/tx.ts), so a stored report is served only
// while the generation it was computed at is still the current one, and only to the same build of
// the program (two versions in use on one file keep a row each).
export const reportCache = `
CREATE TABLE data_generation (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  value  INTEGER NOT NULL
);
INSERT INTO data_generation (id, value) VALUES (1, 0);
CREATE TABLE report_cache (
  report      TEXT NOT NULL,
  period      TEXT NOT NULL,
  program     TEXT NOT NULL,
  generation  INTEGER NOT NULL,
  body        TEXT NOT NULL,
  PRIMARY KEY (report, period, program)
) WITHOUT ROWID;
`;
