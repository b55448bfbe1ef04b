/** docs/rules.md, "Exit codes": the exit codes, named once. */
export const EXIT = {
  ok: 0,
  notNew: 1,
  usage: 2,
  notFound: 3,
  conflict: 4,
  database: 5,
  similarBusiness: 6,
  bug: 70,
  cancelled: 130,
  terminated: 143,
} as const;
