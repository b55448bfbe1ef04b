// Similar company names (docs/rules.md, rule 17), as the clerk meets them: registering is refused (exit 4) until
// confirmed, `check` and `application verify` answer exit 6 when a similar customer had business in the window,
// and `import` refuses similar rows and reports unmatched invoice names that are similar to a customer. The tests of
// a block run one after the other: each starts several processes already.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBundleIfMissing, CLERK, runCli, runCustrack, TODAY, type InProcessResult } from '../helpers/cli.js';
import { engineOffice, type EngineOffice } from '../helpers/engine.js';

beforeAll(buildBundleIfMissing, 60_000);

type OnFinished = (cleanup: () => Promise<void> | void) => void;

const HUANAN = '广州市天河区华南贸易集团有限公司';
const HUANAN_SZ = '深圳华南贸易有限公司';
const HUADONG = '华东贸易有限公司';
const SHIYE = '深圳市腾达实业有限公司';
const FAZHAN = '深圳市腾达实业发展有限公司'; // dice 0.75 with 腾达实业: similar only at a lower threshold

const INVOICES = [
  '客户名称,统一社会信用代码,日期,金额,类型,单号',
  `${HUANAN},,2025-03-01,5000,销售,H1`,
  `${SHIYE},,2025-05-01,300,销售,S1`,
  `${FAZHAN},,2026-10-01,800,销售,F1`,
].join('\n');

interface Office extends EngineOffice {
  /** In-process, as the clerk types it. */
  run(...args: string[]): Promise<InProcessResult>;
  /** In-process; must succeed. */
  given(...args: string[]): Promise<InProcessResult>;
  json<T = Record<string, unknown>>(...args: string[]): Promise<T>;
}

async function office(onTestFinished: OnFinished): Promise<Office> {
  const scratch = await engineOffice(onTestFinished);
  const run = (...args: string[]) => runCustrack(args, { db: scratch.db });
  const given = async (...args: string[]) => {
    const result = await run(...args);
    expect(result.code, `custrack ${args.join(' ')}\n${result.stderr}`).toBe(0);
    return result;
  };
  const json = async <T>(...args: string[]): Promise<T> => JSON.parse((await given(...args, '--format', 'json')).stdout) as T;
  const imported = await runCustrack(['import', 'transactions', '-'], { db: scratch.db, input: INVOICES });
  expect(imported.code, imported.stderr).toBe(0);
  await given('customer', 'add', '--name', HUANAN, '--owner', '王芳');
  return { ...scratch, run, given, json };
}

interface Entry {
  user: string;
  action: string;
  entity: string;
  entity_id: string | null;
  field: string | null;
  new: string | null;
}

