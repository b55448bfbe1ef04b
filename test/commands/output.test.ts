// The output layer (docs/rules.md, "Output"): tables for people, csv/tsv for spreadsheets and cron mail, json for programs.
import { parse } from 'csv-parse/sync';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { Output, type Format, type ListSpec } from '../../src/cli/output.js';
import { yuan } from '../../src/cli/json.js';
import { translator } from '../../src/i18n/index.js';
import { en } from '../../src/i18n/en/index.js';
import { zh } from '../../src/i18n/zh/index.js';
import { CapturedStream, fakeStdin, runCustrack } from '../helpers/cli.js';
import { useEngineOffices } from '../helpers/engine.js';

interface Lead {
  id: number;
  name: string;
  owner: string | null;
  phone: string | null;
  volume: number | null;
  note: string | null;
}

const leadSpec: ListSpec<Lead> = {
  columns: [
    { header: 'col.id', type: 'int', value: (r) => r.id },
    { header: 'col.name', value: (r) => r.name },
    { header: 'col.owner', value: (r) => r.owner },
    { header: 'col.phone', value: (r) => r.phone },
    { header: 'col.monthly_volume', type: 'money', value: (r) => r.volume },
    { header: 'col.note', value: (r) => r.note },
  ],
  json: (r) => ({ id: r.id, name: r.name, owner: r.owner, phone: r.phone, monthly_volume: yuan(r.volume), note: r.note }),
  count: 'summary.customers',
  empty: 'empty.customers',
};

const lead = (more: Partial<Lead> = {}): Lead => ({ id: 1, name: '腾达', owner: '张伟', phone: null, volume: null, note: null, ...more });

interface Printed {
  stdout: string;
  stderr: string;
}

/** Prints a list the way a command would, on fake streams. */
async function printList(
  rows: Lead[],
  options: { format: Format; excel?: boolean; bom?: boolean; header?: boolean; tty?: boolean; lang?: 'en' | 'zh' },
): Promise<Printed> {
  const stdout = new CapturedStream(options.tty === true);
  const stderr = new CapturedStream(options.tty === true);
  const output = new Output({
    format: options.format,
    excel: options.excel === true,
    bom: options.bom === true,
    header: options.header !== false,
    color: false,
    stderrColor: false,
    streams: { stdin: fakeStdin(), stdout, stderr },
    t: translator(options.lang === 'zh' ? zh : en),
  });
  await output.list(leadSpec, rows);
  return { stdout: stdout.text, stderr: stderr.text };
}

const parseCsv = (text: string): string[][] => parse(text, { bom: true, relax_column_count: false }) as string[][];
const tsvRows = (text: string): string[][] =>
  text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t'));

describe('the default format', () => {
  const scratch = useEngineOffices();

  it('is tsv when stdout is not a terminal, and a table when it is', async () => {
    const office = await scratch();
    expect((await runCustrack(['customer', 'add', '--name', '深圳市腾达(集团)有限公司', '--owner', '张伟'], { db: office.db })).code).toBe(
      0,
    );

    const piped = await runCustrack(['customer', 'list'], { db: office.db });
    expect(piped.code).toBe(0);
    const lines = piped.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.split('\t').slice(0, 3)).toEqual(['ID', 'Name', 'Grade']);
    expect(lines[1]!.split('\t').slice(0, 4)).toEqual(['1', '深圳市腾达(集团)有限公司', 'C', '张伟']);
    expect(piped.stderr).toBe('');

    const terminal = await runCustrack(['customer', 'list', '--no-color'], { db: office.db, tty: true });
    expect(terminal.code).toBe(0);
    expect(terminal.stdout).not.toContain('\t');
    expect(terminal.stdout.split('\n')[0]).toMatch(/^ID\s+Name\s+Grade\s+Owner/u);
    expect(terminal.stdout).toContain('深圳市腾达(集团)有限公司');
    expect(terminal.stderr).toContain('1 customer(s)');
  });

  it('--excel without --format is csv', async () => {
    const office = await scratch();
    await runCustrack(['customer', 'add', '--name', '腾达', '--phone', '13800138000'], { db: office.db });
    const excel = await runCustrack(['customer', 'list', '--excel'], { db: office.db, tty: true });
    expect(excel.code).toBe(0);
    expect(excel.stdout.startsWith('\ufeffID,Name,')).toBe(true);
    expect(excel.stdout).toContain('\r\n');
  });

  it('--excel with a format other than csv is a usage error', async () => {
    const office = await scratch();
    await runCustrack(['init'], { db: office.db });
    const result = await runCustrack(['customer', 'list', '--excel', '--format', 'json'], { db: office.db });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });
});

