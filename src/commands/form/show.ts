import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { idArgument } from '../../cli/parsers.js';
import { levelName } from '../../core/forms.js';
import { showForm } from '../../app/forms.js';
import { formSpec, revealedFormSpec } from '../../views/form.js';

export function showCommand(app: App, run = showRun): Command {
  const { t } = app;
  const cmd = new Command('show')
    .description(t('cmd.form.show'))
    .argument('<form-id>', t('arg.form'))
    .option('--reveal', t('opt.form.reveal'))
    .action(app.action(run));
  return examples(cmd, t, ['custrack form show 7', 'custrack form show 7 --reveal']);
}

/** Comments are confidential: shown only with --reveal, and every reveal is written to the history. */
export async function showRun(ctx: Context, idText: string, opts: { reveal?: boolean }): Promise<void> {
  const reveal = opts.reveal === true;
  const id = idArgument('form', idText);
  const form = await showForm(await ctx.store(reveal), id, reveal);
  const hidden = form.comment !== null && !reveal;
  const comment = form.comment === null ? ctx.t('form.no_comment') : hidden ? ctx.t('form.comment_hidden', { id: form.id }) : form.comment;
  await ctx.output.record(reveal ? revealedFormSpec() : formSpec, form, {
    json: { comment: reveal ? form.comment : null, comment_confidential: hidden },
    sections: [
      {
        title: ctx.t('form.ratings_title'),
        lines: Object.entries(form.ratings).map(([k, v]): [string, string] => [k, `${v}  ${ctx.t(`level.${levelName(v)}`)}`]),
      },
      ...(reveal && form.comment !== null
        ? []
        : [{ title: ctx.t('form.comment_title'), lines: [['', comment]] as Array<[string, string]> }]),
    ],
  });
  if (reveal && form.comment !== null) ctx.output.note(ctx.t('form.revealed', { user: ctx.user }));
}
