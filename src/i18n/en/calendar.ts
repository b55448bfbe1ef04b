// The built-in official calendar under the configured days (docs/rules.md, rule 13).
export const calendar = {
  'opt.calendar.year': 'the year to list (default: the year of --as-of)',
  'calendar.ordinary': 'ordinary day (official day removed)',
  'calendar.source.builtin': 'built-in',
  'calendar.source.configured': 'configured',
  'calendar.already_official_holiday': '{date} is an official holiday already ({name}); nothing was stored.',
  'calendar.already_official_workday': '{date} is an official adjusted working day already ({name}); nothing was stored.',
  'calendar.official_again_holiday': '{date} follows the official calendar again: a holiday ({name}).',
  'calendar.official_again_workday': '{date} follows the official calendar again: an adjusted working day ({name}).',
  'calendar.official_removed_holiday': '{date} ({name}) is no longer a holiday here: its weekday decides whether it is worked.',
  'calendar.official_removed_workday':
    '{date} ({name}) is no longer an adjusted working day here: its weekday decides whether it is worked.',
  'calendar.year_not_builtin':
    'The built-in calendar does not know {year} yet: only the days configured with `custrack config holiday|workday add` are listed.',
  'calendar.unknown_years':
    'the built-in holiday calendar does not know {years} yet: working days there count only weekends and the days configured with `custrack config holiday|workday add`.',
  'col.weekday': 'Weekday',
  'col.source': 'Source',
  'col.official': 'Official',
  'col.holiday_name': 'Holiday',
  'weekday.sun': 'Sun',
  'weekday.mon': 'Mon',
  'weekday.tue': 'Tue',
  'weekday.wed': 'Wed',
  'weekday.thu': 'Thu',
  'weekday.fri': 'Fri',
  'weekday.sat': 'Sat',
} as const;
