import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { resolveCustomer } from '../../cli/resolve.js';
import { choiceOption, collect, dateOption, idArgument } from '../../cli/parsers.js';
import { ConflictError, NotFoundError, UsageError } from '../../errors.js';
import { FORM_KINDS, levelName, parseRatings, type FormKind } from '../../core/forms.js';
import { plusDays, type ISODate } from '../../core/dates.js';
import type { MessageKey } from '../../i18n/index.js';
import type { Repos } from '../../db/sqlite/store.js';
import type { FormRow } from '../../db/sqlite/forms.js';
import { textOption } from '../visit/fields.js';
import { formSpec, revealedFormSpec } from '../../views/form.js';

export function formCommand(app: App): Command {
  const { t } = app;
  const send = examples(
    new Command('send')
      .description(t('cmd.form.send'))
      .argument('<customer>', t('arg.customer'))
      .requiredOption('--kind <kind>', t('opt.form.kind'), choiceOption('--kind', FORM_KINDS))
      .option('--sent <date>', t('opt.form.sent'), dateOption('--sent'))
      .option('--via <how>', t('opt.form.via'))
      .option('--due <date>', t('opt.form.due'), dateOption('--due'))
      .action(app.action(sendRun)),
    t,
    ['custrack form send 12 --kind initial --sent 2026-11-20 --via 快递'],
  );
  const ret = examples(
    new Command('return')
      .description(t('cmd.form.return'))
      .argument('<form-id>', t('arg.form'))
      .option('--returned <date>', t('opt.form.returned'), dateOption('--returned'))
      .option('--rating <indicator=level>', t('opt.form.rating'), collect((v: string) => v))
      .option('--comment <text>', t('opt.form.comment'))
      .action(app.action(returnRun)),
    t,
    ['custrack form return 7 --returned 2026-12-02 --rating 质量=优秀 --rating 交期=good --rating 服务=3 --comment "交期偶有延误"'],
  );
  const list = examples(
    new Command('list')
      .description(t('cmd.form.list'))
      .option('--open', t('opt.form.open'))
      .option('--customer <customer>', t('opt.filter.customer'))
      .action(app.action(listRun)),
    t,
    ['custrack form list --open', 'custrack form list --customer 12 --format json'],
  );
  const show = examples(
    new Command('show').description(t('cmd.form.show')).argument('<form-id>', t('arg.form')).option('--reveal', t('opt.form.reveal')).action(app.action(showRun)),
    t,
    ['custrack form show 7', 'custrack form show 7 --reveal'],
  );
  return new Command('form').description(t('cmd.form')).addCommand(send).addCommand(ret).addCommand(list).addCommand(show);
}

function load(repos: Repos, idText: string): FormRow {
  const id = idArgument('form', idText);
  const form = repos.forms.byId(id);
  if (!form) throw new NotFoundError('form.not_found', { id });
  return form;
}

async function sendRun(ctx: Context, query: string, opts: { kind: FormKind; sent?: ISODate; via?: string; due?: ISODate }): Promise<void> {
  const sent = opts.sent ?? ctx.today;
  const via = textOption('--via', opts.via);
  const id = await ctx.write((repos) => {
    const customer = resolveCustomer(repos.customers, query);
    const due = opts.due ?? plusDays(sent, repos.settings.all()['form.return_days']);
    if (due < sent) throw new UsageError('form.due_before_sent', { due, sent });
    return repos.forms.send({ customer_id: customer.id, kind: opts.kind, sent_on: sent, via, due }, ctx.runtime.now().toISOString());
  });
  const form = (await ctx.repos()).forms.byId(id)!;
  ctx.output.note(ctx.t('form.sent', { id, kind: ctx.t(`formkind.${form.kind}` as MessageKey), customer: form.customer, due: form.due }));
  await ctx.output.record(formSpec, form);
}

async function returnRun(ctx: Context, idText: string, opts: { returned?: ISODate; rating?: string[]; comment?: string }): Promise<void> {
  const returned = opts.returned ?? ctx.today;
  const parsed = parseRatings(opts.rating ?? []);
  if ('problem' in parsed) {
    const p = parsed.problem;
    if (p.kind === 'syntax') throw new UsageError('form.rating_syntax', { text: p.text });
    if (p.kind === 'duplicate') throw new UsageError('form.rating_duplicate', { indicator: p.indicator });
    throw new UsageError('form.rating_level', { indicator: p.indicator, level: p.level });
  }
  const comment = textOption('--comment', opts.comment);
  const id = await ctx.write((repos) => {
    const form = load(repos, idText);
    if (form.returned_on) throw new ConflictError('form.already_returned', { id: form.id, date: form.returned_on });
    if (returned < form.sent_on) throw new UsageError('form.returned_before_sent', { returned, sent: form.sent_on });
    repos.forms.markReturned(form.id, returned, parsed.ratings, comment);
    return form.id;
  });
  const form = (await ctx.repos()).forms.byId(id)!;
  if (returned > form.due) ctx.output.note(ctx.t('form.returned_late', { id, due: form.due }));
  ctx.output.note(ctx.t('form.returned', { id, count: Object.keys(parsed.ratings).length }));
  await ctx.output.record(formSpec, form);
}

async function listRun(ctx: Context, opts: { open?: boolean; customer?: string }): Promise<void> {
  const repos = await ctx.repos();
  const customerId = opts.customer === undefined ? undefined : resolveCustomer(repos.customers, opts.customer).id;
  await ctx.output.list(formSpec, repos.forms.list({ customerId, open: opts.open === true }));
}

/** Comments are confidential: shown only with --reveal, and every reveal is written to the history. */
async function showRun(ctx: Context, idText: string, opts: { reveal?: boolean }): Promise<void> {
  const form = opts.reveal
    ? await ctx.write((repos) => {
        const form = load(repos, idText);
        repos.forms.recordReveal(form.id);
        return form;
      })
    : load(await ctx.repos(), idText);
  const hidden = form.comment !== null && !opts.reveal;
  const comment = form.comment === null ? ctx.t('form.no_comment') : hidden ? ctx.t('form.comment_hidden', { id: form.id }) : form.comment;
  await ctx.output.record(opts.reveal ? revealedFormSpec() : formSpec, form, {
    json: { comment: opts.reveal ? form.comment : null, comment_confidential: hidden },
    sections: [
      { title: ctx.t('form.ratings_title'), lines: Object.entries(form.ratings).map(([k, v]): [string, string] => [k, `${v}  ${ctx.t(`level.${levelName(v)}` as MessageKey)}`]) },
      ...(opts.reveal && form.comment !== null ? [] : [{ title: ctx.t('form.comment_title'), lines: [['', comment]] as Array<[string, string]> }]),
    ],
  });
  if (opts.reveal && form.comment !== null) ctx.output.note(ctx.t('form.revealed', { user: ctx.user }));
}
