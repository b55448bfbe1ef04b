// The command tree. Global options (README, "Global options and environment") live on the root and are accepted anywhere on the line.
import { Command, Option } from 'commander';
import type { Translator, Lang } from '../i18n/index.js';
import { Context, type GlobalOptions, type Runtime } from './context.js';
import { asOfOption, formatOption, langOption, TODAY } from './parsers.js';
import { dirname, resolve } from 'node:path';
import { registerCommands } from '../commands/index.js';
import { DatabaseError } from '../errors.js';
import { isDiskFull } from '../io/files.js';
import type { App, Run } from './command.js';

import { VERSION } from '../version.js';

export interface RunState {
  exitCode: number;
}

/** Replaces the `today` marker of date parsers (in options, arrays and plain values) with the context's today. */
function withToday(value: unknown, ctx: Context): unknown {
  if (value === TODAY) return ctx.today;
  if (Array.isArray(value)) return value.map((v) => withToday(v, ctx));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withToday(v, ctx)]));
  }
  return value;
}

/** For programs built only to read their help: nothing runs a nested command line. */
const notRunnable: App['run'] = () => Promise.reject(new Error('this program cannot run nested command lines'));

export function buildProgram(runtime: Runtime, lang: Lang, t: Translator, state: RunState, run: App['run'] = notRunnable): Command {
  const program = new Command('custrack');
  program
    .description(t('help.program'))
    .version(VERSION, '-V, --version', t('opt.version'))
    .helpOption('-h, --help', t('opt.help'))
    .helpCommand('help [command]', t('opt.help_command'))
    .addOption(new Option('--db <file>', t('opt.db')).helpGroup(t('help.global_options')))
    .addOption(new Option('--as-of <date>', t('opt.as_of')).argParser(asOfOption(runtime.now)).helpGroup(t('help.global_options')))
    .addOption(new Option('--format <format>', t('opt.format')).argParser(formatOption).helpGroup(t('help.global_options')))
    .addOption(new Option('-o, --output <file>', t('opt.output')).helpGroup(t('help.global_options')))
    .addOption(new Option('--excel', t('opt.excel')).helpGroup(t('help.global_options')))
    .addOption(new Option('--bom', t('opt.bom')).helpGroup(t('help.global_options')))
    .addOption(new Option('--no-header', t('opt.no_header')).helpGroup(t('help.global_options')))
    .addOption(new Option('--lang <lang>', t('opt.lang')).argParser(langOption).helpGroup(t('help.global_options')))
    .addOption(new Option('--no-color', t('opt.no_color')).helpGroup(t('help.global_options')))
    .addOption(new Option('--no-input', t('opt.no_input')).helpGroup(t('help.global_options')))
    .addOption(new Option('--user <name>', t('opt.user')).helpGroup(t('help.global_options')))
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => runtime.streams.stdout.write(text),
      writeErr: (text) => runtime.streams.stderr.write(text),
      // Errors are translated and printed by main, the one place that also decides the exit code.
      outputError: () => {},
    })
    .addHelpText('after', `\n${t('help.program_after')}`);

  const app: App = {
    t,
    lang,
    runtime,
    run,
    action<A extends unknown[]>(run: Run<A>) {
      return async (...args: unknown[]) => {
        const command = args.at(-1) as Command;
        const globals = command.optsWithGlobals() as GlobalOptions;
        const ctx = new Context(runtime, globals, lang, t);
        try {
          // A command with --out-dir writes files of its own (overdue): a workbook there needs no --output.
          ctx.checkOutput(command.opts().outDir !== undefined);
          const code = await run(ctx, ...(args.slice(0, -1).map((arg) => withToday(arg, ctx)) as A));
          if (typeof code === 'number') state.exitCode = code;
          await ctx.finish();
        } catch (err) {
          const fileFailed = ctx.outputFailure(err);
          await ctx.abort();
          if (fileFailed) throw fileFailed;
          // A write that ran out of disk: say where (the database's folder), not the driver's words.
          if (isDiskFull(err)) throw new DatabaseError('disk.full', { path: dirname(resolve(ctx.dbPath)) });
          throw err;
        } finally {
          await ctx.close();
        }
      };
    },
  };
  registerCommands(program, app);
  // Commander's own headings ("Usage:", "Options:" …) follow --lang too.
  const titles: Record<string, string> = {
    'Usage:': t('help.usage'),
    'Options:': t('help.options'),
    'Commands:': t('help.commands'),
    'Arguments:': t('help.arguments'),
  };
  const help = { styleTitle: (title: string) => titles[title] ?? title };
  program.configureHelp(help);
  // Every subcommand shares the root's behaviour: no process.exit, translated errors and help, suggestions.
  const configure = (cmd: Command): void => {
    for (const sub of cmd.commands) {
      sub.exitOverride().showSuggestionAfterError(true).helpOption('-h, --help', t('opt.help')).configureHelp(help);
      if (sub.commands.length > 0) sub.helpCommand('help [command]', t('opt.help_command'));
      sub.configureOutput(program.configureOutput());
      suggestDateOption(sub);
      configure(sub);
    }
  };
  configure(program);
  return program;
}

/**
 * `--date` on a command whose date has another name (`--sent`, `--on`, `--returned` …): the error names that
 * option, where commander's spelling distance would offer an unrelated one (`--due`, `--note`).
 */
function suggestDateOption(cmd: Command): void {
  const own = cmd as unknown as { unknownOption(flag: string): never };
  const unknownOption = own.unknownOption.bind(cmd);
  own.unknownOption = (flag: string): never => {
    const dates = flag === '--date' ? cmd.options.filter((o) => !o.hidden && o.long && o.flags.endsWith('<date>')) : [];
    if (dates.length === 1)
      cmd.error(`error: unknown option '${flag}'\n(Did you mean ${dates[0]!.long}?)`, { code: 'commander.unknownOption' });
    return unknownOption(flag);
  };
}
