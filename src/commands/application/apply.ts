import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { resolveCustomer } from '../../cli/resolve.js';
import { dateOption } from '../../cli/parsers.js';
import { ConflictError, UsageError } from '../../errors.js';
import { fileApplication } from '../../core/applications.js';
import { relationshipStart } from '../../core/eligibility.js';
import type { ISODate } from '../../core/dates.js';
import { applicationSpec } from '../../views/application.js';

interface ApplyOptions {
  firstTxn?: ISODate;
  filed?: ISODate;
  by?: string;
  process?: string;
  evaluation?: string;
  support?: string;
}

export function applyCommand(app: App): Command {
  const { t } = app;
  const cmd = new Command('apply')
    .description(t('cmd.apply'))
    .argument('<customer>', t('arg.customer'))
    .option('--first-txn <date>', t('opt.apply.first_txn'), dateOption('--first-txn'))
    .option('--filed <date>', t('opt.apply.filed'), dateOption('--filed'))
    .option('--by <name>', t('opt.apply.by'))
    .option('--process <text>', t('opt.apply.process'))
    .option('--evaluation <text>', t('opt.apply.evaluation'))
    .option('--support <text>', t('opt.apply.support'))
    .action(app.action(applyRun));
  return examples(cmd, t, [
    'custrack apply 12 --process "展会结识，三次拜访后试单" --evaluation "采购稳定" --support "需要样品支持"',
    'custrack apply "苏州新源电子有限公司" --first-txn 2026-01-31 --filed 2026-02-27',
  ]);
}

const text = (value: string | undefined): string | null => (value?.trim() ? value.trim() : null);

export async function applyRun(ctx: Context, query: string, opts: ApplyOptions): Promise<void> {
  const filedOn = opts.filed ?? ctx.today;
  const id = await ctx.write((repos) => {
    const customer = resolveCustomer(repos.customers, query);
    const settings = repos.settings.all();
    const firstTxn = opts.firstTxn ?? relationshipStart(repos.transactions.forCustomer(customer.id), filedOn, settings['eligibility.years']);
    if (!firstTxn) throw new UsageError('apply.no_first_txn', { id: customer.id, name: customer.name });
    if (filedOn < firstTxn) throw new UsageError('apply.filed_before', { filed: filedOn, first: firstTxn });
    const open = repos.applications.forCustomer(customer.id).find((a) => a.first_txn === firstTxn && a.status !== 'rejected');
    if (open) throw new ConflictError('apply.exists', { id: open.id, status: open.status, first: firstTxn });
    const filing = fileApplication(firstTxn, filedOn, settings['application.deadline_months']);
    return repos.applications.insert(
      {
        customer_id: customer.id,
        salesperson: text(opts.by) ?? customer.owner,
        first_txn: firstTxn,
        filed_on: filedOn,
        deadline: filing.deadline,
        on_time: filing.onTime,
        status: filing.status,
        reason: filing.reason,
        process: text(opts.process),
        evaluation: text(opts.evaluation),
        support: text(opts.support),
      },
      ctx.runtime.now().toISOString(),
    );
  });
  const application = (await ctx.repos()).applications.byId(id)!;
  if (application.on_time) ctx.output.note(ctx.t('apply.filed', { id, customer: application.customer, deadline: application.deadline }));
  else await ctx.output.warn(ctx.t('apply.late', { id, deadline: application.deadline, filed: application.filed_on }));
  await ctx.output.record(applicationSpec, application);
}
