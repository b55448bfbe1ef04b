// `visit add` and `visit plan` share everything but whether the contact happened or is to happen.
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { VISIT_METHODS, type VisitMethod } from '../../core/visit.js';
import { recordVisit } from '../../app/visits.js';
import { approvalOf, visitSpec } from '../../views/visit.js';
import { methodOption, visitFields, type VisitOptions } from './fields.js';

export async function recordVisitRun(ctx: Context, query: string, opts: VisitOptions, planned: boolean): Promise<void> {
  let method: VisitMethod;
  if (opts.method !== undefined) method = methodOption(opts.method);
  // A plan is a visit to make (业务去向表): in person unless --method says otherwise, never a prompt.
  else if (planned) method = 'in-person';
  else if (ctx.canPrompt) {
    method = (await (
      await ctx.prompter()
    ).select(
      ctx.t('prompt.method'),
      VISIT_METHODS.map((m) => ({ value: m, name: ctx.t(`method.${m}`) })),
      'in-person',
    )) as VisitMethod;
  } else throw new UsageError('err.missing_flag', { flag: '--method' });
  const fields = visitFields(opts, method, planned, ctx.today);
  const { visit, minutes, newSalesperson } = await recordVisit(await ctx.store(true), query, fields, planned);
  if (newSalesperson) await ctx.output.warn(ctx.t('salesperson.new', { name: newSalesperson }));
  if (planned && fields.date < ctx.today) await ctx.output.warn(ctx.t('visit.plan_in_past', { date: fields.date }));
  ctx.output.note(ctx.t(planned ? 'visit.planned' : 'visit.recorded', { id: visit.id, customer: visit.customer, date: fields.date }));
  if (approvalOf(visit, minutes.planApproval) === 'pending') ctx.output.note(ctx.t('visit.plan_pending', { id: visit.id }));
  await ctx.output.record(visitSpec(minutes), visit);
}
