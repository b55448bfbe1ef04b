import type { ISODate } from '../../core/dates.js';
import { createWorkCalendar, type ConfiguredKind, type WorkCalendar } from '../../core/calendar.js';
import type { CalendarDay, CalendarRepository } from '../../app/store.js';
import type { PostgresHistory } from './history.js';
import type { Sql } from './sql.js';

export class PostgresCalendar implements CalendarRepository {
  /** Shared by every calendar this repository makes, so that a command warns once (docs/rules.md, rule 13). */
  readonly unknownYears = new Set<number>();

  constructor(
    private readonly sql: Sql,
    private readonly history: PostgresHistory,
  ) {}

  async all(kind?: ConfiguredKind): Promise<CalendarDay[]> {
    return kind
      ? this.sql.rows<CalendarDay>('SELECT date, kind, note FROM calendar_days WHERE kind = $1 ORDER BY date', [kind])
      : this.sql.rows<CalendarDay>('SELECT date, kind, note FROM calendar_days ORDER BY date');
  }

  async workCalendar(): Promise<WorkCalendar> {
    return createWorkCalendar(await this.all(), undefined, this.unknownYears);
  }

  get(date: ISODate): Promise<CalendarDay | undefined> {
    return this.sql.row<CalendarDay>('SELECT date, kind, note FROM calendar_days WHERE date = $1', [date]);
  }

  async put(day: CalendarDay): Promise<CalendarDay | undefined> {
    const before = await this.get(day.date);
    await this.sql.run(
      'INSERT INTO calendar_days (date, kind, note) VALUES ($1, $2, $3) ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, note = excluded.note',
      [day.date, day.kind, day.note],
    );
    await this.history.record({
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
    const before = await this.get(date);
    if (!before) return undefined;
    await this.sql.run('DELETE FROM calendar_days WHERE date = $1', [date]);
    await this.history.record({ action: 'calendar', entity: 'calendar_day', entityId: date, field: 'kind', old: before.kind, new: null });
    return before;
  }
}
