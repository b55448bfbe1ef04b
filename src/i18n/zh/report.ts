// Reports.
import type { report as en } from '../en/report.js';

export const report: Record<keyof typeof en, string> = {
  'cmd.report': '管理报表',
  'cmd.report.monthly': '按营销员和合计统计当月数据，含反馈和客户等级',
  'opt.report.month': '月份（默认：--as-of 之前最近一个完整月份）',
  'report.bad_month': '--month：“{value}”不是月份，请用 YYYY-MM。',
  'report.title': '{month} 月度报表（{from} 至 {to}）',
  'report.total': '合计',
  'report.new_customers': '新客户',
  'report.applications_filed': '提交申请',
  'report.applications_recognized': '认定',
  'report.applications_rejected': '驳回',
  'report.visits': '拜访次数',
  'report.customers_visited': '拜访客户数',
  'report.forms_sent': '寄出反馈表',
  'report.forms_returned': '收回反馈表',
  'report.overdue_at_month_end': '月末逾期',
  'report.feedback': '客户反馈',
  'report.return_rate': '收回率',
  'report.rating': '平均 {average}（{count} 份）',
  'report.grades': '月末客户等级分布',
  'report.chart_visits': '各营销员拜访次数',
  'report.chart_new': '各营销员新客户数',
};
