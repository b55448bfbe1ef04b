// Import headers in English (the JSON keys, or our own export's headers) or Chinese (README, "Importing data").
import { nameKey } from '../core/names.js';

export type ImportKind = 'customers' | 'transactions' | 'visits';

export const FIELDS = {
  customers: [
    'name',
    'uscc',
    'grade',
    'owner',
    'source',
    'region',
    'industry',
    'contact',
    'phone',
    'email',
    'address',
    'monthly_volume',
    'registered_on',
    'note',
    'last_contact',
    // What `export customers` writes besides: the id (--update matches by it) and columns custrack keeps itself.
    'id',
    'status',
    'assigned_on',
    'closed_on',
    'last_business',
    'aliases',
  ],
  transactions: ['customer', 'uscc', 'date', 'amount', 'kind', 'ref'],
  visits: ['customer', 'date', 'method', 'by', 'purpose', 'topic', 'location', 'summary', 'intent', 'next', 'minutes', 'minutes_on'],
} as const satisfies Record<ImportKind, readonly string[]>;

export const REQUIRED: Record<ImportKind, readonly string[]> = {
  customers: ['name'],
  transactions: ['customer', 'date', 'amount'],
  visits: ['customer', 'date', 'method'],
};

/** Other spellings of each field; the field's own name always works. Compared after NFKC, no spaces, lower case. */
const ALIASES: Record<string, string[]> = {
  name: ['客户名称', '名称', '开票名称', '客户', 'customer', 'customer name', 'company'],
  customer: ['客户名称', '客户', '名称', '开票名称', '购货单位', '购买方名称', 'customer name', 'name', 'company'],
  uscc: ['统一社会信用代码', '信用代码', '社会信用代码', '纳税人识别号', '税号', 'credit code'],
  grade: ['等级', '客户等级', '客户分级', '分级'],
  owner: ['责任营销员', '营销员', '业务员', '销售员', '负责人', 'salesperson'],
  source: ['来源', '客户来源'],
  region: ['区域', '地区', '城市'],
  industry: ['行业', '所属行业'],
  contact: ['联系人'],
  phone: ['电话', '联系电话', '手机', '手机号', 'mobile', 'tel'],
  email: ['邮箱', '电子邮箱', 'e-mail', 'mail'],
  address: ['地址', '联系地址'],
  monthly_volume: ['月采购量', '月用量', '预计月采购量', 'monthly volume'],
  registered_on: ['登记日期', '登记时间', 'registered', 'registered on'],
  note: ['备注', '说明'],
  id: ['编号', '客户编号', 'customer id'],
  status: ['状态'],
  assigned_on: ['分配日期', 'assigned'],
  closed_on: ['关闭日期', 'closed'],
  last_business: ['最近交易', 'last business'],
  aliases: ['曾用名', 'former names'],
  last_contact: ['最近联系日期', '最近联系', '上次联系日期', '最后联系日期', 'last contact', 'last contacted', 'last_contact_on'],
  date: ['日期', '开票日期', '交易日期', '拜访日期', 'visit date', 'invoice date'],
  amount: ['金额', '价税合计', '含税金额', '金额(元)', '金额（元）', 'amount (yuan)'],
  kind: ['类型', '交易类型', '业务类型', 'type'],
  ref: ['单号', '发票号', '发票号码', '单据号', '单据编号', 'invoice', 'invoice no', 'invoice number', 'reference'],
  method: ['方式', '拜访方式', '联系方式', 'how'],
  by: ['营销员', '业务员', '拜访人', '责任营销员', 'salesperson'],
  purpose: ['目的', '拜访目的'],
  topic: ['主题', '内容', '话题', 'what'],
  location: ['地点', '拜访地点', 'where'],
  summary: ['摘要', '情况', '洽谈情况', '拜访情况'],
  intent: ['意向', '客户意向'],
  next: ['下次跟进', '下次跟进日期', '下次拜访', 'next follow-up', 'next date'],
  minutes: ['会谈纪要', '纪要'],
  minutes_on: ['纪要日期', 'minutes date'],
};

const norm = (header: string): string => nameKey(header).replace(/[_-]/gu, '');

export interface HeaderMap {
  /** Column index → field, or null for an ignored column. */
  columns: Array<string | null>;
  unknown: string[];
  missing: string[];
  duplicated: string[];
}

export function mapHeaders(kind: ImportKind, headers: string[]): HeaderMap {
  const fields = FIELDS[kind] as readonly string[];
  const lookup = new Map<string, string>();
  // The field's own name first, then its aliases; an alias never shadows another field's own name.
  for (const field of fields) lookup.set(norm(field), field);
  for (const field of fields) for (const alias of ALIASES[field] ?? []) if (!lookup.has(norm(alias))) lookup.set(norm(alias), field);
  const seen = new Set<string>();
  const result: HeaderMap = { columns: [], unknown: [], missing: [], duplicated: [] };
  for (const header of headers) {
    const field = lookup.get(norm(header));
    if (!field) {
      if (header.trim() !== '') result.unknown.push(header);
      result.columns.push(null);
    } else if (seen.has(field)) {
      result.duplicated.push(header);
      result.columns.push(null);
    } else {
      seen.add(field);
      result.columns.push(field);
    }
  }
  result.missing = REQUIRED[kind].filter((f) => !seen.has(f));
  return result;
}
