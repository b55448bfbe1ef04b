import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { listComplaints } from '../../app/complaints.js';
import { complaintSpec } from '../../views/complaint.js';

export interface ListOptions {
  open?: boolean;
  customer?: string;
  owner?: string;
}

export function listCommand(app: App, run = listRun): Command {
  const { t } = app;
  const cmd = new Command('list')
    .description(t('cmd.complaint.list'))
    .option('--open', t('opt.complaint.open'))
    .option('--customer <customer>', t('opt.filter.customer'))
    .option('--owner <name>', t('opt.complaint.owner'))
    .action(app.action(run));
  return examples(cmd, t, ['custrack complaint list --open', 'custrack complaint list --owner 张伟 --format csv --excel > 投诉.csv']);
}

export async function listRun(ctx: Context, opts: ListOptions): Promise<void> {
  await ctx.output.list(
    complaintSpec,
    await listComplaints(await ctx.store(), { open: opts.open ? true : undefined, customer: opts.customer, owner: opts.owner }),
  );
}
