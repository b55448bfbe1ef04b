import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { UsageError } from '../../errors.js';
import { GRADES } from '../../core/customer.js';
import { registerCustomer } from '../../app/customers.js';
import { addCustomerFieldOptions, checkedFields, toCustomerInput, type CustomerFieldOptions } from './fields.js';
import { showCheckedCustomer } from './checked.js';

export function addCommand(app: App, run = addRun, name = 'add'): Command {
  const { t } = app;
  const cmd = new Command(name).description(t('cmd.customer.add'));
  addCustomerFieldOptions(cmd, t).option('--distinct', t('opt.customer.distinct')).action(app.action(run));
  return examples(cmd, t, [
    'custrack customer add --name "深圳市腾达（集团）有限公司" --grade A --owner 张伟 --phone 13800138000',
    'custrack register --name "苏州新源电子有限公司" --region 苏州 --owner 李娜 --registered 2026-11-02',
    'custrack customer add --name "广州华南贸易有限公司" --owner 王芳 --distinct',
  ]);
}

export async function addRun(ctx: Context, opts: CustomerFieldOptions & { distinct?: boolean }): Promise<void> {
  const input = toCustomerInput(opts);
  // Prompts come first: no transaction is open while someone is typing.
  if (input.name === undefined) {
    if (!ctx.canPrompt) throw new UsageError('err.missing_flag', { flag: '--name' });
    const prompter = await ctx.prompter();
    input.name = await prompter.input(ctx.t('prompt.name'), { required: true });
    if (input.grade === undefined) {
      input.grade = await prompter.select(
        ctx.t('prompt.grade'),
        GRADES.map((g) => ({ value: g, name: `${g}  ${ctx.t(`grade.${g}`)}` })),
        'C',
      );
    }
    if (input.owner === undefined) input.owner = await prompter.input(ctx.t('prompt.owner'), { default: ctx.user });
  }
  const valid = checkedFields(input, ctx.t);
  const result = await registerCustomer(await ctx.store(true), { ...valid, name: valid.name! }, ctx.today, {
    distinct: opts.distinct === true,
  });
  ctx.output.note(ctx.t('customer.registered', { id: result.customer.id, name: result.customer.name }));
  await showCheckedCustomer(ctx, result);
}
