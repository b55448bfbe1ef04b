import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { idArgument } from '../../cli/parsers.js';
import { applicationDetails } from '../../app/applications.js';
import { applicationSpec } from '../../views/application.js';
import { distinctionJson, distinctionSection } from '../../views/similar.js';

export function showCommand(app: App, run = showRun): Command {
  const { t } = app;
  const cmd = new Command('show').description(t('cmd.application.show')).argument('<id>', t('arg.application')).action(app.action(run));
  return examples(cmd, t, ['custrack application show 3']);
}

export async function showRun(ctx: Context, idText: string): Promise<void> {
  const id = idArgument('application', idText);
  const { application, distinctions } = await applicationDetails(await ctx.store(), id);
  await ctx.output.record(applicationSpec, application, {
    json: { distinct_from: distinctions.map(distinctionJson) },
    sections: distinctionSection(ctx.t, distinctions),
  });
}
