// The 3-year new-customer check.
import type { check as en } from '../en/check.js';

export const check: Record<keyof typeof en, string> = {
  'check.title': '{date} 的三年新客户认定',
  'check.result': '结论',
  'check.verdict_new': '是新客户：此前 {years} 年内没有交易',
  'check.verdict_not_new': '不是新客户：{last} 有交易；自 {from} 起重新算新客户',
  'check.window': '认定区间',
  'check.window_value': '{from} 至 {to}（不含 {to}）',
  'check.last_business': '最近交易',
  'check.none': '无',
  'check.samples_ignored': '不计入的样品',
  'check.development_target': '目标客户',
  'cmd.check': '对客户或任意名称做三年新客户认定；是新客户退出码为 0，否则为 1',
  'opt.check.on': '认定日期（默认：今天）',
  'check.unknown_name': '没有名为“{name}”的客户或交易记录；请核对名称（按新客户处理）。',
  'check.subject': '客户',
  'check.unregistered': '{name}（未登记：仅依据交易记录）',
};
