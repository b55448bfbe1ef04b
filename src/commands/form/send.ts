import { Command, Option } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption, offering } from '../../cli/parsers.js';
import { UsageError } from '../../errors.js';
import { FORM_KINDS, parseFormKind, type FormKind } from '../../core/forms.js';
import type { ISODate } from '../../core/dates.js';
import { sendForm } from '../../app/forms.js';
import { formSpec } from '../../views/form.js';
import { textOption } from '../text.js';

export interface SendOptions {
  kind: FormKind;
  sent?: ISODate;
  /** Hidden synonym of --sent. */
  date?: ISODate;
  via?: string;
  due?: ISODate;
}

/** A kind by its code or its Chinese label (初次, 定期, 回访 …); completion offers the codes. */
const formKindOption = offering((value: string): FormKind => {
  const kind = parseFormKind(value);
  if (!kind) throw new UsageError('err.bad_choice', { option: '--kind', value, choices: FORM_KINDS.join(', ') });
  return kind;
}, FORM_KINDS);

export function sendCommand(app: App, run = sendRun): Command {
  const { t } = app;
  const cmd = new Command('send')
    .description(t('cmd.form.send'))
    .argument('<customer>', t('arg.customer'))
    .requiredOption('--kind <kind>', t('opt.form.kind'), formKindOption)
    .option('--sent <date>', t('opt.form.sent'), dateOption('--sent'))
    // What a clerk types first for "the day it was sent"; the help names --sent.
    .addOption(new Option('--date <date>', t('opt.form.sent')).argParser(dateOption('--date')).hideHelp())
    .option('--via <how>', t('opt.form.via'))
    .option('--due <date>', t('opt.form.due'), dateOption('--due'))
    .action(app.action(run));
  return examples(cmd, t, ['custrack form send 12 --kind initial --sent 2026-11-20 --via 快递']);
}

export async function sendRun(ctx: Context, query: string, opts: SendOptions): Promise<void> {
  const via = textOption('--via', opts.via);
  const form = await sendForm(await ctx.store(true), query, {
    kind: opts.kind,
    sent: opts.sent ?? opts.date ?? ctx.today,
    via,
    due: opts.due,
  });
  ctx.output.note(ctx.t('form.sent', { id: form.id, kind: ctx.t(`formkind.${form.kind}`), customer: form.customer, due: form.due }));
  await ctx.output.record(formSpec, form);
}