describe('an empty list', () => {
  it.each(['csv', 'tsv', 'ndjson'] as const)('prints nothing at all in %s, so a cron mail stays silent', async (format) => {
    const printed = await printList([], { format });
    expect(printed.stdout).toBe('');
    expect(printed.stderr).toBe('');
  });

  it('prints nothing even with --bom or --excel', async () => {
    expect((await printList([], { format: 'csv', excel: true })).stdout).toBe('');
    expect((await printList([], { format: 'tsv', bom: true })).stdout).toBe('');
  });

  it("is '[]' in json", async () => {
    expect((await printList([], { format: 'json' })).stdout).toBe('[]\n');
  });

  it('says so on stderr in a table, and prints nothing on stdout', async () => {
    const printed = await printList([], { format: 'table', tty: true });
    expect(printed.stdout).toBe('');
    expect(printed.stderr).toBe('No customers match.\n');
  });
});

describe('csv', () => {
  it('has a header row and RFC 4180 quoting, LF line ends and no BOM by default', async () => {
    const printed = await printList([lead({ name: '腾达 "新" 公司, 深圳', note: 'line one\nline two' })], { format: 'csv' });
    expect(printed.stdout.startsWith('\ufeff')).toBe(false);
    expect(printed.stdout).not.toContain('\r');
    expect(parseCsv(printed.stdout)).toEqual([
      ['ID', 'Name', 'Owner', 'Phone', 'Monthly volume', 'Note'],
      ['1', '腾达 "新" 公司, 深圳', '张伟', '', '', 'line one\nline two'],
    ]);
    expect(printed.stdout).toContain('"腾达 ""新"" 公司, 深圳"');
  });

  it('--bom puts a UTF-8 BOM first', async () => {
    const printed = await printList([lead()], { format: 'csv', bom: true });
    expect(printed.stdout.startsWith('\ufeffID,')).toBe(true);
  });

  it('writes money as 1234.50, without thousands separators', async () => {
    const printed = await printList([lead({ volume: 123450 }), lead({ id: 2, volume: 123456789 }), lead({ id: 3, volume: 5 })], {
      format: 'csv',
    });
    expect(
      parseCsv(printed.stdout)
        .slice(1)
        .map((r) => r[4]),
    ).toEqual(['1234.50', '1234567.89', '0.05']);
  });

  it('--no-header drops the header row', async () => {
    const printed = await printList([lead()], { format: 'csv', header: false });
    expect(parseCsv(printed.stdout)).toEqual([['1', '腾达', '张伟', '', '', '']]);
  });

  it('headers follow the language', async () => {
    const printed = await printList([lead()], { format: 'csv', lang: 'zh' });
    expect(parseCsv(printed.stdout)[0]!.slice(0, 2)).toEqual(['编号', '名称']);
  });
});

describe('--excel', () => {
  it('is csv with a BOM, CRLF line ends and long digit strings kept as text', async () => {
    const printed = await printList([lead({ phone: '13800138000', note: '0755' }), lead({ id: 2, phone: '02088886666', note: '2026' })], {
      format: 'csv',
      excel: true,
    });
    expect(printed.stdout.startsWith('\ufeff')).toBe(true);
    expect(printed.stdout.split('\r\n')).toHaveLength(4); // header, two rows, and the empty tail
    expect(printed.stdout.replaceAll('\r\n', '')).not.toContain('\n');
    const rows = parseCsv(printed.stdout);
    expect(rows[1]![3]).toBe('="13800138000"');
    expect(rows[1]![5]).toBe('="0755"');
    expect(rows[2]![3]).toBe('="02088886666"');
    expect(rows[2]![5]).toBe('2026');
    expect(rows[1]![0]).toBe('1'); // numbers stay numbers
  });

  it('plain csv leaves long digit strings alone', async () => {
    const printed = await printList([lead({ phone: '13800138000' })], { format: 'csv' });
    expect(parseCsv(printed.stdout)[1]![3]).toBe('13800138000');
  });
});

