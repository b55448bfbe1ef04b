import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { getSetting, settingKey } from '../../app/config.js';
import { suggest } from '../../cli/parsers.js';
import { SETTING_KEYS } from '../../core/settings.js';

export function getCommand(app: App, run = getRun): Command {
  const { t } = app;
  const cmd = new Command('get')
    .description(t('cmd.config.get'))
    .argument('<key>', t('arg.setting_key'), suggest(SETTING_KEYS))
    .action(app.action(run));
  return examples(cmd, t, ['custrack config get cadence.A']);
}

/** The value alone on a line (for scripts), or `{key, value}` as json. */
export async function getRun(ctx: Context, key: string): Promise<void> {
  const parsed = settingKey(key);
  const setting = await getSetting(await ctx.store(), parsed);
  await ctx.output.object(setting, () => ctx.output.text(`${setting.value}\n`));
}