describe('registering a similar name', () => {
  it('customer add → exit 4 naming the customer and its owner, nothing written; --distinct registers it and writes who confirmed', async ({
    onTestFinished,
  }) => {
    const o = await office(onTestFinished);
    const before = await o.digest();
    const refused = await o.run('customer', 'add', '--name', HUANAN_SZ, '--owner', '张伟');
    expect(refused.code).toBe(4);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`'${HUANAN_SZ}' is similar to 1 registered customer(s)`);
    expect(refused.stderr).toContain(`#1  ${HUANAN}  (王芳)`);
    expect(refused.stderr).toContain('--distinct');
    expect(await o.digest()).toBe(before);

    const zh = await runCustrack(['--lang', 'zh', 'customer', 'add', '--name', HUANAN_SZ], { db: o.db });
    expect(zh.code).toBe(4);
    expect(zh.stderr).toContain('名称相似');

    const added = await o.json<{ id: number; check: { similar: unknown[] } }>(
      'customer',
      'add',
      '--name',
      HUANAN_SZ,
      '--owner',
      '张伟',
      '--distinct',
    );
    expect(added.id).toBe(2);
    expect(added.check.similar).toEqual([
      { customer_id: 1, name: HUANAN, owner: '王芳', last_business: '2025-03-01', confirmed_distinct: true },
    ]);
    const history = await o.json<Entry[]>('history', '2');
    expect(history.find((h) => h.action === 'distinct')).toMatchObject({
      user: CLERK,
      entity: 'customer',
      entity_id: '2',
      field: 'distinct_from',
      new: '[1]',
    });
    // Both customers list the confirmation.
    const confirmation = { via: 'register', application_id: null, confirmed_by: CLERK, confirmed_on: TODAY };
    expect((await o.json<{ distinct_from: unknown[] }>('customer', 'show', '2')).distinct_from).toEqual([
      { customer_id: 1, name: HUANAN, ...confirmation },
    ]);
    expect((await o.json<{ distinct_from: unknown[] }>('customer', 'show', '1')).distinct_from).toEqual([
      { customer_id: 2, name: HUANAN_SZ, ...confirmation },
    ]);
    const shown = await o.run('customer', 'show', '1', '--format', 'table');
    expect(shown.stdout).toContain('Confirmed different companies (1)');
    expect(shown.stdout).toContain(`${HUANAN_SZ}`);
  });

  it('a name that is not similar registers as before; the same name key is still a duplicate', async ({ onTestFinished }) => {
    const o = await office(onTestFinished);
    expect((await o.json<{ id: number }>('customer', 'add', '--name', HUADONG)).id).toBe(2);
    const duplicate = await o.run('customer', 'add', '--name', '广州市天河区 华南贸易集团有限公司', '--distinct');
    expect(duplicate.code).toBe(4);
    expect(duplicate.stderr).toContain('is already registered as customer #1');
  });

  it('customer edit: a new name or former name similar to another customer → exit 4, nothing changed; --distinct confirms', async ({
    onTestFinished,
  }) => {
    const o = await office(onTestFinished);
    await o.given('customer', 'add', '--name', HUADONG, '--owner', '张伟');
    const before = await o.digest();
    // One after the other: two writers in one process would wait for each other's lock.
    const renamed = await o.run('customer', 'edit', '2', '--name', HUANAN_SZ);
    const aliased = await o.run('customer', 'edit', '2', '--alias', '华南贸易有限公司');
    for (const refused of [renamed, aliased]) {
      expect(refused.code).toBe(4);
      expect(refused.stderr).toContain(`#1  ${HUANAN}  (王芳)`);
    }
    expect(await o.digest()).toBe(before);
    // Its own former name is no other customer's.
    await o.given('customer', 'edit', '2', '--alias', '华东贸易集团有限公司');
    const edited = await o.json<{ aliases: string[]; check: { similar: Array<{ customer_id: number; confirmed_distinct: boolean }> } }>(
      'customer',
      'edit',
      '2',
      '--alias',
      '华南贸易有限公司',
      '--distinct',
    );
    expect(edited.aliases).toEqual(['华东贸易集团有限公司', '华南贸易有限公司']);
    expect(edited.check.similar).toMatchObject([{ customer_id: 1, confirmed_distinct: true }]);
    expect((await o.json<{ distinct_from: Array<{ via: string }> }>('customer', 'show', '2')).distinct_from).toMatchObject([
      { via: 'edit' },
    ]);
  });
});

