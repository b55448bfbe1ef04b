import { Command } from 'commander';
import { examples, type App } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { backup } from '../app/maintenance.js';

export function backupCommand(app: App, run = backupRun): Command {
  const { t } = app;
  const cmd = new Command('backup').description(t('cmd.backup')).option('--to <file>', t('opt.backup.to')).action(app.action(run));
  return examples(cmd, t, ['custrack backup', 'custrack backup --to /mnt/usb/custrack-2026-11-23.db']);
}

export async function backupRun(ctx: Context, opts: { to?: string }): Promise<void> {
  const result = await backup(await ctx.store(), opts.to, ctx.runtime.now());
  ctx.output.note(ctx.t('backup.done', { path: result.path, size: (result.bytes / 1024).toFixed(0), ms: result.ms }));
  await ctx.output.text(`${result.path}\n`);
}
