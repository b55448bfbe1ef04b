import { Command } from 'commander';
import { examples, type App } from '../../cli/command.js';
import type { Context } from '../../cli/context.js';
import { dateOption } from '../../cli/parsers.js';
import { UsageError } from '../../errors.js';
import { COMPLAINT_CHANNELS, parseChannel, type ComplaintChannel } from '../../core/complaints.js';
import type { ISODate } from '../../core/dates.js';
import { addComplaint } from '../../app/complaints.js';
import { complaintSpec } from '../../views/complaint.js';
import { requiredText, stepDate, textOption } from './fields.js';

export interface AddOptions {
  received?: ISODate;
  content: string;
  channel?: string;
  by?: string;
}

export function addCommand(app: App, run = addRun): Command {
  const { t } = app;
  const cmd = new Command('add')
    .description(t('cmd.complaint.add'))
    .argument('<customer>', t('arg.customer'))
    .option('--received <date>', t('opt.complaint.received'), dateOption('--received'))
    .requiredOption('--content <text>', t('opt.complaint.content'))
    .option('--channel <channel>', t('opt.complaint.channel'))
    .option('--by <name>', t('opt.complaint.received_by'))
    .action(app.action(run));
  return examples(cmd, t, [
    'custrack complaint add 12 --received 2026-11-16 --content "8月批次包装破损" --channel 电话 --by 客服小王',
    'custrack complaint add "深圳市腾达(集团)有限公司" --content "交货延误两周" --channel email',
  ]);
}

export function channelOption(text: string | undefined): ComplaintChannel | null {
  if (text === undefined || text.trim() === '') return null;
  const channel = parseChannel(text);
  if (!channel) throw new UsageError('err.bad_choice', { option: '--channel', value: text, choices: COMPLAINT_CHANNELS.join(', ') });
  return channel;
}

export async function addRun(ctx: Context, query: string, opts: AddOptions): Promise<void> {
  const input = {
    receivedOn: stepDate('--received', opts.received, ctx.today),
    content: requiredText('--content', opts.content),
    channel: channelOption(opts.channel),
    by: textOption('--by', opts.by) ?? ctx.user,
  };
  const complaint = await addComplaint(await ctx.store(true), query, input);
  ctx.output.note(
    ctx.t('complaint.added', { id: complaint.id, customer: complaint.customer, received: complaint.received_on, due: complaint.due }),
  );
  await ctx.output.record(complaintSpec, complaint);
}
