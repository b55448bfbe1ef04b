// `check` without the command-line parser, so the fast start-up path can run it too (src/cli/fast.ts).
import type { Context } from '../../cli/context.js';
import { EXIT } from '../../cli/exit.js';
import type { ISODate } from '../../core/dates.js';
import { checkName } from '../../app/check.js';
import { checkSection, checkSpec, similarSection } from '../../views/check.js';

/**
 * Exit 0 when it is a new customer, 1 when it is not, 6 when it is new by this name but a customer of a similar
 * name had business inside the window (docs/rules.md, rule 17): a person decides.
 */
export async function checkRun(ctx: Context, query: string, opts: { on?: ISODate }): Promise<number> {
  const result = await checkName(await ctx.store(), query, opts.on ?? ctx.today);
  // Nothing at all under that name is more often a typo than a new customer: say so, keep the answer.
  if (result.unknownName) await ctx.output.warn(ctx.t('check.unknown_name', { name: result.name }));
  for (const c of result.similarBusiness) {
    await ctx.output.warn(
      ctx.t('check.similar_business', { id: c.customerId, name: c.name, owner: c.owner ?? '-', date: c.lastBusiness! }),
    );
  }
  if (ctx.output.format === 'table') {
    const subject =
      result.customerId === null ? ctx.t('check.unregistered', { name: result.name }) : `#${result.customerId} ${result.name}`;
    await ctx.output.sections([checkSection(ctx.t, result, subject), ...similarSection(ctx.t, result)]);
  } else {
    await ctx.output.record(checkSpec, result);
  }
  if (!result.eligibility.newCustomer) return EXIT.notNew;
  return result.similarBusiness.length > 0 ? EXIT.similarBusiness : EXIT.ok;
}
