import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { listSettings } from '../../app/config.js';
import { settingSpec } from '../../views/setting.js';

export function listCommand(app: App, run = listRun): Command {
  const { t } = app;
  return examples(new Command('list').description(t('cmd.config.list')).action(app.action(run)), t, ['custrack config list']);
}

export async function listRun(ctx: Context): Promise<void> {
  await ctx.output.list(settingSpec, await listSettings(await ctx.store()));
}
