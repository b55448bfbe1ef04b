import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { listForms } from '../../app/forms.js';
import { formSpec } from '../../views/form.js';

export function listCommand(app: App, run = listRun): Command {
  const { t } = app;
  const cmd = new Command('list')
    .description(t('cmd.form.list'))
    .option('--open', t('opt.form.open'))
    .option('--customer <customer>', t('opt.filter.customer'))
    .action(app.action(run));
  return examples(cmd, t, ['custrack form list --open', 'custrack form list --customer 12 --format json']);
}

export async function listRun(ctx: Context, opts: { open?: boolean; customer?: string }): Promise<void> {
  await ctx.output.list(formSpec, await listForms(await ctx.store(), { open: opts.open === true, customer: opts.customer }));
}
