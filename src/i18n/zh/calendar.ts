// 内置的官方节假日日历，以及配置的日期对它的覆盖（docs/rules.md，规则 13）。
import type { calendar as en } from '../en/calendar.js';

export const calendar: Record<keyof typeof en, string> = {
  'opt.calendar.year': '列出哪一年（默认：--as-of 所在的年份）',
  'calendar.ordinary': '普通日（已取消官方安排）',
  'calendar.source.builtin': '内置',
  'calendar.source.configured': '自行配置',
  'calendar.already_official_holiday': '{date} 本来就是官方节假日（{name}），无需保存。',
  'calendar.already_official_workday': '{date} 本来就是官方调休上班日（{name}），无需保存。',
  'calendar.official_again_holiday': '{date} 恢复按官方日历：节假日（{name}）。',
  'calendar.official_again_workday': '{date} 恢复按官方日历：调休上班日（{name}）。',
  'calendar.official_removed_holiday': '{date}（{name}）在本公司不再放假：是否上班按星期几决定。',
  'calendar.official_removed_workday': '{date}（{name}）在本公司不再调休上班：是否上班按星期几决定。',
  'calendar.year_not_builtin': '内置日历尚未收录 {year} 年：只列出用 `custrack config holiday|workday add` 配置的日期。',
  'calendar.unknown_years':
    '内置节假日日历尚未收录 {years} 年：这些年份的工作日只按周末和用 `custrack config holiday|workday add` 配置的日期计算。',
  'col.weekday': '星期',
  'col.source': '来源',
  'col.official': '官方安排',
  'col.holiday_name': '节日',
  'weekday.sun': '周日',
  'weekday.mon': '周一',
  'weekday.tue': '周二',
  'weekday.wed': '周三',
  'weekday.thu': '周四',
  'weekday.fri': '周五',
  'weekday.sat': '周六',
};
