// What a command needs, built lazily from the global options: the clock, the user, the database
// and its repositories, the output layer and the prompter. Tests replace the runtime.
import { userInfo } from 'node:os';
import { defaultDbPath } from './paths.js';
import type { Streams } from './io.js';
import { canPrompt, useColor } from './io.js';
import { formatOfFile, Output, type Format } from './output.js';
import type { Lang, Translator } from '../i18n/index.js';
import type { Prompter } from './prompt.js';
import { UsageError } from '../errors.js';
import { localToday, parseISODate, type ISODate } from '../core/dates.js';
import type { Store } from '../app/store.js';
import { onInterrupt } from './interrupt.js';

export interface Runtime {
  streams: Streams;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** File system type of a directory (statfs); tests pretend to be on NFS. */
  fsType?: (dir: string) => number;
  /** Tests answer prompts without a terminal. */
  prompter?: Prompter;
}

export interface GlobalOptions {
  db?: string;
  asOf?: ISODate;
  format?: Format;
  excel?: boolean;
  bom?: boolean;
  header: boolean;
  lang?: Lang;
  color: boolean;
  input: boolean;
  user?: string;
  /** --output: the result goes to this file (`-` is stdout). */
  output?: string;
}

export { defaultDbPath };

export class Context {
  private opened: Store | undefined;
  private readonly others: Store[] = [];
  private readonly forget: Array<() => void> = [];
  private out: Output | undefined;

  constructor(
    readonly runtime: Runtime,
    readonly globals: GlobalOptions,
    readonly lang: Lang,
    readonly t: Translator,
  ) {}

  get env(): NodeJS.ProcessEnv {
    return this.runtime.env;
  }

  /** The "today" of every rule and default date: --as-of, else CUSTRACK_TODAY, else the local date. */
  get today(): ISODate {
    if (this.globals.asOf) return this.globals.asOf;
    const fromEnv = this.env.CUSTRACK_TODAY;
    if (fromEnv && fromEnv !== 'today') {
      const date = parseISODate(fromEnv);
      if (!date) throw new UsageError('err.bad_env_date', { name: 'CUSTRACK_TODAY', value: fromEnv });
      return date;
    }
    return localToday(this.runtime.now());
  }

  /** Who is recorded in the history: --user, else CUSTRACK_USER, else the OS user. */
  get user(): string {
    const explicit = this.globals.user ?? this.env.CUSTRACK_USER;
    if (explicit?.trim()) return explicit.trim();
    try {
      return userInfo().username;
    } catch {
      return this.env.USER || this.env.LOGNAME || 'unknown';
    }
  }

  get dbPath(): string {
    return this.globals.db ?? (this.env.CUSTRACK_DB || defaultDbPath(this.env));
  }

  get canPrompt(): boolean {
    return canPrompt(this.runtime.streams, !this.globals.input);
  }

  /**
   * The output layer, from --format, --excel and --output: a `.xlsx` (`.csv` …) name chooses the format when
   * --format does not; a name and a format that disagree about xlsx, or --excel with another format → exit 2.
   */
  get output(): Output {
    if (!this.out) {
      const { streams, env } = this.runtime;
      const excel = this.globals.excel === true;
      if (excel && this.globals.format && this.globals.format !== 'csv') {
        throw new UsageError('err.excel_format', { format: this.globals.format });
      }
      const path = this.globals.output === '-' ? undefined : this.globals.output;
      const named = path === undefined ? undefined : formatOfFile(path);
      const fallback: Format = path !== undefined || !streams.stdout.isTTY ? 'tsv' : 'table';
      const format: Format = this.globals.format ?? (excel ? 'csv' : (named ?? fallback));
      if (named !== undefined && named !== format && (named === 'xlsx' || format === 'xlsx')) {
        throw new UsageError('output.format_mismatch', { path: path!, named, format });
      }
      this.out = new Output({
        format,
        excel,
        bom: this.globals.bom === true,
        header: this.globals.header,
        // A file gets no colour codes.
        color: path === undefined && useColor(streams.stdout.isTTY, env, !this.globals.color),
        stderrColor: useColor(streams.stderr.isTTY, env, !this.globals.color),
        streams,
        t: this.t,
        path,
      });
    }
    return this.out;
  }

  /**
   * Refuses output options that cannot work before the command reads or writes anything (exit 2): the
   * format options together, and a workbook without a file, unless the command writes files of its own.
   */
  checkOutput(ownFiles = false): void {
    const { format, options } = this.output;
    if (format === 'xlsx' && options.path === undefined && !ownFiles) throw new UsageError('output.xlsx_needs_file');
  }

  /**
   * After the command succeeded: the --output file goes into place, then the warning of rule 13 (docs/rules.md),
   * once, when a working day was needed in a year the built-in calendar does not know.
   */
  async finish(): Promise<void> {
    await this.out?.finish();
    const years = this.opened?.calendar.unknownYears;
    if (years !== undefined && years.size > 0) {
      const list = [...years].sort((a, b) => a - b).join(', ');
      await this.output.warn(this.t('calendar.unknown_years', { years: list }));
    }
  }

  /** The error as the clerk can act on it when it came from the --output file, else undefined. */
  outputFailure(err: unknown): Error | undefined {
    return this.out?.target?.writeFailure(err);
  }

  /** After a failure: nothing is left of an --output file. */
  async abort(): Promise<void> {
    await this.out?.abort();
  }

  async prompter(): Promise<Prompter> {
    if (this.runtime.prompter) return this.runtime.prompter;
    const { createPrompter } = await import('./prompt.js');
    return createPrompter(this.runtime.streams);
  }

  /**
   * The database as the use cases see it, opened on first use; `create` for commands that write (the
   * first write creates a SQLite file). Reading commands never create one.
   */
  async store(create = false): Promise<Store> {
    this.opened ??= await this.openStore(this.dbPath, create);
    return this.opened;
  }

  /** Another database than --db (`db copy`): opened now, closed with this context. */
  async openStore(location: string, create: boolean): Promise<Store> {
    const [{ openStore }, { busyTimeout }] = await Promise.all([import('../db/connect.js'), import('../db/timeout.js')]);
    const store = await openStore(location, {
      create,
      actor: { user: this.user, now: this.runtime.now },
      userGiven: Boolean((this.globals.user ?? this.env.CUSTRACK_USER)?.trim()),
      busyTimeoutMs: busyTimeout(this.env),
      fsType: this.runtime.fsType,
      env: this.env,
    });
    this.others.push(store);
    this.forget.push(onInterrupt(() => store.abandon()));
    return store;
  }

  async close(): Promise<void> {
    for (const forget of this.forget.splice(0)) forget();
    for (const store of this.others.splice(0)) await store.close();
  }
}
