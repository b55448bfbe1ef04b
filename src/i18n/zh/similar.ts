// 相似的公司名称（docs/rules.md 第 17 条）：登记、认定、审核与导入。
import type { similar as en } from '../en/similar.js';

export const similar: Record<keyof typeof en, string> = {
  'opt.customer.distinct': '虽与已登记客户名称相似，仍登记该名称（或新名称、曾用名）：确认为不同公司（记入变更历史）',
  'opt.import.allow_similar': '客户：与已登记客户或前面行名称相似的也登记：确认为不同公司（记入变更历史）',
  'opt.application.distinct_from': '确认为不同公司的相似客户（可重复）：审核不再因其交易而停止；记入变更历史',
  'similar.register':
    '“{name}”与 {count} 个已登记客户名称相似，未登记。如是同一公司，请使用已登记的客户；如确为不同公司，请加 --distinct 重新登记：',
  'similar.edit': '“{name}”与 {count} 个其他已登记客户名称相似，未做修改。如确为不同公司，请加 --distinct 重新执行：',
  'check.similar': '相似名称（{count}）',
  'check.similar_business':
    '按此名称是新客户，但名称相似的客户 #{id} {name}（责任营销员：{owner}）在 {date} 有交易，处于认定区间内：须由人工判断是否为同一公司（退出码 6）。',
  'check.similar_in_window': '认定区间内有交易',
  'check.similar_confirmed': '已确认为不同公司',
  'check.similar_owner': '营销员 {owner}',
  'check.similar_last': '最近交易 {date}',
  'col.similar': '相似名称',
  'application.similar_business':
    '申请 #{id} 仍为已提交：名称相似的客户 #{other} {name}（责任营销员：{owner}）在 {date} 有交易，处于认定区间 {from} 至 {to}（不含 {to}）内。如确为不同公司：custrack application verify {id} --distinct-from {other}',
  'application.not_similar': '客户 #{id} {name} 与 {customer} 名称并不相似；--distinct-from 须指名称与申请客户相似的客户。',
  'show.distinctions': '已确认的不同公司（{count}）',
  'show.distinction_line': '{via}，{by} 于 {on} 确认',
  'via.register': '登记时',
  'via.edit': '修改名称时',
  'via.import': '导入时',
  'via.verify': '审核申请 #{application} 时',
  'row.similar_customer': '与已登记客户名称相似：{similar}；如确为不同公司，请加 --allow-similar 导入',
  'row.similar_in_file': '与第 {first} 行的名称相似；如确为不同公司，请加 --allow-similar 导入',
  'import.similar_unmatched':
    '导入的 {rows} 行（{names} 个名称）没有对应客户，但与已登记客户名称相似。如该名称是那个客户的曾用名，请添加为曾用名：',
  'import.similar_example': '{name}（{rows} 行）~ #{id} {customer}（{owner}）：custrack customer edit {id} --alias "{name}"',
  'import.similar_more': '……另有 {count} 个名称。',
  'demo.check_similar': '相似名称：按自身开票记录是新客户，但名称相似的已登记客户有交易 → 须人工判断（退出码 6）',
};
