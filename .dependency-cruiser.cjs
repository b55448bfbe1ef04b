// The layers of custrack (README, "Architecture"), checked in `npm test`: no import cycles, the pure
// rules and the use cases never reach the command line, and commands reach the database only through
// the use cases.
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'An import cycle makes the load order and the layers unclear.', from: {}, to: { circular: true } },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'src/core holds the business rules: data and a date in, data out.',
      from: { path: '^src/core/' },
      to: { path: '^src/(?!core/)' },
    },
    {
      name: 'inner-layers-stay-off-the-command-line',
      severity: 'error',
      comment: 'core, io, app, i18n and errors know nothing of commander, terminals or output formats.',
      from: { path: '^src/(core|io|app|i18n)/|^src/errors\\.ts$' },
      to: { path: '^src/(cli|commands|views)/' },
    },
    {
      name: 'app-is-engine-neutral',
      severity: 'error',
      comment: 'Use cases see the Store interface (src/app/store.ts), never an engine.',
      from: { path: '^src/app/' },
      to: { path: '^src/db/' },
    },
    {
      name: 'commands-go-through-app',
      severity: 'error',
      comment: 'Commands parse, make one call into src/app, and print; the database is behind the use cases.',
      from: { path: '^src/(commands|views)/' },
      to: { path: '^src/db/' },
    },
    {
      name: 'commands-do-not-import-each-other',
      severity: 'error',
      comment: 'What two commands share lives in src/views, src/app or src/cli, not in another command.',
      from: { path: '^src/commands/([^/]+)/' },
      to: { path: '^src/commands/', pathNot: ['^src/commands/$1/', '^src/commands/text\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^src/core/divisions-data\\.ts$' },
  },
};
