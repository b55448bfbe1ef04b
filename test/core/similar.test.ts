import { describe, expect, it } from 'vitest';
import { nameCore } from '../../src/core/name-core.js';
import {
  candidateKeys,
  compareCores,
  dice,
  digitsOf,
  keyCountRange,
  minSharedKeys,
  nameBigrams,
  probeKeys,
  similarity,
} from '../../src/core/similar.js';

describe('similarity: docs/rules.md, rule 17', () => {
  const SPEC_NAMES = ['广州市天河区华南贸易集团有限公司', '广州华南贸易集团有限公司', '华南贸易集团有限公司', '广州市华南贸易集团有限公司'];
  const pairsOf = (names: string[]) => names.flatMap((a, i) => names.slice(i + 1).map((b) => [a, b] as const));

  it.each(pairsOf(SPEC_NAMES))('%s ~ %s', (a, b) => {
    expect(similarity(a, b)).toEqual({ similar: true, reason: 'same-core', score: 1 });
  });

  it('华南贸易有限公司 and 华东贸易有限公司 are not similar', () => {
    expect(similarity('华南贸易有限公司', '华东贸易有限公司')).toEqual({ similar: false, reason: 'dice', score: 1 / 3 });
  });
});

describe('similarity: the same company written differently', () => {
  it.each([
    ['brackets and 市 left out', '深圳市腾达（集团）有限公司', '深圳腾达有限公司'],
    ['district left out', '深圳市南山区腾达电子有限公司', '深圳市腾达电子有限公司'],
    ['province left out', '广东省深圳市腾达电子有限公司', '深圳市腾达电子有限公司'],
    ['all divisions left out', '广东省深圳市南山区腾达电子有限公司', '腾达电子有限公司'],
    ['a district by its short form', '广州天河华南贸易有限公司', '广州市天河区华南贸易有限公司'],
    ['集团 left out', '深圳市腾达电子集团有限公司', '深圳市腾达电子有限公司'],
    ['股份 left out', '深圳市腾达电子科技股份有限公司', '深圳腾达电子科技有限公司'],
    ['有限责任公司 for 有限公司', '深圳市腾达电子有限公司', '深圳市腾达电子有限责任公司'],
    ['spaces', 'ABC科技有限公司', 'ABC 科技 有限公司'],
    ['full-width Latin letters', 'ＡＢＣ科技有限公司', 'abc科技有限公司'],
    ['the place in brackets', '华南贸易（深圳）有限公司', '深圳华南贸易有限公司'],
    ['a factory that became a company', '东莞市恒丰五金制品厂', '东莞恒丰五金制品有限公司'],
    ['an autonomous region', '广西壮族自治区南宁市华南贸易有限公司', '南宁华南贸易有限公司'],
    ['an autonomous prefecture as commonly written', '延边州华南贸易有限公司', '延边朝鲜族自治州华南贸易有限公司'],
    ['a county-level city without 市', '浙江省义乌市华南小商品贸易有限公司', '义乌华南小商品贸易有限公司'],
    ['province and city without suffixes', '江苏苏州瑞丰纺织有限公司', '苏州市瑞丰纺织有限公司'],
    ['a municipality and its district', '北京市朝阳区华信科技有限公司', '北京华信科技有限公司'],
    ['a new district', '上海浦东新区金鼎机械设备有限公司', '上海市金鼎机械设备有限公司'],
    ['a branch and its company', '华南贸易有限公司深圳分公司', '华南贸易有限公司'],
    ['two branches of one company', '华南贸易有限公司深圳分公司', '华南贸易有限公司广州分公司'],
    ['a bank branch', '招商银行股份有限公司深圳分行', '招商银行股份有限公司'],
    ['a division only, with and without 市', '北京市有限公司', '北京有限公司'],
    ['a 2-character core with and without its city', '深圳腾达有限公司', '腾达有限公司'],
    ['dice: a word added', '深圳市腾达电子设备有限公司', '深圳市腾达电子设备制造有限公司'],
    ['dice: 发展 added to a longer name', '广州华南国际贸易有限公司', '广州华南国际贸易发展有限公司'],
  ])('%s: %s ~ %s', (_, a, b) => {
    expect(similarity(a, b).similar).toBe(true);
  });
});

