// Import headers in English (the JSON keys, or our own export's headers) or Chinese (README, "Importing data").
import { nameKey } from '../core/names.js';
import { CUSTOMER_FIELDS } from '../core/customer-fields.js';

export type ImportKind = 'customers' | 'transactions' | 'visits';

export const FIELDS = {
  customers: [
    ...CUSTOMER_FIELDS.map((field) => field.key),
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
const ALIASES: Record<string, readonly string[]> = {
  // A customer's own fields: src/core/customer-fields.ts.
  ...Object.fromEntries(CUSTOMER_FIELDS.map((field) => [field.key, field.headers])),
  customer: ['客户名称', '客户', '名称', '开票名称', '购货单位', '购买方名称', 'customer name', 'name', 'company'],
  id: ['编号', '客户编号', 'customer id'],
  status: ['状态'],
  assigned_on: ['分配日期', 'assigned'],
  closed_on: ['关闭日期', 'closed'],
  last_business: ['最近交易', 'last business'],
  aliases: ['曾用名', 'former names'],
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
