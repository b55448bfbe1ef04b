import { prepared } from './statements.js';
import type { Db } from '../open.js';
import type { ISODate } from '../../core/dates.js';
import type { HistoryRepo } from './history.js';
import type { WorkCalendar } from '../../core/calendar.js';

export type DayKind = 'holiday' | 'workday';

export interface CalendarDay {
  date: ISODate;
  kind: DayKind;
  note: string | null;
}

export class CalendarRepo {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryRepo,
  ) {}

  all(kind?: DayKind): CalendarDay[] {
    return (kind
      ? prepared(this.db, 'SELECT date, kind, note FROM calendar_days WHERE kind = ? ORDER BY date').all(kind)
      : prepared(this.db, 'SELECT date, kind, note FROM calendar_days ORDER BY date').all()) as CalendarDay[];
  }

  /** The working-day calendar the rules use. */
  workCalendar(): WorkCalendar {
    const days = this.all();
    return {
      holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.date)),
      workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.date)),
    };
  }

  get(date: ISODate): CalendarDay | undefined {
    return prepared(this.db, 'SELECT date, kind, note FROM calendar_days WHERE date = ?').get(date) as CalendarDay | undefined;
  }

  /** Adds or re-marks a day; returns what it was before. */
  put(day: CalendarDay): CalendarDay | undefined {
    const before = this.get(day.date);
    prepared(this.db, 'INSERT INTO calendar_days (date, kind, note) VALUES (?, ?, ?) ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, note = excluded.note')
      .run(day.date, day.kind, day.note);
    this.history.record({ action: 'calendar', entity: 'calendar_day', entityId: day.date, field: 'kind', old: before?.kind ?? null, new: day.kind });
    return before;
  }

  remove(date: ISODate): CalendarDay | undefined {
    const before = this.get(date);
    if (!before) return undefined;
    prepared(this.db, 'DELETE FROM calendar_days WHERE date = ?').run(date);
    this.history.record({ action: 'calendar', entity: 'calendar_day', entityId: date, field: 'kind', old: before.kind, new: null });
    return before;
  }
}