describe('similarity: different companies stay apart', () => {
  it.each([
    ['华南/华东', '华南贸易有限公司', '华东贸易有限公司'],
    ['腾达/腾飞', '深圳市腾达电子有限公司', '深圳市腾飞电子有限公司'],
    ['新源/新元', '东莞市新源塑胶制品有限公司', '东莞市新元塑胶制品有限公司'],
    ['恒丰/恒峰', '东莞市恒丰五金制品有限公司', '东莞市恒峰五金制品有限公司'],
    ['长城/长江', '长城汽车股份有限公司', '长江汽车有限公司'],
    ['长安 is no division at the start', '长安汽车股份有限公司', '长城汽车股份有限公司'],
    ['东方 is no division at the start', '东方电气股份有限公司', '南方电气有限公司'],
    ['中山大学/中南大学', '中山大学', '中南大学'],
    ['华南理工/华南师范', '华南理工大学', '华南师范大学'],
    ['宏远/宏达', '广州市宏远物流有限公司', '广州市宏达物流有限公司'],
    ['金鼎/金顶', '上海金鼎机械设备有限公司', '上海金顶机械设备有限公司'],
    ['瑞丰/瑞峰', '苏州瑞丰纺织有限公司', '苏州瑞峰纺织有限公司'],
    ['盛世/盛达', '杭州盛世包装材料有限公司', '杭州盛达包装材料有限公司'],
    ['嘉禾/嘉和', '宁波嘉禾食品有限公司', '宁波嘉和食品有限公司'],
    ['华信/中信', '北京华信科技有限公司', '北京中信科技有限公司'],
    ['永泰/永安', '天津永泰化工有限公司', '天津永安化工有限公司'],
    ['联创/联合', '成都联创医疗器械有限公司', '成都联合医疗器械有限公司'],
    ['电子/光电', '深圳市腾达电子科技有限公司', '深圳市腾达光电科技有限公司'],
    ['新星/新兴, same district', '深圳市南山区新星电子有限公司', '深圳市南山区新兴电子有限公司'],
    ['美的/美达', '佛山市顺德区美的电器有限公司', '佛山市顺德区美达电器有限公司'],
    ['星辰/辰星', '厦门银河星辰贸易有限公司', '厦门银河辰星贸易有限公司'],
    ['长安汽车/长安福特', '重庆长安汽车股份有限公司', '长安福特汽车有限公司'],
    // Numbered names
    ['第一/第二', '深圳市第一建筑工程有限公司', '深圳市第二建筑工程有限公司'],
    ['001/002', '华南001贸易有限公司', '华南002贸易有限公司'],
    ['第三/第十三', '广东第三建筑工程有限公司', '广东第十三建筑工程有限公司'],
    ['第一/第二 in a long name (dice 0.82)', '深圳市第一建筑工程机械设备安装有限公司', '深圳市第二建筑工程机械设备安装有限公司'],
    ['001/002 in a long name (dice 0.93)', '华南国际物流仓储配送服务001有限公司', '华南国际物流仓储配送服务002有限公司'],
  ])('%s: %s ≁ %s', (_, a, b) => {
    expect(similarity(a, b).similar).toBe(false);
  });

  it('the digits rule decides where dice alone would not', () => {
    const result = similarity('深圳市第一建筑工程机械设备安装有限公司', '深圳市第二建筑工程机械设备安装有限公司');
    expect(result.score).toBeGreaterThanOrEqual(0.8);
    expect(result.similar).toBe(false);
  });
});

