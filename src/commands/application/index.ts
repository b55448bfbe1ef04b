import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { resolveCustomer } from '../../cli/resolve.js';
import { choiceOption, dateOption, idArgument } from '../../cli/parsers.js';
import { ConflictError, NotFoundError, UsageError } from '../../errors.js';
import { ALLOWED_FROM, APPLICATION_STATUSES, verifyApplication, type ApplicationStatus } from '../../core/applications.js';
import type { ISODate } from '../../core/dates.js';
import type { Repos } from '../../db/sqlite/store.js';
import type { ApplicationRow } from '../../db/sqlite/applications.js';
import { applicationSpec } from '../../views/application.js';

interface ListOptions {
  status?: ApplicationStatus;
  customer?: string;
  by?: string;
  from?: ISODate;
  to?: ISODate;
}

export function applicationCommand(app: App): Command {
  const { t } = app;
  const list = examples(
    new Command('list')
      .description(t('cmd.application.list'))
      .option('--status <status>', t('opt.application.status'), choiceOption('--status', APPLICATION_STATUSES))
      .option('--customer <customer>', t('opt.filter.customer'))
      .option('--by <name>', t('opt.application.by'))
      .option('--from <date>', t('opt.filter.from'), dateOption('--from'))
      .option('--to <date>', t('opt.filter.to'), dateOption('--to'))
      .action(app.action(listRun)),
    t,
    ['custrack application list --status filed', 'custrack application list --from 2026-11-01 --to 2026-11-30 --format csv'],
  );
  const show = examples(
    new Command('show').description(t('cmd.application.show')).argument('<id>', t('arg.application')).action(app.action(showRun)),
    t,
    ['custrack application show 3'],
  );
  const verify = examples(
    new Command('verify')
      .description(t('cmd.application.verify'))
      .argument('<id>', t('arg.application'))
      .option('--by <name>', t('opt.application.verifier'))
      .option('--on <date>', t('opt.application.on'), dateOption('--on'))
      .action(app.action(verifyRun)),
    t,
    ['custrack application verify 3 --by 王芳 --on 2026-11-20'],
  );
  const approve = examples(
    new Command('approve')
      .description(t('cmd.application.approve'))
      .argument('<id>', t('arg.application'))
      .requiredOption('--by <name>', t('opt.application.approver'))
      .option('--note <text>', t('opt.application.note'))
      .option('--on <date>', t('opt.application.on'), dateOption('--on'))
      .action(app.action(approveRun)),
    t,
    ['custrack application approve 3 --by 刘总 --note "同意认定"'],
  );
  const reject = examples(
    new Command('reject')
      .description(t('cmd.application.reject'))
      .argument('<id>', t('arg.application'))
      .requiredOption('--reason <text>', t('opt.application.reason'))
      .option('--by <name>', t('opt.application.decider'))
      .option('--on <date>', t('opt.application.on'), dateOption('--on'))
      .action(app.action(rejectRun)),
    t,
    ['custrack application reject 3 --reason "客户为集团子公司，已有交易"'],
  );
  return new Command('application').description(t('cmd.application')).addCommand(list).addCommand(show).addCommand(verify).addCommand(approve).addCommand(reject);
}

async function listRun(ctx: Context, opts: ListOptions): Promise<void> {
  const repos = await ctx.repos();
  const customerId = opts.customer === undefined ? undefined : resolveCustomer(repos.customers, opts.customer).id;
  await ctx.output.list(applicationSpec, repos.applications.list({ customerId, status: opts.status, by: opts.by, from: opts.from, to: opts.to }));
}

function load(repos: Repos, idText: string): ApplicationRow {
  const id = idArgument('application', idText);
  const application = repos.applications.byId(id);
  if (!application) throw new NotFoundError('application.not_found', { id });
  return application;
}

function requireStatus(application: ApplicationRow, action: keyof typeof ALLOWED_FROM): void {
  if (!ALLOWED_FROM[action].includes(application.status)) {
    throw new ConflictError(`application.cannot_${action}`, { id: application.id, status: application.status, allowed: ALLOWED_FROM[action].join(', ') });
  }
}

async function showRun(ctx: Context, idText: string): Promise<void> {
  await ctx.output.record(applicationSpec, load(await ctx.repos(), idText));
}

/** A decision is dated --on (default today) and never before the filing. */
function decisionDate(ctx: Context, application: ApplicationRow, on: ISODate | undefined): ISODate {
  const date = on ?? ctx.today;
  if (date < application.filed_on) throw new UsageError('application.decided_before_filed', { date, filed: application.filed_on });
  return date;
}

async function verifyRun(ctx: Context, idText: string, opts: { by?: string; on?: ISODate }): Promise<void> {
  const result = await ctx.write((repos) => {
    const application = load(repos, idText);
    requireStatus(application, 'verify');
    const years = repos.settings.all()['eligibility.years'];
    const verification = verifyApplication(repos.transactions.forCustomer(application.customer_id), application.first_txn, years);
    repos.applications.update(
      application.id,
      { status: verification.status, reason: verification.reason, verified_by: opts.by?.trim() || ctx.user, verified_on: decisionDate(ctx, application, opts.on) },
      'verify',
    );
    return { id: application.id, verification };
  });
  const application = (await ctx.repos()).applications.byId(result.id)!;
  if (result.verification.status === 'verified') ctx.output.note(ctx.t('application.verified', { id: result.id, from: result.verification.windowStart, to: application.first_txn }));
  else await ctx.output.warn(ctx.t('application.rejected_business', { id: result.id, date: result.verification.lastBusiness ?? '', to: application.first_txn }));
  await ctx.output.record(applicationSpec, application);
}

async function approveRun(ctx: Context, idText: string, opts: { by: string; note?: string; on?: ISODate }): Promise<void> {
  if (!opts.by.trim()) throw new UsageError('err.missing_flag', { flag: '--by' });
  const id = await ctx.write((repos) => {
    const application = load(repos, idText);
    requireStatus(application, 'approve');
    repos.applications.update(
      application.id,
      { status: 'recognized', decided_by: opts.by.trim(), decided_on: decisionDate(ctx, application, opts.on), note: opts.note?.trim() || null },
      'approve',
    );
    return application.id;
  });
  ctx.output.note(ctx.t('application.recognized', { id }));
  await ctx.output.record(applicationSpec, (await ctx.repos()).applications.byId(id)!);
}

async function rejectRun(ctx: Context, idText: string, opts: { reason: string; by?: string; on?: ISODate }): Promise<void> {
  const reason = opts.reason.trim();
  if (!reason) throw new UsageError('err.missing_flag', { flag: '--reason' });
  const id = await ctx.write((repos) => {
    const application = load(repos, idText);
    requireStatus(application, 'reject');
    repos.applications.update(application.id, { status: 'rejected', reason, decided_by: opts.by?.trim() || ctx.user, decided_on: decisionDate(ctx, application, opts.on) }, 'reject');
    return application.id;
  });
  ctx.output.note(ctx.t('application.rejected', { id }));
  await ctx.output.record(applicationSpec, (await ctx.repos()).applications.byId(id)!);
}