describe('check: exit 6 when a similar customer had business in the window', () => {
  it('a new name similar to a customer with business → exit 6, `similar` in the JSON, the customer and the date on stderr', async ({
    onTestFinished,
  }) => {
    const o = await office(onTestFinished);
    const result = await runCli(['check', HUANAN_SZ, '--format', 'json'], { db: o.db });
    expect(result.code).toBe(6);
    expect(JSON.parse(result.stdout)).toMatchObject({
      customer_id: null,
      new_customer: true,
      last_business: null,
      similar: [{ customer_id: 1, name: HUANAN, owner: '王芳', last_business: '2025-03-01', confirmed_distinct: false }],
    });
    expect(result.stderr).toContain(`similar customer #1 ${HUANAN} (owner: 王芳) had business on 2025-03-01, inside the window`);
    expect(result.stderr).not.toContain('check the spelling');

    const [table, zh, tsv] = await Promise.all([
      runCli(['check', HUANAN_SZ, '--format', 'table'], { db: o.db }),
      runCli(['--lang', 'zh', 'check', HUANAN_SZ], { db: o.db }),
      runCli(['check', HUANAN_SZ, '--format', 'tsv'], { db: o.db }),
    ]);
    expect([table.code, zh.code, tsv.code]).toEqual([6, 6, 6]);
    expect(table.stdout).toContain('Similar names (1)');
    expect(table.stdout).toContain('business inside the window');
    expect(zh.stderr).toContain('在 2025-03-01 有交易，处于认定区间内');
    expect(tsv.stdout.split('\n')[1]!.split('\t').at(-1)).toBe(`#1 ${HUANAN}`);
  });

  it('exit 0 when the similar business is outside the window, exit 1 when the name itself is not new', async ({ onTestFinished }) => {
    const o = await office(onTestFinished);
    const [later, own] = await Promise.all([
      runCli(['check', HUANAN_SZ, '--on', '2028-06-01', '--format', 'json'], { db: o.db }),
      runCli(['check', SHIYE, '--format', 'json'], { db: o.db }),
    ]);
    expect(later.code).toBe(0);
    expect(JSON.parse(later.stdout).similar).toMatchObject([{ customer_id: 1, last_business: '2025-03-01' }]);
    expect(later.stderr).toBe('');
    expect(own.code).toBe(1);
  });

  it('an unknown name with no similar customer keeps the spelling warning; one with similar customers does not', async ({
    onTestFinished,
  }) => {
    const o = await office(onTestFinished);
    const [unknown, similar] = await Promise.all([
      runCli(['check', HUADONG, '--format', 'json'], { db: o.db }),
      runCli(['check', '华南贸易股份有限公司', '--on', '2028-06-01', '--format', 'json'], { db: o.db }),
    ]);
    expect(unknown.code).toBe(0);
    expect(JSON.parse(unknown.stdout).similar).toEqual([]);
    expect(unknown.stderr).toContain('check the spelling');
    expect(similar.code).toBe(0);
    expect(similar.stderr).not.toContain('check the spelling');
  });
});

describe('application verify stops at a similar customer with business', () => {
  /** 腾达实业发展 (new, first sale 2026-10-01) becomes similar to 腾达实业 (business 2025-05-01) at threshold 0.75. */
  async function applicationOfFazhan(onTestFinished: OnFinished): Promise<Office> {
    const o = await office(onTestFinished);
    await o.given('customer', 'add', '--name', SHIYE, '--owner', '张伟');
    await o.given('customer', 'add', '--name', FAZHAN, '--owner', '李娜');
    await o.given('config', 'set', 'similar.threshold', '0.75');
    await o.given('apply', FAZHAN, '--filed', '2026-10-15');
    return o;
  }

  it('exit 6 and the application stays filed, nothing written; --distinct-from confirms and verifies', async ({ onTestFinished }) => {
    const o = await applicationOfFazhan(onTestFinished);
    // On its relationship start it is new by its own business, but 腾达实业 had business in the window.
    const check = await runCli(['check', FAZHAN, '--on', '2026-10-01', '--format', 'json'], { db: o.db });
    expect(check.code).toBe(6);

    const before = await o.digest();
    const stopped = await o.run('application', 'verify', '1', '--by', '周敏', '--format', 'json');
    expect(stopped.code).toBe(6);
    expect(JSON.parse(stopped.stdout)).toMatchObject({ id: 1, status: 'filed', verified_by: null });
    expect(stopped.stderr).toContain(`the similar customer #2 ${SHIYE} (owner: 张伟) had business on 2025-05-01`);
    expect(stopped.stderr).toContain('custrack application verify 1 --distinct-from 2');
    expect(await o.digest()).toBe(before);

    const verified = await o.run('application', 'verify', '1', '--by', '周敏', '--distinct-from', SHIYE, '--format', 'json');
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ status: 'verified', verified_by: '周敏' });
    const shown = await o.json<{ distinct_from: unknown[] }>('application', 'show', '1');
    expect(shown.distinct_from).toEqual([
      { customer_id: 2, name: SHIYE, via: 'verify', application_id: 1, confirmed_by: '周敏', confirmed_on: TODAY },
    ]);
    const history = await o.json<Entry[]>('history', FAZHAN);
    expect(history.find((h) => h.action === 'distinct')).toMatchObject({ user: CLERK, entity: 'application', entity_id: '1', new: '[2]' });
    expect((await o.json<{ distinct_from: unknown[] }>('customer', 'show', SHIYE)).distinct_from).toMatchObject([{ customer_id: 3 }]);
    // Confirmed: the check of the name passes now.
    expect((await runCli(['check', FAZHAN, '--on', '2026-10-01'], { db: o.db })).code).toBe(0);
  });

  it('--distinct-from a customer that is not similar → exit 2, nothing written', async ({ onTestFinished }) => {
    const o = await applicationOfFazhan(onTestFinished);
    const before = await o.digest();
    const result = await o.run('application', 'verify', '1', '--distinct-from', '1');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`customer #1 ${HUANAN} is not similar to ${FAZHAN}`);
    expect(await o.digest()).toBe(before);
  });
});

