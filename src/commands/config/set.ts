import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { parseSetting, setSetting } from '../../app/config.js';
import { suggest } from '../../cli/parsers.js';
import { SETTING_KEYS } from '../../core/settings.js';

export function setCommand(app: App, run = setRun): Command {
  const { t } = app;
  const cmd = new Command('set')
    .description(t('cmd.config.set'))
    .argument('<key>', t('arg.setting_key'), suggest(SETTING_KEYS))
    .argument('<value>', t('arg.setting_value'))
    .action(app.action(run));
  return examples(cmd, t, ['custrack config set cadence.A 10', 'custrack config set form.return_days 20']);
}

export async function setRun(ctx: Context, key: string, value: string): Promise<void> {
  const parsed = parseSetting(key, value);
  const setting = await setSetting(await ctx.store(true), parsed);
  ctx.output.note(ctx.t('config.saved', setting));
  await ctx.output.object(setting, () => ctx.output.text(`${setting.value}\n`));
}
