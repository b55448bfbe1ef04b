// Company names for the tests of similar names (docs/rules.md, rule 17): deterministic, in the manner of
// bench/generate.mjs, and half of them another spelling of an earlier one, as a changed name brings it:
// divisions added or left out, another legal form, brackets, a branch, a word added, a character changed.
import { seededRandom } from './processes.js';

const PLACES = ['', '', '深圳市', '深圳', '广东省深圳市南山区', '广州市天河区', '广州', '东莞市', '上海市浦东新区', '北京', '义乌市'];
const WORDS = '腾达华信新源光明恒通宏远金鼎瑞丰盛世嘉禾天成永泰鸿运佳美联创博远汇丰安和顺德中邦海川银河星辰东方南山北辰'.match(/../gu)!;
const TRADES = ['电子', '科技', '贸易', '实业', '机械', '材料', '纺织', '化工', '包装', '塑胶', '五金', '照明', '医疗器械', '食品', '物流'];
const EXTRAS = ['', '', '', '发展', '制造', '国际', '设备', '第一', '第二', '001', '002'];
const FORMS = ['有限公司', '有限公司', '股份有限公司', '（集团）有限公司', '集团有限公司', '厂', '有限公司深圳分公司'];

/** `count` names; the same seed gives the same names. */
export function generatedNames(count: number, seed = 20261123): string[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const bases: string[] = [];
  return Array.from({ length: count }, () => {
    let base: string;
    if (bases.length > 0 && random() < 0.5) {
      base = pick(bases);
      const change = random();
      if (change < 0.2)
        base = base.replace(base[1]!, pick(WORDS)[0]!); // a character changed
      else if (change < 0.3) base += pick(EXTRAS); // a word added
    } else {
      base = pick(WORDS) + (random() < 0.5 ? pick(WORDS) : '') + pick(TRADES) + pick(EXTRAS);
      bases.push(base);
    }
    return pick(PLACES) + base + pick(FORMS);
  });
}
