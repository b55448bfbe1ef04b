import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { resolveCustomer } from '../../cli/resolve.js';
import { UsageError } from '../../errors.js';
import { VISIT_METHODS, type VisitMethod } from '../../core/visit.js';
import type { MessageKey } from '../../i18n/index.js';
import { addVisitOptions, intentOption, methodOption, nextAfter, textOption, type VisitOptions } from './fields.js';
import { visitSpec } from '../../views/visit.js';

export function addCommand(app: App): Command {
  const { t } = app;
  const cmd = new Command('add').description(t('cmd.visit.add')).argument('<customer>', t('arg.customer'));
  addVisitOptions(cmd, t).action(app.action((ctx: Context, customer: string, opts: VisitOptions) => recordVisit(ctx, customer, opts, false)));
  return examples(cmd, t, [
    'custrack visit add 12 --date 2026-11-20 --method in-person --purpose 介绍新品 --topic 年度框架协议 --location 客户办公室 --summary "对报价有兴趣" --intent high --next 2026-11-27',
    'custrack visit add "苏州新源电子有限公司" --method phone --summary "确认样品已收到"',
  ]);
}

export function planCommand(app: App): Command {
  const { t } = app;
  const cmd = new Command('plan').description(t('cmd.visit.plan')).argument('<customer>', t('arg.customer'));
  addVisitOptions(cmd, t).action(app.action((ctx: Context, customer: string, opts: VisitOptions) => recordVisit(ctx, customer, opts, true)));
  return examples(cmd, t, ['custrack visit plan 12 --date 2026-11-25 --method in-person --purpose 送样 --location 深圳南山']);
}

/** `visit add` (a contact that happened) and `visit plan` (one that is to happen) share everything else. */
export async function recordVisit(ctx: Context, query: string, opts: VisitOptions, planned: boolean): Promise<void> {
  const today = ctx.today;
  let method: VisitMethod;
  if (opts.method !== undefined) method = methodOption(opts.method);
  else if (ctx.canPrompt) {
    method = (await (await ctx.prompter()).select(
      ctx.t('prompt.method'),
      VISIT_METHODS.map((m) => ({ value: m, name: ctx.t(`method.${m}` as MessageKey) })),
      'in-person',
    )) as VisitMethod;
  } else throw new UsageError('err.missing_flag', { flag: '--method' });
  if (planned && opts.date === undefined) throw new UsageError('err.missing_flag', { flag: '--date' });
  const date = opts.date ?? today;
  if (!planned && date > today) throw new UsageError('visit.future', { date, today });
  const fields = {
    date,
    method,
    purpose: textOption('--purpose', opts.purpose),
    topic: textOption('--topic', opts.topic),
    location: textOption('--location', opts.location),
    summary: textOption('--summary', opts.summary),
    intent: intentOption(opts.intent),
    next: nextAfter(date, opts.next),
  };
  const by = textOption('--by', opts.by);
  const id = await ctx.write((repos) => {
    const customer = resolveCustomer(repos.customers, query);
    return repos.visits.insert({ ...fields, customer_id: customer.id, salesperson: by ?? customer.owner }, planned, ctx.runtime.now().toISOString());
  });
  const repos = await ctx.repos();
  const visit = repos.visits.byId(id)!;
  if (planned && date < today) await ctx.output.warn(ctx.t('visit.plan_in_past', { date }));
  ctx.output.note(ctx.t(planned ? 'visit.planned' : 'visit.recorded', { id, customer: visit.customer, date }));
  await ctx.output.record(visitSpec(repos.calendar.workCalendar(), repos.settings.all()['minutes.working_days']), visit);
}
