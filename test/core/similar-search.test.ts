import { describe, expect, it } from 'vitest';
import { nameCore } from '../../src/core/name-core.js';
import { compareCores } from '../../src/core/similar.js';
import { confirmedPairs, prepareCore, SimilarCoreIndex, similarBusiness, similarCores } from '../../src/core/similar-search.js';
import { generatedNames } from '../helpers/names.js';

describe('similarCores: the verdict of compareCores, for prepared cores', () => {
  it.each([
    ['华南贸易', '华南贸易', true],
    ['华南贸易', '华东贸易', false],
    ['华南贸易物流', '华南贸易物流园', true],
    ['腾', '腾', true],
    ['腾', '腾达', false],
    ['第一建筑工程机械设备安装', '第二建筑工程机械设备安装', false],
    ['华南国际物流仓储配送服务001', '华南国际物流仓储配送服务002', false],
    ['华南国际物流仓储配送服务001', '华南国际物流仓储配送服务001号', true],
  ])('%s ~ %s: %s', (a, b, similar) => {
    expect(similarCores(prepareCore(a), prepareCore(b))).toBe(similar);
    expect(compareCores(a, b).similar).toBe(similar);
  });

  it('agrees with compareCores on every pair of generated names, at several thresholds', () => {
    const cores = [...new Set(generatedNames(300).map(nameCore))];
    const prepared = cores.map(prepareCore);
    const disagreements: string[] = [];
    let similarPairs = 0;
    for (const threshold of [0.6, 0.8, 0.9]) {
      for (let i = 0; i < cores.length; i++) {
        for (let j = 0; j < cores.length; j++) {
          const expected = compareCores(cores[i]!, cores[j]!, { threshold }).similar;
          if (expected && i !== j) similarPairs++;
          if (similarCores(prepared[i]!, prepared[j]!, { threshold }) !== expected)
            disagreements.push(`${cores[i]} ~ ${cores[j]} at ${threshold}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(similarPairs).toBeGreaterThan(100);
  });

  it.each([0, 1.5, Number.NaN])('rejects the threshold %s', (threshold) => {
    expect(() => similarCores(prepareCore('华南'), prepareCore('华东'), { threshold })).toThrow(RangeError);
    expect(() => new SimilarCoreIndex({ threshold })).toThrow(RangeError);
  });
});

describe('SimilarCoreIndex: the cores a scan with compareCores finds, without the scan', () => {
  /** Every held core similar to `core`, by comparing it with each one. */
  const scan = (held: Map<string, number[]>, core: string, threshold: number): string[] =>
    [...held.keys()].filter((c) => compareCores(core, c, { threshold }).similar).sort();

  it.each([0.7, 0.8, 0.9])('asked before, between and after the adds (threshold %s)', (threshold) => {
    const names = generatedNames(600);
    const index = new SimilarCoreIndex<number>({ threshold });
    const held = new Map<string, number[]>();
    const answers: Array<[string, unknown[]]> = [];
    const expected: Array<[string, unknown[]]> = [];
    names.forEach((name, i) => {
      const core = nameCore(name);
      // Asked before it is added (as an import asks of each row), then added.
      const found = index.similar(core);
      answers.push([name, found.map((e) => [e.core, [...e.holders]]).sort()]);
      expected.push([name, scan(held, core, threshold).map((c) => [c, held.get(c)])]);
      index.add(core, i);
      held.set(core, [...(held.get(core) ?? []), i]);
    });
    expect(answers).toEqual(expected);
    expect(answers.filter(([, found]) => found.length > 0).length).toBeGreaterThan(50);
    // Asked again at the end: lists made early learned of every core added later.
    for (const core of new Set(names.map(nameCore))) {
      expect(
        index
          .similar(core)
          .map((e) => e.core)
          .sort(),
      ).toEqual(scan(held, core, threshold));
    }
    expect(index.size).toBe(held.size);
  });

  it('an index filled before anything is asked (the registered customers) answers the same', () => {
    const names = generatedNames(400);
    const index = new SimilarCoreIndex<string>();
    const held = new Map<string, number[]>();
    for (const name of names) {
      index.add(nameCore(name), name);
      held.set(nameCore(name), [0]);
    }
    for (const probe of generatedNames(50, 99)) {
      const core = nameCore(probe);
      expect(
        index
          .similar(core)
          .map((e) => e.core)
          .sort(),
        probe,
      ).toEqual(scan(held, core, 0.8));
    }
  });

  it('keeps the holders of a core together, and numbered names apart', () => {
    const index = new SimilarCoreIndex<number>();
    index.add(nameCore('广州市天河区华南贸易集团有限公司'), 1);
    index.add(nameCore('深圳华南贸易有限公司'), 2);
    index.add(nameCore('华南国际物流仓储配送服务001有限公司'), 3);
    expect(index.similar(nameCore('华南贸易有限公司')).map((e) => ({ core: e.core, holders: e.holders }))).toEqual([
      { core: '华南贸易', holders: [1, 2] },
    ]);
    expect(index.holders('华南贸易')).toEqual([1, 2]);
    expect(index.similar(nameCore('华南国际物流仓储配送服务002有限公司'))).toEqual([]);
    expect(index.holders('华东贸易')).toBeUndefined();
  });
});

describe('similarBusiness: when a person must decide (exit 6)', () => {
  const customer = (lastBusiness: string | null, confirmedDistinct = false) => ({ lastBusiness, confirmedDistinct });
  const window = { newCustomer: true, windowStart: '2023-11-20' };

  it.each([
    ['business inside the window', [customer('2025-03-01')], window, 1],
    ['business on the window start counts', [customer('2023-11-20')], window, 1],
    ['business a day before the window start does not', [customer('2023-11-19')], window, 0],
    ['no business at all', [customer(null)], window, 0],
    ['confirmed a different company', [customer('2025-03-01', true)], window, 0],
    ['not new by its own business: rule 2 decides alone', [customer('2025-03-01')], { ...window, newCustomer: false }, 0],
  ])('%s', (_, similar, eligibility, count) => {
    expect(similarBusiness(similar, eligibility)).toHaveLength(count);
  });

  it('lists the latest business first', () => {
    const found = similarBusiness([customer('2024-01-01'), customer('2026-10-12'), customer('2025-05-05')], window);
    expect(found.map((c) => c.lastBusiness)).toEqual(['2026-10-12', '2025-05-05', '2024-01-01']);
  });
});

describe('confirmedPairs: a confirmation holds in both directions', () => {
  const confirmations = [
    { customer_id: 5, other_ids: [1, 2] },
    { customer_id: 7, other_ids: [5] },
    { customer_id: 9, other_ids: [3] },
  ];

  it.each([
    [5, [1, 2, 7]],
    [1, [5]],
    [7, [5]],
    [3, [9]],
    [4, []],
  ])('customer %i is confirmed different from %j', (id, others) => {
    expect(confirmedPairs(confirmations, id).map((p) => p.other)).toEqual(others);
  });
});
