import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import { dateOption } from '../../cli/parsers.js';
import { checkRun } from './run.js';

export { checkRun };

export function checkCommand(app: App, run = checkRun): Command {
  const { t } = app;
  const cmd = new Command('check')
    .description(t('cmd.check'))
    .argument('<customer-or-name>', t('arg.customer_or_name'))
    .option('--on <date>', t('opt.check.on'), dateOption('--on'))
    .action(app.action(run));
  return examples(cmd, t, [
    'custrack check "深圳市腾达(集团)有限公司" && echo new',
    'custrack check 91440300192185379H --on 2026-01-10 --format json',
  ]);
}