describe('similarity: by design and borderline', () => {
  // The core drops the division, so names that differ only there are one name for this rule: a company that
  // moved (广州 → 深圳) must not become new. It also joins places that are the trade name (北京银行/上海银行):
  // a person decides, and `--distinct` records it.
  it.each([
    ['a company that moved', '广州市华南贸易有限公司', '深圳市华南贸易有限公司'],
    ['a place used as the trade name', '北京银行股份有限公司', '上海银行股份有限公司'],
  ])('similar by design, %s: %s ~ %s', (_, a, b) => {
    expect(similarity(a, b).similar).toBe(true);
  });

  // Same companies that the rule misses at 0.8; see the notes of src/core/name-core.ts.
  it.each([
    ['a county-level city short, a 2-character core', '义乌腾达有限公司', '义乌市腾达有限公司', 0.5],
    ['a town (镇) is no division in the data', '东莞市长安镇恒丰五金制品有限公司', '东莞恒丰五金制品有限公司', 0.77],
    ['中国 is no division', '中国华南贸易有限公司', '华南贸易有限公司', 0.75],
    ['发展 added to a short core', '深圳市腾达实业发展有限公司', '深圳市腾达实业有限公司', 0.75],
    ['第一 and 第1', '深圳市第一建筑工程有限公司', '深圳市第1建筑工程有限公司', 0.6],
  ])('borderline, %s: %s ≁ %s', (_, a, b, score) => {
    const result = similarity(a, b);
    expect(result.similar).toBe(false);
    expect(result.score).toBeCloseTo(score, 2);
  });
});

describe('the threshold', () => {
  it('is a parameter', () => {
    const [a, b] = ['深圳市腾达实业发展有限公司', '深圳市腾达实业有限公司'];
    expect(similarity(a, b, { threshold: 0.75 }).similar).toBe(true);
    expect(similarity(a, b, { threshold: 0.8 }).similar).toBe(false);
  });

  it.each([0, -0.1, 1.1, Number.NaN])('rejects %s', (threshold) => {
    expect(() => compareCores('华南', '华东', { threshold })).toThrow(RangeError);
  });
});

describe('nameBigrams, dice, digitsOf', () => {
  it.each([
    ['华南贸易', ['华南', '南贸', '贸易']],
    ['腾达', ['腾达']],
    ['腾', ['腾']],
    ['', []],
    ['abab', ['ab', 'ba']],
    ['𠀀𠀁x', ['𠀀𠀁', '𠀁x']],
  ])('nameBigrams(%j)', (core, bigrams) => {
    expect([...nameBigrams(core)]).toEqual(bigrams);
  });

  it.each([
    ['华南贸易', '华南贸易', 1],
    ['华南贸易', '华东贸易', 1 / 3],
    ['华南贸易', '华南贸易行', 6 / 7],
    ['腾', '腾达', 0],
    ['', '', 0],
  ])('dice(%s, %s) = %s', (a, b, score) => {
    expect(dice(nameBigrams(a), nameBigrams(b))).toBeCloseTo(score, 10);
  });

  it.each([
    ['华南001贸易', '001'],
    ['第一建筑', '1'],
    ['第1建筑', '1'],
    ['第十二', '12'],
    ['第二十', '20'],
    ['第十', '10'],
    ['一〇一', '101'],
    ['华南3号7栋', '3,7'],
    ['华南贸易', ''],
  ])('digitsOf(%s) = %j', (text, digits) => {
    expect(digitsOf(text)).toBe(digits);
  });
});

