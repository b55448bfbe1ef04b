import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { customerProfile } from '../../app/profile.js';
import { customerSpec } from '../../views/customer.js';
import { profileJson, profileSections } from '../../views/profile.js';

export function showCommand(app: App, run = showRun): Command {
  const { t } = app;
  const cmd = new Command('show').description(t('cmd.customer.show')).argument('<customer>', t('arg.customer')).action(app.action(run));
  return examples(cmd, t, ['custrack customer show 12', 'custrack customer show "深圳市腾达(集团)有限公司" --format json']);
}

export async function showRun(ctx: Context, query: string): Promise<void> {
  const profile = await customerProfile(await ctx.store(), query, ctx.today);
  await ctx.output.record(customerSpec, profile.customer, { json: profileJson(profile), sections: profileSections(ctx.t, profile) });
}
