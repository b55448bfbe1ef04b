// The overdue list.
import type { overdue as en } from '../en/overdue.js';

export const overdue: Record<keyof typeof en, string> = {
  'cmd.overdue': '列出所有逾期的跟进事项，最逾期的在前（供每天早上的定时任务使用）',
  'opt.overdue.owner': '只列出该营销员',
  'opt.overdue.kind': '只列出该类（可重复）：first-contact、follow-up、plan-missed、minutes、application、form-return、form-send',
  'opt.overdue.within': '同时列出今后 N 天内到期的事项（逾期天数为负）',
  'opt.overdue.out_dir': '按营销员各写一个文件（<营销员>.<扩展名>）到该目录，并输出文件路径',
  'kind.first-contact': '首次联系',
  'kind.follow-up': '跟进',
  'kind.plan-missed': '计划未执行',
  'kind.minutes': '会谈纪要',
  'kind.application': '新客户申请',
  'kind.form-return': '反馈表收回',
  'kind.form-send': '反馈表寄出',
  'overdue.detail.first_contact': '{date} 分配，尚未联系',
  'overdue.detail.follow_up_next': '{date} 联系时约定了此跟进日期',
  'overdue.detail.follow_up_cadence': '上次联系 {date}；{grade} 级每 {days} 天跟进',
  'overdue.detail.plan_missed': '{date} 的拜访计划未执行',
  'overdue.detail.minutes': '{date} 的面谈尚无会谈纪要',
  'overdue.detail.application': '{date} 开始交往，尚未提交申请',
  'overdue.detail.form_return': '{date} 寄出的{kind}尚未收回',
  'overdue.detail.form_send_initial': '{date} 开始交往，尚未寄出初始表',
  'overdue.detail.form_send_periodic': '上次寄表 {date}；应寄期间表',
  'overdue.detail.form_send_revisit': '{date} 已关闭；尚未寄出回访表',
  'overdue.out_dir_table': '--out-dir 写的是文件；请选 --format csv、tsv、json 或 ndjson（默认 tsv）。',
  'overdue.files': '已将 {items} 项写入 {count} 个文件，位于 {dir}。',
};
