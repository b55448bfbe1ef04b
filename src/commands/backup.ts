import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { examples, type App } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { ConflictError } from '../errors.js';

export function backupCommand(app: App): Command {
  const { t } = app;
  const cmd = new Command('backup').description(t('cmd.backup')).option('--to <file>', t('opt.backup.to')).action(app.action(backupRun));
  return examples(cmd, t, ['custrack backup', 'custrack backup --to /mnt/usb/custrack-2026-11-23.db']);
}

export function backupName(dbPath: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/gu, '').replace(/\..*$/u, '').replace('T', '-');
  return `${dbPath}.backup-${stamp}`;
}

export async function backupRun(ctx: Context, opts: { to?: string }): Promise<void> {
  const db = await ctx.db();
  const target = resolve(opts.to ?? backupName(resolve(ctx.dbPath), ctx.runtime.now()));
  if (existsSync(target)) throw new ConflictError('backup.exists', { path: target });
  const { copyDatabase } = await import('../db/sqlite/copy.js');
  const started = Date.now();
  copyDatabase(db, target);
  ctx.output.note(ctx.t('backup.done', { path: target, size: (statSync(target).size / 1024).toFixed(0), ms: Date.now() - started }));
  ctx.runtime.streams.stdout.write(`${target}\n`);
}