describe('the formula guard', () => {
  const dangerous = ['=HYPERLINK("http://x","y")', '+86 138', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', '＝1+1', '＋1', '－1', '＠x'];

  it.each(dangerous)('csv prefixes %j with a quote', async (text) => {
    const printed = await printList([lead({ name: text })], { format: 'csv' });
    expect(parseCsv(printed.stdout)[1]![1]).toBe(`'${text}`);
  });

  it.each(dangerous)('tsv prefixes %j with a quote', async (text) => {
    const printed = await printList([lead({ name: text })], { format: 'tsv' });
    const cell = tsvRows(printed.stdout)[1]![1]!;
    expect(cell.startsWith("'")).toBe(true);
    expect(cell.slice(1)).toBe(text.replace(/[\t\r]/gu, ' '));
  });

  it('leaves ordinary text and inner signs alone', async () => {
    const printed = await printList([lead({ name: '腾达=集团', note: 'a-b' })], { format: 'csv' });
    expect(parseCsv(printed.stdout)[1]).toEqual(['1', '腾达=集团', '张伟', '', '', 'a-b']);
  });

  it('applies with --excel too', async () => {
    const printed = await printList([lead({ name: '=1+1' })], { format: 'csv', excel: true });
    expect(parseCsv(printed.stdout)[1]![1]).toBe("'=1+1");
  });
});

describe('tsv', () => {
  it('replaces tab, CR and LF inside values with spaces, so every record stays one line', async () => {
    const printed = await printList([lead({ name: 'a\tb', note: 'one\r\ntwo\nthree' })], { format: 'tsv' });
    const lines = printed.stdout.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[1]!.split('\t')).toEqual(['1', 'a b', '张伟', '', '', 'one  two three']);
  });

  it('has a header row, --no-header drops it, no BOM unless asked', async () => {
    expect((await printList([lead()], { format: 'tsv' })).stdout).toBe(
      'ID\tName\tOwner\tPhone\tMonthly volume\tNote\n1\t腾达\t张伟\t\t\t\n',
    );
    expect((await printList([lead()], { format: 'tsv', header: false })).stdout).toBe('1\t腾达\t张伟\t\t\t\n');
    expect((await printList([lead()], { format: 'tsv', bom: true })).stdout.startsWith('\ufeffID\t')).toBe(true);
  });

  it('writes money as 1234.50', async () => {
    expect(tsvRows((await printList([lead({ volume: 123450 })], { format: 'tsv' })).stdout)[1]![4]).toBe('1234.50');
  });
});

describe('json and ndjson', () => {
  it('json is one array with money as a number with two decimals', async () => {
    const printed = await printList([lead({ volume: 123450 }), lead({ id: 2, volume: 100 })], { format: 'json' });
    expect(printed.stdout).toContain('"monthly_volume":1234.50');
    expect(printed.stdout).toContain('"monthly_volume":1.00');
    const parsed = JSON.parse(printed.stdout) as Array<Record<string, unknown>>;
    expect(parsed).toHaveLength(2);
    expect(parsed[0]).toEqual({ id: 1, name: '腾达', owner: '张伟', phone: null, monthly_volume: 1234.5, note: null });
  });

  it('json keys and values do not depend on the language', async () => {
    const english = await printList([lead({ volume: 1 })], { format: 'json' });
    const chinese = await printList([lead({ volume: 1 })], { format: 'json', lang: 'zh' });
    expect(chinese.stdout).toBe(english.stdout);
  });

  it('ndjson is one object per line', async () => {
    const printed = await printList([lead(), lead({ id: 2, name: '=x' })], { format: 'ndjson' });
    const lines = printed.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => (JSON.parse(l) as { id: number }).id)).toEqual([1, 2]);
    expect((JSON.parse(lines[1]!) as { name: string }).name).toBe('=x'); // no formula guard outside spreadsheets
  });
});

