import { Command } from 'commander';
import { examples, type App } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { initialize } from '../app/maintenance.js';

export function initCommand(app: App, run = initRun): Command {
  const { t } = app;
  const cmd = new Command('init').description(t('cmd.init')).action(app.action(run));
  return examples(cmd, t, ['custrack init', 'custrack --db /srv/office/custrack.db init']);
}

/** Creates the database (or says it exists) and prints where it is. */
export async function initRun(ctx: Context): Promise<void> {
  const { location, existed } = await initialize(ctx.dbPath, () => ctx.store(true));
  ctx.output.note(ctx.t(existed ? 'init.exists' : 'init.created', { path: location }));
  await ctx.output.text(`${location}\n`);
}
