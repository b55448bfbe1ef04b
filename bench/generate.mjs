// Deterministic sample data for the benchmark: 100k customers, 1M visits weighted by grade, 1M transactions
// (5% samples) over three years, Chinese names, in the import formats of README, "Importing data".
// Usage: node bench/generate.mjs [dir] [customers] [visits] [transactions]
import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'bench/data';
const CUSTOMERS = Number(process.argv[3] ?? 100_000);
const VISITS = Number(process.argv[4] ?? 1_000_000);
const TRANSACTIONS = Number(process.argv[5] ?? 1_000_000);

// mulberry32: small, fast, and the same sequence on every machine.
let seed = 20261123;
function random() {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const CITIES = [
  '深圳市',
  '广州市',
  '东莞市',
  '佛山市',
  '上海市',
  '苏州市',
  '杭州市',
  '宁波市',
  '北京市',
  '天津市',
  '南京市',
  '武汉市',
  '成都市',
  '重庆市',
  '厦门市',
  '青岛市',
];
const WORDS = '腾达华信新源光明恒通宏远金鼎瑞丰盛世嘉禾天成永泰鸿运佳美联创博远汇丰安和顺德中邦海川银河星辰东方南山北辰'.match(/../gu);
const TRADES = ['电子', '科技', '贸易', '实业', '机械', '材料', '纺织', '化工', '包装', '塑胶', '五金', '照明', '医疗器械', '食品', '物流'];
const SUFFIXES = ['有限公司', '有限公司', '有限公司', '股份有限公司', '（集团）有限公司'];
const OWNERS = [
  '张伟',
  '王芳',
  '李娜',
  '刘洋',
  '陈静',
  '杨磊',
  '赵敏',
  '黄勇',
  '周杰',
  '吴霞',
  '徐涛',
  '孙丽',
  '马超',
  '朱琳',
  '胡军',
  '郭鹏',
  '何平',
  '高峰',
  '林涛',
  '罗兰',
];
const METHODS = ['in-person', 'phone', 'phone', 'email', 'message', 'in-person', 'fax', 'mail'];
const START = Date.UTC(2023, 10, 23);
const DAYS = 3 * 365;
const day = (offset) => new Date(START + offset * 86400000).toISOString().slice(0, 10);

class Lines {
  constructor(path) {
    this.stream = createWriteStream(path);
    this.parts = [];
  }
  async add(line) {
    this.parts.push(line);
    if (this.parts.length >= 5000) await this.flush();
  }
  async flush() {
    if (!this.stream.write(`${this.parts.join('\n')}\n`)) await once(this.stream, 'drain');
    this.parts = [];
  }
  async close() {
    if (this.parts.length) await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

mkdirSync(dir, { recursive: true });
const names = [];
const grades = [];
const customers = new Lines(join(dir, 'customers.csv'));
await customers.add('name,grade,owner,region,industry,phone,registered_on');
const seen = new Set();
for (let i = 0; i < CUSTOMERS; i++) {
  let name = `${pick(CITIES)}${pick(WORDS)}${pick(WORDS)}${pick(TRADES)}${pick(SUFFIXES)}`;
  // Names repeat among 100k draws; a branch number keeps each one a different customer.
  if (seen.has(name)) name = name.replace(/(（集团）|股份)?有限公司$/u, `${i}号$&`);
  seen.add(name);
  const r = random();
  const grade = r < 0.15 ? 'A' : r < 0.5 ? 'B' : 'C';
  names.push(name);
  grades.push(grade);
  const phone = `1${3 + Math.floor(random() * 7)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
  await customers.add(
    `${name},${grade},${OWNERS[i % OWNERS.length]},${name.slice(0, 3)},${pick(TRADES)},${phone},${day(Math.floor(random() * DAYS))}`,
  );
}
await customers.close();

// Visits weighted by grade: an A customer is visited about 6 times as often as a C customer.
const weights = grades.map((g) => (g === 'A' ? 6 : g === 'B' ? 3 : 1));
const cumulative = [];
let total = 0;
for (const w of weights) cumulative.push((total += w));
function weightedCustomer() {
  const target = random() * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
const visits = new Lines(join(dir, 'visits.csv'));
await visits.add('customer,date,method,by,purpose,topic,summary,intent,next,minutes,minutes_on');
for (let i = 0; i < VISITS; i++) {
  const c = weightedCustomer();
  const offset = Math.floor(random() * DAYS);
  const next = random() < 0.3 ? day(offset + 7 + Math.floor(random() * 30)) : '';
  const method = pick(METHODS);
  // Most in-person visits got their minutes a day or two later; the last weeks' often not yet.
  const minutes = method === 'in-person' && (offset < DAYS - 30 ? random() < 0.97 : random() < 0.5);
  const written = minutes ? `双方确认报价,${day(offset + 1 + Math.floor(random() * 2))}` : ',';
  await visits.add(
    `${names[c]},${day(offset)},${method},${OWNERS[c % OWNERS.length]},回访,报价,沟通顺利,${pick(['high', 'medium', 'low'])},${next},${written}`,
  );
}
await visits.close();

const transactions = new Lines(join(dir, 'transactions.csv'));
await transactions.add('customer,date,amount,kind,ref');
for (let i = 0; i < TRANSACTIONS; i++) {
  const c = weightedCustomer();
  const r = random();
  const kind = r < 0.05 ? 'sample' : r < 0.08 ? 'return' : 'sale';
  const amount = (Math.floor(random() * 5_000_000) / 100).toFixed(2);
  await transactions.add(
    `${names[c]},${day(Math.floor(random() * DAYS))},${kind === 'return' ? `-${amount}` : amount},${kind},INV${String(i).padStart(8, '0')}`,
  );
}
await transactions.close();
console.error(`wrote ${CUSTOMERS} customers, ${VISITS} visits, ${TRANSACTIONS} transactions to ${dir}`);
