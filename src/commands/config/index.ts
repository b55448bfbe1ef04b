import { Command } from 'commander';
import { examples, type App } from '../../cli/program.js';
import type { Context } from '../../cli/context.js';
import type { ListSpec } from '../../cli/output.js';
import { dateOption } from '../../cli/parsers.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { isSettingKey, parseSettingValue, SETTING_DEFINITIONS, SETTING_KEYS, settingDomain, type SettingKey, type SettingValue } from '../../core/settings.js';
import { weekday, type ISODate } from '../../core/dates.js';
import type { CalendarDay, DayKind } from '../../db/repos/calendar.js';
import type { MessageKey } from '../../cli/i18n/index.js';

interface SettingRow {
  key: SettingKey;
  value: SettingValue;
  default: SettingValue;
  unit: string;
}

const settingSpec: ListSpec<SettingRow> = {
  columns: [
    { header: 'col.key', value: (r) => r.key },
    { header: 'col.value', type: 'number', value: (r) => r.value, tone: (r) => (r.value !== r.default ? 'bold' : undefined) },
    { header: 'col.default', type: 'number', value: (r) => r.default },
    { header: 'col.unit', type: 'code', value: (r) => r.unit, label: (v, t) => t(`unit.${v}` as MessageKey) },
    { header: 'col.description', value: (r) => r.key, label: (v, t) => t(`setting.${v}` as MessageKey) },
  ],
  json: (r) => ({ key: r.key, value: r.value, default: r.default, unit: r.unit }),
  count: 'summary.settings',
  empty: 'empty.settings',
};

const calendarSpec: ListSpec<CalendarDay> = {
  columns: [
    { header: 'col.date', type: 'date', value: (d) => d.date },
    { header: 'col.kind', type: 'code', value: (d) => d.kind, label: (v, t) => t(`calendar.${v}` as MessageKey) },
    { header: 'col.note', value: (d) => d.note },
  ],
  json: (d) => ({ date: d.date, kind: d.kind, note: d.note }),
  count: 'summary.calendar',
  empty: 'empty.calendar',
};

function settingKeyArgument(key: string): SettingKey {
  if (!isSettingKey(key)) throw new NotFoundError('config.unknown_key', { key, keys: SETTING_KEYS.join(', ') });
  return key;
}

export function configCommand(app: App): Command {
  const { t } = app;
  const list = examples(new Command('list').description(t('cmd.config.list')).action(app.action(listRun)), t, ['custrack config list']);
  const get = examples(
    new Command('get').description(t('cmd.config.get')).argument('<key>', t('arg.setting_key')).action(app.action(getRun)),
    t,
    ['custrack config get cadence.A'],
  );
  const set = examples(
    new Command('set').description(t('cmd.config.set')).argument('<key>', t('arg.setting_key')).argument('<value>', t('arg.setting_value')).action(app.action(setRun)),
    t,
    ['custrack config set cadence.A 10', 'custrack config set form.return_days 20'],
  );
  return new Command('config')
    .description(t('cmd.config'))
    .addCommand(list)
    .addCommand(get)
    .addCommand(set)
    .addCommand(calendarCommand(app, 'holiday'))
    .addCommand(calendarCommand(app, 'workday'));
}

function calendarCommand(app: App, kind: DayKind): Command {
  const { t } = app;
  const sample = kind === 'holiday' ? '2026-10-01' : '2026-10-10';
  const add = examples(
    new Command('add')
      .description(t(`cmd.config.${kind}.add`))
      .argument('<date...>', t('arg.dates'))
      .option('--note <text>', t('opt.calendar.note'))
      .action(app.action((ctx: Context, dates: string[], opts: { note?: string }) => calendarAdd(ctx, kind, dates, opts.note))),
    t,
    [`custrack config ${kind} add ${sample} --note ${kind === 'holiday' ? '国庆节' : '国庆调休'}`],
  );
  const remove = examples(
    new Command('remove')
      .description(t(`cmd.config.${kind}.remove`))
      .argument('<date...>', t('arg.dates'))
      .action(app.action((ctx: Context, dates: string[]) => calendarRemove(ctx, kind, dates))),
    t,
    [`custrack config ${kind} remove ${sample}`],
  );
  const list = examples(
    new Command('list').description(t(`cmd.config.${kind}.list`)).action(app.action(async (ctx: Context) => {
      await ctx.output.list(calendarSpec, (await ctx.repos()).calendar.all(kind));
    })),
    t,
    [`custrack config ${kind} list`],
  );
  return new Command(kind).description(t(`cmd.config.${kind}`)).addCommand(add).addCommand(remove).addCommand(list);
}

async function listRun(ctx: Context): Promise<void> {
  const settings = (await ctx.repos()).settings.all();
  await ctx.output.list(
    settingSpec,
    SETTING_KEYS.map((key) => ({ key, value: settings[key], default: SETTING_DEFINITIONS[key].default, unit: SETTING_DEFINITIONS[key].unit })),
  );
}

async function getRun(ctx: Context, keyText: string): Promise<void> {
  const key = settingKeyArgument(keyText);
  const value = (await ctx.repos()).settings.all()[key];
  await ctx.output.object({ key, value }, async () => void ctx.runtime.streams.stdout.write(`${value}\n`));
}

async function setRun(ctx: Context, keyText: string, valueText: string): Promise<void> {
  const key = settingKeyArgument(keyText);
  const value = parseSettingValue(key, valueText);
  if (value === null) throw new UsageError('config.bad_value', { key, value: valueText, ...settingDomain(key) });
  await ctx.write((repos) => repos.settings.set(key, value));
  ctx.output.note(ctx.t('config.saved', { key, value }));
  await ctx.output.object({ key, value }, async () => void ctx.runtime.streams.stdout.write(`${value}\n`));
}

function parseDates(ctx: Context, dates: string[]): ISODate[] {
  return dates.map((d) => (d.trim() === 'today' ? ctx.today : dateOption('<date>')(d)));
}

async function calendarAdd(ctx: Context, kind: DayKind, dateTexts: string[], note: string | undefined): Promise<void> {
  const dates = parseDates(ctx, dateTexts);
  const replaced = await ctx.write((repos) => dates.map((date) => repos.calendar.put({ date, kind, note: note?.trim() || null })));
  for (const [i, date] of dates.entries()) {
    const weekend = weekday(date) === 0 || weekday(date) === 6;
    // A holiday on a weekend or a working day on a weekday changes nothing; say so, it is likely a typo.
    if ((kind === 'holiday' && weekend) || (kind === 'workday' && !weekend)) await ctx.output.warn(ctx.t(`calendar.pointless_${kind}`, { date }));
    const before = replaced[i];
    if (before && before.kind !== kind) await ctx.output.warn(ctx.t('calendar.replaced', { date, old: ctx.t(`calendar.${before.kind}`) }));
  }
  ctx.output.note(ctx.t(`calendar.added_${kind}`, { count: dates.length }));
  await ctx.output.list(calendarSpec, (await ctx.repos()).calendar.all(kind).filter((d) => dates.includes(d.date)));
}

async function calendarRemove(ctx: Context, kind: DayKind, dateTexts: string[]): Promise<void> {
  const dates = parseDates(ctx, dateTexts);
  await ctx.write((repos) => {
    for (const date of dates) {
      const day = repos.calendar.get(date);
      if (!day || day.kind !== kind) throw new NotFoundError(`calendar.not_listed_${kind}`, { date });
      repos.calendar.remove(date);
    }
  });
  ctx.output.note(ctx.t(`calendar.removed_${kind}`, { count: dates.length }));
}
