import { prepared } from './statements.js';
import type { Db } from '../open.js';
import type { ISODate } from '../../core/dates.js';
import { createWorkCalendar, type ConfiguredKind, type WorkCalendar } from '../../core/calendar.js';
import type { CalendarDay, CalendarRepository } from '../../app/store.js';
import type { SqliteHistory } from './history.js';

export class SqliteCalendar implements CalendarRepository {
  /** Shared by every calendar this repository makes, so that a command warns once (docs/rules.md, rule 13). */
  readonly unknownYears = new Set<number>();

  constructor(
    private readonly db: Db,
    private readonly history: SqliteHistory,
  ) {}

  async all(kind?: ConfiguredKind): Promise<CalendarDay[]> {
    return (
      kind
        ? prepared(this.db, 'SELECT date, kind, note FROM calendar_days WHERE kind = ? ORDER BY date').all(kind)
        : prepared(this.db, 'SELECT date, kind, note FROM calendar_days ORDER BY date').all()
    ) as CalendarDay[];
  }

  async workCalendar(): Promise<WorkCalendar> {
    return createWorkCalendar(await this.all(), undefined, this.unknownYears);
  }

  async get(date: ISODate): Promise<CalendarDay | undefined> {
    return this.day(date);
  }

  private day(date: ISODate): CalendarDay | undefined {
    return prepared(this.db, 'SELECT date, kind, note FROM calendar_days WHERE date = ?').get(date) as CalendarDay | undefined;
  }

  async put(day: CalendarDay): Promise<CalendarDay | undefined> {
    const before = this.day(day.date);
    prepared(
      this.db,
      'INSERT INTO calendar_days (date, kind, note) VALUES (?, ?, ?) ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, note = excluded.note',
    ).run(day.date, day.kind, day.note);
    this.history.write({
      action: 'calendar',
      entity: 'calendar_day',
      entityId: day.date,
      field: 'kind',
      old: before?.kind ?? null,
      new: day.kind,
    });
    return before;
  }

  async remove(date: ISODate): Promise<CalendarDay | undefined> {
    const before = this.day(date);
    if (!before) return undefined;
    prepared(this.db, 'DELETE FROM calendar_days WHERE date = ?').run(date);
    this.history.write({ action: 'calendar', entity: 'calendar_day', entityId: date, field: 'kind', old: before.kind, new: null });
    return before;
  }
}