describe('import', () => {
  it('customers similar to a registered customer or an earlier row are bad rows; --allow-similar imports them and counts them in the history', async ({
    onTestFinished,
  }) => {
    const o = await office(onTestFinished);
    const file = ['客户名称,责任营销员', `${HUANAN_SZ},张伟`, `${HUADONG},李娜`, '华东贸易集团有限公司,李娜'].join('\n');
    const before = await o.digest();
    const refused = await runCustrack(['import', 'customers', '-'], { db: o.db, input: file });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `line 2: similar to registered #1 ${HUANAN} (王芳); if they are different companies, import with --allow-similar`,
    );
    expect(refused.stderr).toContain('line 4: similar to the name on line 3');
    expect(await o.digest()).toBe(before);

    const imported = await runCustrack(['import', 'customers', '-', '--allow-similar', '--format', 'json'], { db: o.db, input: file });
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ rows: 3, added: 3 });
    const history = await o.json<Entry[]>('history');
    expect(JSON.parse(history.find((h) => h.action === 'import' && h.entity === 'customers')!.new!)).toMatchObject({
      added: 3,
      similar: 2,
    });
    expect((await o.json<{ distinct_from: unknown[] }>('customer', 'show', '4')).distinct_from).toMatchObject([
      { customer_id: 3, name: HUADONG, via: 'import', confirmed_by: CLERK },
    ]);
  });

  it('transactions whose name matches no customer but is similar to one are reported, with the command that attaches them', async ({
    onTestFinished,
  }) => {
    const o = await office(onTestFinished);
    const names = [
      '深圳华南贸易有限公司',
      '华南贸易（广州）有限公司',
      ...Array.from({ length: 10 }, (_, i) => `华南贸易有限公司第${i + 1}0分公司`),
    ];
    const rows = names.flatMap((name, i) => [
      `${name},,2026-10-0${(i % 9) + 1},100,销售,U${i}A`,
      `${name},,2026-11-0${(i % 9) + 1},100,销售,U${i}B`,
    ]);
    const file = [
      '客户名称,统一社会信用代码,日期,金额,类型,单号',
      ...rows,
      `${names[0]},,2026-09-01,100,销售,U0C`,
      `${HUADONG},,2026-10-01,100,销售,D1`,
    ].join('\n');
    const result = await runCustrack(['import', 'transactions', '-'], { db: o.db, input: file });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('25 imported row(s) under 12 name(s) match no customer but are similar to one');
    // The names with the most rows first.
    expect(result.stderr).toContain(
      `\n  深圳华南贸易有限公司 (3 row(s)) ~ #1 ${HUANAN} (王芳): custrack customer edit 1 --alias "深圳华南贸易有限公司"\n`,
    );
    expect(result.stderr).toContain('… and 2 more name(s).');
    expect(result.stderr).not.toContain(HUADONG);
    // Attaching one as the former name it is: its rows then count for the customer.
    await o.given('customer', 'edit', '1', '--alias', '深圳华南贸易有限公司');
    expect((await runCli(['check', '1', '--format', 'json'], { db: o.db })).stdout).toContain('"last_business": "2026-11-01"');
  });
});

it('the help lists exit code 6', async () => {
  const result = await runCustrack(['--help']);
  expect(result.stdout).toContain('6 check and application verify: new by this name, but a similar customer had business in the window');
});
