import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { collect, dateOption, idArgument } from '../../cli/parsers.js';
import { UsageError } from '../../errors.js';
import { parseRatings } from '../../core/forms.js';
import type { ISODate } from '../../core/dates.js';
import { returnForm } from '../../app/forms.js';
import { formSpec } from '../../views/form.js';
import { textOption } from '../text.js';

export interface ReturnOptions {
  returned?: ISODate;
  rating?: string[];
  comment?: string;
}

export function returnCommand(app: App, run = returnRun): Command {
  const { t } = app;
  const cmd = new Command('return')
    .description(t('cmd.form.return'))
    .argument('<form-id>', t('arg.form'))
    .option('--returned <date>', t('opt.form.returned'), dateOption('--returned'))
    .option(
      '--rating <indicator=level>',
      t('opt.form.rating'),
      collect((v: string) => v),
    )
    .option('--comment <text>', t('opt.form.comment'))
    .action(app.action(run));
  return examples(cmd, t, [
    'custrack form return 7 --returned 2026-12-02 --rating 质量=优秀 --rating 交期=good --rating 服务=3 --comment "交期偶有延误"',
  ]);
}

export async function returnRun(ctx: Context, idText: string, opts: ReturnOptions): Promise<void> {
  const id = idArgument('form', idText);
  const returned = opts.returned ?? ctx.today;
  const parsed = parseRatings(opts.rating ?? []);
  if ('problem' in parsed) {
    const p = parsed.problem;
    if (p.kind === 'syntax') throw new UsageError('form.rating_syntax', { text: p.text });
    if (p.kind === 'duplicate') throw new UsageError('form.rating_duplicate', { indicator: p.indicator });
    throw new UsageError('form.rating_level', { indicator: p.indicator, level: p.level });
  }
  const form = await returnForm(await ctx.store(true), id, {
    returned,
    ratings: parsed.ratings,
    comment: textOption('--comment', opts.comment),
  });
  if (returned > form.due) ctx.output.note(ctx.t('form.returned_late', { id, due: form.due }));
  ctx.output.note(ctx.t('form.returned', { id, count: Object.keys(parsed.ratings).length }));
  await ctx.output.record(formSpec, form);
}
