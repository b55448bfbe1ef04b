// The fields a clerk gives for a customer, described once: the key validateCustomer takes (src/core/customer.ts),
// the option of `customer add|edit` with its value name, and the spellings an import header may use besides
// the key (README, "Importing data"). The command options, the option each problem names and the import
// headers are derived from this table.

export interface CustomerField {
  /** The key of CustomerInput, and of the JSON and the import header. */
  key: CustomerFieldKey;
  /** `customer add|edit --<option> <value>`, its help being `opt.customer.<help>`; null: only an import gives it. */
  option: { flag: string; value: string; help: OptionHelp } | null;
  /** Import headers besides the key (compared after NFKC, without spaces, in lower case). */
  headers: readonly string[];
}

export type OptionHelp = Exclude<CustomerFieldKey, 'registered_on' | 'last_contact'> | 'registered';

export type CustomerFieldKey =
  | 'name'
  | 'uscc'
  | 'grade'
  | 'owner'
  | 'source'
  | 'region'
  | 'industry'
  | 'contact'
  | 'phone'
  | 'email'
  | 'address'
  | 'monthly_volume'
  | 'registered_on'
  | 'note'
  | 'last_contact';

export const CUSTOMER_FIELDS: readonly CustomerField[] = [
  {
    key: 'name',
    option: { flag: 'name', value: '<name>', help: 'name' },
    headers: ['客户名称', '名称', '开票名称', '客户', 'customer', 'customer name', 'company'],
  },
  {
    key: 'uscc',
    option: { flag: 'uscc', value: '<code>', help: 'uscc' },
    headers: ['统一社会信用代码', '信用代码', '社会信用代码', '纳税人识别号', '税号', 'credit code'],
  },
  { key: 'grade', option: { flag: 'grade', value: '<grade>', help: 'grade' }, headers: ['等级', '客户等级', '客户分级', '分级'] },
  {
    key: 'owner',
    option: { flag: 'owner', value: '<name>', help: 'owner' },
    headers: ['责任营销员', '营销员', '业务员', '销售员', '负责人', 'salesperson'],
  },
  { key: 'source', option: { flag: 'source', value: '<text>', help: 'source' }, headers: ['来源', '客户来源'] },
  { key: 'region', option: { flag: 'region', value: '<text>', help: 'region' }, headers: ['区域', '地区', '城市'] },
  { key: 'industry', option: { flag: 'industry', value: '<text>', help: 'industry' }, headers: ['行业', '所属行业'] },
  { key: 'contact', option: { flag: 'contact', value: '<name>', help: 'contact' }, headers: ['联系人'] },
  {
    key: 'phone',
    option: { flag: 'phone', value: '<number>', help: 'phone' },
    headers: ['电话', '联系电话', '手机', '手机号', 'mobile', 'tel'],
  },
  { key: 'email', option: { flag: 'email', value: '<address>', help: 'email' }, headers: ['邮箱', '电子邮箱', 'e-mail', 'mail'] },
  { key: 'address', option: { flag: 'address', value: '<text>', help: 'address' }, headers: ['地址', '联系地址'] },
  {
    key: 'monthly_volume',
    option: { flag: 'monthly-volume', value: '<yuan>', help: 'monthly_volume' },
    headers: ['月采购量', '月用量', '预计月采购量', 'monthly volume'],
  },
  {
    key: 'registered_on',
    option: { flag: 'registered', value: '<date>', help: 'registered' },
    headers: ['登记日期', '登记时间', 'registered', 'registered on'],
  },
  { key: 'note', option: { flag: 'note', value: '<text>', help: 'note' }, headers: ['备注', '说明'] },
  {
    key: 'last_contact',
    option: null,
    headers: ['最近联系日期', '最近联系', '上次联系日期', '最后联系日期', 'last contact', 'last contacted', 'last_contact_on'],
  },
];

/** The property commander gives an option (`--monthly-volume` → monthlyVolume). */
export const optionProperty = (option: string): string => option.replace(/-([a-z])/gu, (_, c: string) => c.toUpperCase());

/** What a problem with the field names: its option, or the import column for a field no option gives. */
export const fieldFlag = (field: CustomerField): string => (field.option === null ? field.key : `--${field.option.flag}`);
