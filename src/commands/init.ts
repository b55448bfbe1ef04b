import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { examples, type App } from '../cli/command.js';
import type { Context } from '../cli/context.js';

export function initCommand(app: App): Command {
  const { t } = app;
  const cmd = new Command('init').description(t('cmd.init')).action(app.action(initRun));
  return examples(cmd, t, ['custrack init', 'custrack --db /srv/office/custrack.db init']);
}

export async function initRun(ctx: Context): Promise<void> {
  const path = resolve(ctx.dbPath);
  const existed = existsSync(path);
  await ctx.db(true);
  ctx.output.note(ctx.t(existed ? 'init.exists' : 'init.created', { path }));
  ctx.runtime.streams.stdout.write(`${path}\n`);
}
