// `custrack demo`: a scratch database, a few real commands on it, and what to try next.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { examples, type App } from '../cli/program.js';
import type { Context } from '../cli/context.js';
import { ConflictError } from '../errors.js';
import { existsSync } from 'node:fs';

export function demoCommand(app: App): Command {
  const { t } = app;
  const cmd = new Command('demo').description(t('cmd.demo')).action(app.action(demoRun));
  return examples(cmd, t, ['custrack demo', 'custrack demo --db ./demo.db']);
}

const SAMPLE_CUSTOMERS: string[][] = [
  ['--name', '深圳市腾达（集团）有限公司', '--uscc', '91440300192185379H', '--grade', 'A', '--owner', '张伟', '--region', '深圳', '--phone', '138 0013 8000', '--registered', '2026-10-08'],
  ['--name', '北京华信科技有限公司', '--uscc', '91110000600037341L', '--grade', 'B', '--owner', '李娜', '--region', '北京', '--registered', '2026-10-15'],
  ['--name', '苏州新源电子有限公司', '--grade', 'C', '--owner', '张伟', '--region', '苏州', '--contact', '王经理', '--registered', '2026-11-02'],
  ['--name', 'Hangzhou Bright Textiles Co., Ltd.', '--grade', 'B', '--owner', '陈静', '--region', '杭州', '--email', 'buyer@bright.example', '--registered', '2026-11-10'],
];

export async function demoRun(ctx: Context): Promise<number> {
  const { run: main } = await import('../cli/run.js');
  // Never the user's real database: a scratch file unless --db names one explicitly.
  const explicit = ctx.globals.db;
  const path = resolve(explicit ?? join(mkdtempSync(join(tmpdir(), 'custrack-demo-')), 'demo.db'));
  if (explicit && existsSync(path)) throw new ConflictError('demo.exists', { path });
  const c = await ctx.output.chalk('stderr');
  const passthrough = [
    '--db', path, '--as-of', ctx.today, '--lang', ctx.lang,
    ...(ctx.globals.color ? [] : ['--no-color']),
    ...(ctx.globals.format ? ['--format', ctx.globals.format] : []),
  ];
  const run = async (heading: string, args: string[]): Promise<void> => {
    ctx.runtime.streams.stderr.write(`\n${c.bold(`== ${heading}`)}\n${c.dim(`$ custrack ${args.map(quote).join(' ')}`)}\n`);
    const code = await main([...args, ...passthrough], ctx.runtime);
    if (code !== 0) throw new Error(`demo step failed with exit ${code}: custrack ${args.join(' ')}`);
  };
  ctx.output.note(ctx.t('demo.intro', { path }));
  for (const args of SAMPLE_CUSTOMERS) await run(ctx.t('demo.register'), ['customer', 'add', '--no-input', ...args]);
  await run(ctx.t('demo.list'), ['customer', 'list']);
  await run(ctx.t('demo.show'), ['customer', 'show', '深圳市腾达(集团)有限公司']);
  ctx.output.note(`\n${ctx.t('demo.outro', { path })}`);
  return 0;
}

const quote = (arg: string): string => (/^[\w@%+=:,./-]+$/u.test(arg) ? arg : `"${arg.replace(/"/gu, '\\"')}"`);
