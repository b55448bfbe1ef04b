// `custrack demo`: the sample office in fixtures/ loaded into a fresh database, then the main jobs shown
// on it with the command line a user would type for each. Never touches the user's own database.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { examples, type App } from '../cli/command.js';
import type { Context, Runtime } from '../cli/context.js';
import { ConflictError } from '../errors.js';

export function demoCommand(app: App): Command {
  const { t } = app;
  const cmd = new Command('demo').description(t('cmd.demo')).action(app.action((ctx: Context) => demoRun(ctx, app.run)));
  return examples(cmd, t, ['custrack demo', 'custrack demo --db ./demo.db', 'custrack --lang zh demo']);
}

/** The demo's day and report month: the sample data tells its story as of then. */
export const DEMO_DAY = '2026-11-20';
export const DEMO_MONTH = '2026-10';

/**
 * The demo's own scratch file, replaced on every run so that runs do not pile up:
 * $XDG_CACHE_HOME/custrack/demo.db (~/.cache/custrack/demo.db). Never the user's database.
 */
export function scratchPath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME?.startsWith('/') ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'custrack', 'demo.db');
}

/** The fixtures folder: beside src/ in a checkout, beside dist/ in a build. */
export function fixturesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'fixtures', 'tour.json'))) return join(dir, 'fixtures');
    dir = dirname(dir);
  }
  throw new Error('the sample data (fixtures/tour.json) is missing from this installation');
}

class Discard extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += String(chunk);
    done();
  }
}

export async function demoRun(ctx: Context, run: App['run']): Promise<number> {
  const explicit = ctx.globals.db;
  const path = resolve(explicit ?? scratchPath(ctx.env));
  if (explicit && existsSync(path)) throw new ConflictError('demo.exists', { path });
  if (!explicit) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
  }
  const fixtures = fixturesDir();
  const common = ['--db', path, '--as-of', DEMO_DAY, '--lang', ctx.lang, '--no-input', '--user', 'demo'];

  // Loading: quiet, but a failing step stops the demo with what it said.
  ctx.output.note(ctx.t('demo.loading', { path }));
  const quiet = (): Runtime => ({ ...ctx.runtime, streams: { ...ctx.runtime.streams, stdout: new Discard(), stderr: new Discard() } });
  const steps: string[][] = [
    ['import', 'customers', join(fixtures, 'customers.csv')],
    ['import', 'transactions', join(fixtures, 'transactions.csv')],
    ['import', 'visits', join(fixtures, 'visits.csv')],
    ...(JSON.parse(readFileSync(join(fixtures, 'tour.json'), 'utf8')) as Array<{ args: string[] }>).map((s) => s.args),
  ];
  for (const args of steps) {
    const runtime = quiet();
    const code = await run([...args, ...common], runtime);
    if (code !== 0)
      throw new Error(`demo step failed (exit ${code}): custrack ${args.join(' ')}\n${(runtime.streams.stderr as Discard).text}`);
  }

  // The tour: a heading, the command line, and the real output.
  const c = await ctx.output.chalk('stderr');
  const shown = [...common.slice(2, 6), ...(ctx.globals.format ? ['--format', ctx.globals.format] : ['--format', 'table'])];
  if (!ctx.globals.color) shown.push('--no-color');
  ctx.output.note(`${ctx.t('demo.intro', { path, day: DEMO_DAY })}\n`);
  const show = async (heading: string, args: string[]): Promise<void> => {
    ctx.runtime.streams.stderr.write(`\n${c.bold(`▶ ${heading}`)}\n${c.dim(`$ custrack ${args.map(quote).join(' ')}`)}\n`);
    await run([...args, '--db', path, ...shown], ctx.runtime);
  };
  await show(ctx.t('demo.check_new'), ['check', '苏州吴中区金鹰光电有限公司']);
  await show(ctx.t('demo.check_not_new'), ['check', '东莞市恒丰五金制品有限公司']);
  await show(ctx.t('demo.check_similar'), ['check', '东莞鸿运包装材料有限公司']);
  await show(ctx.t('demo.customer'), ['customer', 'show', '东莞市松湖智能装备有限公司']);
  await show(ctx.t('demo.overdue'), ['overdue']);
  await show(ctx.t('demo.sheet'), ['visit', 'sheet']);
  await show(ctx.t('demo.applications'), ['application', 'list']);
  await show(ctx.t('demo.complaints'), ['complaint', 'list']);
  await show(ctx.t('demo.report'), ['report', 'monthly', '--month', DEMO_MONTH]);
  await show(ctx.t('demo.quarterly'), ['report', 'quarterly']);
  ctx.output.note(`\n${ctx.t('demo.outro', { path, day: DEMO_DAY, month: DEMO_MONTH })}`);
  return 0;
}

const quote = (arg: string): string => (/^[\w@%+=:,./-]+$/u.test(arg) ? arg : `"${arg.replace(/"/gu, '\\"')}"`);