describe('candidate keys for an index', () => {
  it.each([
    ['华南贸易', ['华南', '南贸', '贸易']],
    ['腾', ['腾']],
  ])('candidateKeys(%s)', (core, keys) => {
    expect(candidateKeys(core)).toEqual([...keys].sort());
  });

  it.each([
    [1, 1, [1, 1]],
    [3, 2, [2, 4]],
    [5, 4, [4, 7]],
    [10, 7, [7, 15]],
  ])('at 0.8, a query of %i keys shares at least %i with a similar core, which has %j keys', (n, shared, range) => {
    expect(minSharedKeys(n)).toBe(shared);
    expect(keyCountRange(n)).toEqual(range);
  });

  it.each([0.5, 0.7, 0.75, 0.8, 0.85, 0.9, 1])('the bounds hold for every pair of key-set sizes at threshold %s', (threshold) => {
    for (let a = 1; a <= 40; a++) {
      for (let b = 1; b <= 60; b++) {
        for (let shared = 0; shared <= Math.min(a, b); shared++) {
          if ((2 * shared) / (a + b) < threshold) continue;
          expect(shared, `${a} ${b} ${shared}`).toBeGreaterThanOrEqual(minSharedKeys(a, { threshold }));
          const [min, max] = keyCountRange(a, { threshold });
          expect(b, `${a} ${b} ${shared}`).toBeGreaterThanOrEqual(min);
          expect(b, `${a} ${b} ${shared}`).toBeLessThanOrEqual(max);
        }
      }
    }
  });

  it('the bounds are tight: a core with exactly the minimum is similar', () => {
    // 华南贸易物流 (5 keys) and 华南贸易物流园 (6 keys): 5 shared, dice 10/11.
    expect(minSharedKeys(5)).toBeLessThanOrEqual(5);
    expect(compareCores('华南贸易物流', '华南贸易物流园').similar).toBe(true);
  });

  it('probes the rarest keys, enough to meet every similar core', () => {
    const holders = new Map([
      ['贸易', 5000],
      ['华南', 40],
      ['南贸', 3],
    ]);
    expect(probeKeys(['华南', '南贸', '贸易'], (k) => holders.get(k) ?? 0)).toEqual(['南贸', '华南']);
    expect(probeKeys(['腾达'])).toEqual(['腾达']);
    expect(probeKeys([])).toEqual([]);
  });

  // Every similar pair among realistic names (the bench generator's words, with divisions, legal forms and
  // misspellings mixed in) shares enough keys, has a key count in range, and holds one of the probed keys.
  it('finds every similar pair among generated names', () => {
    const names = generatedNames(700);
    const cores = names.map(nameCore);
    const keys = cores.map(candidateKeys);
    let similarPairs = 0;
    for (let i = 0; i < cores.length; i++) {
      const probed = new Set(probeKeys(keys[i]!));
      for (let j = 0; j < cores.length; j++) {
        if (i === j || !compareCores(cores[i]!, cores[j]!).similar) continue;
        similarPairs++;
        const other = new Set(keys[j]);
        const shared = keys[i]!.filter((k) => other.has(k)).length;
        const [min, max] = keyCountRange(keys[i]!.length);
        expect(shared, `${names[i]} ~ ${names[j]}`).toBeGreaterThanOrEqual(minSharedKeys(keys[i]!.length));
        expect(keys[j]!.length).toBeGreaterThanOrEqual(min);
        expect(keys[j]!.length).toBeLessThanOrEqual(max);
        expect(
          [...probed].some((k) => other.has(k)),
          `${names[i]} ~ ${names[j]}`,
        ).toBe(true);
      }
    }
    expect(similarPairs).toBeGreaterThan(100);
  });
});

/** Deterministic names in the manner of bench/generate.mjs, with variants of the same company. */
function generatedNames(count: number): string[] {
  let seed = 20261123;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const places = ['', '深圳市', '深圳', '广东省深圳市南山区', '广州市天河区', '广州', '东莞市', '上海市浦东新区', '北京', '义乌市'];
  const words = '腾达华信新源光明恒通宏远金鼎瑞丰盛世嘉禾天成永泰鸿运佳美联创博远汇丰安和顺德中邦海川银河星辰东方南山北辰'.match(/../gu)!;
  const trades = [
    '电子',
    '科技',
    '贸易',
    '实业',
    '机械',
    '材料',
    '纺织',
    '化工',
    '包装',
    '塑胶',
    '五金',
    '照明',
    '医疗器械',
    '食品',
    '物流',
  ];
  const extras = ['', '', '', '发展', '制造', '国际', '设备', '第一', '001'];
  const forms = ['有限公司', '股份有限公司', '（集团）有限公司', '集团有限公司', '厂', '有限公司深圳分公司'];
  return Array.from({ length: count }, () => pick(places) + pick(words) + pick(trades) + pick(extras) + pick(forms));
}