describe('table', () => {
  const rows = [
    lead({ id: 1, name: '深圳市腾达（集团）有限公司', owner: '张伟', phone: '13800138000', volume: 123456789 }),
    lead({ id: 22, name: 'ACME Ltd', owner: 'Li', phone: '0755-8888', volume: 5 }),
    lead({ id: 333, name: '苏州新源电子', owner: '欧阳娜娜', phone: null, volume: null }),
  ];

  /** The display column at which the cell text starts on a line. */
  const startColumn = (line: string, text: string): number => {
    const at = line.indexOf(text);
    expect(at, `${JSON.stringify(text)} on ${JSON.stringify(line)}`).toBeGreaterThanOrEqual(0);
    return stringWidth(line.slice(0, at));
  };

  it('lines CJK columns up by display width (a CJK character is two columns)', async () => {
    const printed = await printList(rows, { format: 'table', tty: true });
    const lines = printed.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const owners = ['Owner', '张伟', 'Li', '欧阳娜娜'];
    const ownerStarts = lines.map((line, i) => startColumn(line, owners[i]!));
    expect(new Set(ownerStarts).size).toBe(1);
    // the name column is as wide as its widest cell (26 columns for 13 CJK characters) plus the gap
    expect(ownerStarts[0]).toBe(startColumn(lines[1]!, '深圳市') + stringWidth('深圳市腾达（集团）有限公司') + 2);
    const phones = ['Phone', '13800138000', '0755-8888'];
    expect(new Set(phones.map((p, i) => startColumn(lines[i]!, p))).size).toBe(1);
  });

  it('right-aligns numbers and money, with thousands separators for people', async () => {
    const printed = await printList(rows, { format: 'table', tty: true });
    const lines = printed.stdout.trimEnd().split('\n');
    const end = (line: string, text: string): number => startColumn(line, text) + stringWidth(text);
    expect(end(lines[1]!, '1,234,567.89')).toBe(end(lines[2]!, '0.05'));
    const idEnds = lines.slice(1).map((line) => /^\s*\d+/u.exec(line)![0].length);
    expect(idEnds).toEqual([3, 3, 3]);
  });

  it('prints the summary on stderr, never on stdout', async () => {
    const printed = await printList(rows, { format: 'table', tty: true });
    expect(printed.stderr).toBe('3 customer(s)\n');
    expect(printed.stdout).not.toContain('customer(s)');
  });

  it('has no trailing blanks and no control characters from the data', async () => {
    const printed = await printList([lead({ name: 'a\tb\u001b[31mred', note: null })], { format: 'table', tty: true });
    for (const line of printed.stdout.split('\n')) expect(line).toBe(line.trimEnd());
    expect(printed.stdout).not.toContain('\t');
    expect(printed.stdout).not.toContain('\u001b');
  });

  it('--no-header leaves out the header line', async () => {
    const printed = await printList(rows, { format: 'table', tty: true, header: false });
    expect(printed.stdout.trimEnd().split('\n')).toHaveLength(3);
    expect(printed.stdout).not.toContain('Owner');
  });
});

describe('sections with cells', () => {
  it('line cells up by display width within a section (a CJK character is two columns)', async () => {
    const { renderSections } = await import('../../src/cli/table.js');
    const { Chalk } = await import('chalk');
    const text = renderSections(
      [
        {
          title: 'Visits',
          lines: [
            ['2026-11-18', ['phone', '张伟', '报价', 'agreed']],
            ['2026-10-13', ['in person', '欧阳晓明', '2027年框架协议', '']],
            ['2026-09-03', ['message', 'Li', '', 'sent']],
          ],
        },
        { title: 'Other', lines: [['x', 'plain value']] },
      ],
      new Chalk({ level: 0 }),
    );
    const lines = text.split('\n').slice(1, 4);
    // Every cell but the last starts at the same display column on each line.
    const starts = (line: string, cell: string) => stringWidth(line.slice(0, line.indexOf(cell)));
    expect(new Set([starts(lines[0]!, 'phone'), starts(lines[1]!, 'in person'), starts(lines[2]!, 'message')]).size).toBe(1);
    expect(new Set([starts(lines[0]!, '张伟'), starts(lines[1]!, '欧阳晓明'), starts(lines[2]!, 'Li')]).size).toBe(1);
    expect(new Set([starts(lines[0]!, 'agreed'), starts(lines[2]!, 'sent')]).size).toBe(1);
    expect(lines[1]).toBe(lines[1]!.trimEnd());
    expect(text).toContain('x           plain value');
  });
});
