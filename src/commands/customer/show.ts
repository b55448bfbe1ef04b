import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import type { Section } from '../../cli/output.js';
import { resolveCustomer } from '../../cli/resolve.js';
import { checkEligibility } from '../../core/eligibility.js';
import { checkJson, checkSection } from '../../views/check.js';
import { customerSpec, presentCustomer } from '../../views/customer.js';
import { historyJson, historyLine } from '../../views/history.js';
import * as profile from '../../views/profile.js';

export function showCommand(app: App): Command {
  const { t } = app;
  const cmd = new Command('show')
    .description(t('cmd.customer.show'))
    .argument('<customer>', t('arg.customer'))
    .action(app.action(showRun));
  return examples(cmd, t, ['custrack customer show 12', 'custrack customer show "深圳市腾达(集团)有限公司" --format json']);
}

const RECENT = 10;

export async function showRun(ctx: Context, query: string): Promise<void> {
  const repos = await ctx.repos();
  const asOf = ctx.today;
  const row = resolveCustomer(repos.customers, query);
  const customer = presentCustomer(repos, row.id, asOf);
  const settings = repos.settings.all();
  const years = settings['eligibility.years'];
  const eligibility = checkEligibility(repos.transactions.forCustomer(customer.id), asOf, { years, dormantMonths: settings['target.dormant_months'] });
  const history = [...repos.history.list({ customerId: customer.id, limit: RECENT })];
  const extra = profile.loadProfileExtras(repos, customer, settings);
  const sections: Section[] = [
    checkSection(ctx.t, eligibility, years),
    ...profile.profileSections(ctx.t, extra),
    { title: ctx.t('show.history', { count: history.length }), lines: history.map((h) => historyLine(ctx.t, h)) },
  ];
  await ctx.output.record(customerSpec, customer, {
    json: {
      check: checkJson({ query, customerId: customer.id, name: customer.name }, eligibility),
      ...profile.profileJson(extra),
      history: history.map(historyJson),
    },
    sections,
  });
}
