// The xlsx writer (docs/rules.md, "Output"): typed cells, never a formula, a bold frozen header with a filter, widths by
// display width, several sheets, written whole and 0600 or not at all. Every workbook is read back with
// exceljs's own reader, and the sheet XML is checked where the reader would hide the difference.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DATE_FORMAT,
  MAX_CELL_TEXT,
  MAX_WIDTH,
  MONEY_FORMAT,
  TEXT_FORMAT,
  cellText,
  excelSerial,
  sheetNames,
  writeWorkbook,
  type XlsxCell,
  type XlsxColumn,
  type XlsxSheet,
} from '../../src/cli/xlsx.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'custrack-xlsx-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

async function read(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** The XML of the n-th sheet (1-based) as stored in the file. */
async function sheetXml(path: string, n = 1): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const entry = zip.file(`xl/worksheets/sheet${n}.xml`);
  if (!entry) throw new Error(`no sheet${n}.xml in ${Object.keys(zip.files).join(', ')}`);
  return entry.async('string');
}

const sheet = (rows: XlsxSheet['rows'], columns: XlsxColumn[], name = '数据'): XlsxSheet => ({ name, columns, rows });
const only = (wb: ExcelJS.Workbook): ExcelJS.Worksheet => wb.worksheets[0]!;

describe('typed cells', () => {
  const columns: XlsxColumn[] = [
    { header: 'id', type: 'int' },
    { header: 'name', type: 'text' },
    { header: 'amount', type: 'money' },
    { header: 'date', type: 'date' },
    { header: 'ok', type: 'bool' },
    { header: 'kind', type: 'code' },
    { header: 'rate', type: 'number' },
    { header: 'phone', type: 'text', text: true },
  ];
  const rows: XlsxCell[][] = [
    [1, '深圳市腾达科技有限公司', 123_456, '2026-11-20', true, 'sale', 0.5, '13800138000'],
    [2, 'Acme', -5, '2024-02-29', false, 'return', 3, '0755-1234'],
    [3, null, 0, null, null, undefined, null, null],
  ];

  it('stores each column type as its own kind of cell', async () => {
    const path = join(dir, 'types.xlsx');
    const written = await writeWorkbook(path, [sheet(rows, columns)]);
    expect(written).toEqual([{ name: '数据', rows: 3 }]);
    const ws = only(await read(path));
    const r2 = ws.getRow(2);
    expect(r2.getCell(1)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 1 });
    expect(r2.getCell(2)).toMatchObject({ type: ExcelJS.ValueType.String, value: '深圳市腾达科技有限公司' });
    expect(r2.getCell(3)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 1234.56 });
    expect(r2.getCell(3).numFmt).toBe(MONEY_FORMAT);
    expect(r2.getCell(4).type).toBe(ExcelJS.ValueType.Date);
    expect((r2.getCell(4).value as Date).toISOString()).toBe('2026-11-20T00:00:00.000Z');
    expect(r2.getCell(4).numFmt).toBe(DATE_FORMAT);
    expect(r2.getCell(5)).toMatchObject({ type: ExcelJS.ValueType.Boolean, value: true });
    expect(r2.getCell(6)).toMatchObject({ type: ExcelJS.ValueType.String, value: 'sale' });
    expect(r2.getCell(7)).toMatchObject({ type: ExcelJS.ValueType.Number, value: 0.5 });
    expect(r2.getCell(8)).toMatchObject({ type: ExcelJS.ValueType.String, value: '13800138000' });
    expect(r2.getCell(8).numFmt).toBe(TEXT_FORMAT);

    const r3 = ws.getRow(3);
    expect(r3.getCell(3).value).toBe(-0.05);
    expect((r3.getCell(4).value as Date).toISOString().slice(0, 10)).toBe('2024-02-29');
    expect(r3.getCell(5)).toMatchObject({ type: ExcelJS.ValueType.Boolean, value: false });

    // Empty cells stay empty; zero money is a zero.
    const r4 = ws.getRow(4);
    expect(r4.getCell(1).value).toBe(3);
    expect(r4.getCell(2).value).toBeNull();
    expect(r4.getCell(3).value).toBe(0);
    expect(r4.getCell(4).value).toBeNull();
    expect(r4.getCell(5).value).toBeNull();
    expect(r4.getCell(8).value).toBeNull();
  });

  it('keeps columns marked text as strings even when they look like numbers', async () => {
    const path = join(dir, 'text.xlsx');
    const cols: XlsxColumn[] = [
      { header: 'uscc', type: 'text', text: true },
      { header: 'invoice', type: 'int', text: true },
      { header: 'zip', type: 'code', text: true },
    ];
    await writeWorkbook(path, [sheet([['913100001000000012', 12345678901234, '000123']], cols)]);
    const row = only(await read(path)).getRow(2);
    for (const [i, value] of ['913100001000000012', '12345678901234', '000123'].entries()) {
      expect(row.getCell(i + 1)).toMatchObject({ type: ExcelJS.ValueType.String, value });
      expect(row.getCell(i + 1).numFmt).toBe(TEXT_FORMAT);
    }
  });

  it('shows a bool column with the words it is given', async () => {
    const path = join(dir, 'bool.xlsx');
    await writeWorkbook(path, [sheet([[true], [false]], [{ header: '按期', type: 'bool', boolLabels: ['是', '否'] }])]);
    const ws = only(await read(path));
    expect(ws.getCell('A2')).toMatchObject({ type: ExcelJS.ValueType.String, value: '是' });
    expect(ws.getCell('A3')).toMatchObject({ type: ExcelJS.ValueType.String, value: '否' });
  });

  it('writes a cell that does not fit its type as the text it is, and non-finite numbers as empty', async () => {
    const path = join(dir, 'mixed.xlsx');
    const cols: XlsxColumn[] = [
      { header: 'n', type: 'int' },
      { header: 'd', type: 'date' },
      { header: 'm', type: 'money' },
    ];
    await writeWorkbook(path, [
      sheet(
        [
          ['n/a', '2026-02-30', 'unknown'],
          [Number.NaN, 'soon', Number.POSITIVE_INFINITY],
        ],
        cols,
      ),
    ]);
    const ws = only(await read(path));
    expect(ws.getCell('A2')).toMatchObject({ type: ExcelJS.ValueType.String, value: 'n/a' });
    expect(ws.getCell('B2')).toMatchObject({ type: ExcelJS.ValueType.String, value: '2026-02-30' });
    expect(ws.getCell('C2')).toMatchObject({ type: ExcelJS.ValueType.String, value: 'unknown' });
    expect(ws.getCell('A3').value).toBeNull();
    expect(ws.getCell('B3').value).toBe('soon');
    expect(ws.getCell('C3').value).toBeNull();
    const xml = await sheetXml(path);
    expect(xml).not.toMatch(/NaN|Infinity/u);
  });

  it('writes integers longer than the 15 digits Excel keeps as text', async () => {
    const path = join(dir, 'long.xlsx');
    await writeWorkbook(path, [
      sheet([[999_999_999_999_999], [1_000_000_000_000_000], [-1_234_567_890_123_456]], [{ header: 'n', type: 'int' }]),
    ]);
    const ws = only(await read(path));
    expect(ws.getCell('A2')).toMatchObject({ type: ExcelJS.ValueType.Number, value: 999_999_999_999_999 });
    expect(ws.getCell('A3')).toMatchObject({ type: ExcelJS.ValueType.String, value: '1000000000000000' });
    expect(ws.getCell('A4')).toMatchObject({ type: ExcelJS.ValueType.String, value: '-1234567890123456' });
  });

  it('money in fen becomes exact yuan', async () => {
    const path = join(dir, 'money.xlsx');
    const fen = [1, 10, 99, 100, 12_345, 1_000_000_000_000_000, -1, -123_456_789];
    await writeWorkbook(path, [
      sheet(
        fen.map((f) => [f]),
        [{ header: 'amount', type: 'money' }],
      ),
    ]);
    const ws = only(await read(path));
    expect(fen.map((_, i) => ws.getCell(i + 2, 1).value)).toEqual([0.01, 0.1, 0.99, 1, 123.45, 10_000_000_000_000, -0.01, -1_234_567.89]);
    const xml = await sheetXml(path);
    expect(xml).toContain('<v>123.45</v>');
    expect(xml).toContain('<v>-1234567.89</v>');
  });
});

describe('dates', () => {
  it.each([
    ['2026-11-20', 46_346],
    ['1900-03-01', 61],
    ['1970-01-01', 25_569],
    ['2024-02-29', 45_351],
    ['9999-12-31', 2_958_465],
  ])('%s is Excel serial %d', (date, serial) => {
    expect(excelSerial(date)).toBe(serial);
  });

  it.each([['2026-02-29'], ['2026-13-01'], ['2026-1-5'], ['20261120'], ['1900-02-28'], ['0050-01-01'], ['2026-11-20 08:00'], ['']])(
    '%j is not a date cell',
    (text) => {
      expect(excelSerial(text)).toBeNull();
    },
  );

  describe.each([['Asia/Shanghai'], ['America/Los_Angeles'], ['Pacific/Kiritimati'], ['UTC']])('with TZ=%s', (zone) => {
    let saved: string | undefined;
    beforeEach(() => {
      saved = process.env.TZ;
      process.env.TZ = zone; // Node applies a changed TZ at once
    });
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it('2026-11-20 is stored and read as 2026-11-20', async () => {
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
      const path = join(dir, 'dates.xlsx');
      await writeWorkbook(path, [sheet([['2026-11-20'], ['2026-01-01'], ['2026-12-31']], [{ header: 'date', type: 'date' }])]);
      const xml = await sheetXml(path);
      expect(xml).toMatch(/<c r="A2" s="\d+"><v>46346<\/v><\/c>/u);
      const ws = only(await read(path));
      // exceljs's reader turns a serial into a Date at UTC midnight of that calendar day.
      expect([2, 3, 4].map((r) => (ws.getCell(r, 1).value as Date).toISOString().slice(0, 10))).toEqual([
        '2026-11-20',
        '2026-01-01',
        '2026-12-31',
      ]);
      expect(ws.getCell('A2').numFmt).toBe(DATE_FORMAT);
    });
  });
});

describe('never a formula', () => {
  const risky = ['=SUM(A1:A2)', '=HYPERLINK("http://example.com","点我")', '+86 138', '-1', '-', '@cmd', '＝1+1', '\t=1', '=1+1 '];

  it('stores text that starts like a formula as a plain string, exactly', async () => {
    const path = join(dir, 'formula.xlsx');
    const cols: XlsxColumn[] = [
      { header: 'text', type: 'text' },
      { header: 'code', type: 'code' },
      { header: 'id', type: 'text', text: true },
      { header: 'int', type: 'int' },
      { header: 'date', type: 'date' },
    ];
    await writeWorkbook(path, [
      sheet(
        risky.map((t) => [t, t, t, t, t]),
        cols,
      ),
    ]);
    const ws = only(await read(path));
    risky.forEach((text, i) => {
      for (let c = 1; c <= cols.length; c++) {
        const cell = ws.getCell(i + 2, c);
        expect(cell.type, `${cell.address} ${text}`).toBe(ExcelJS.ValueType.String);
        expect(cell.value).toBe(text);
        expect(cell.formula).toBeUndefined();
      }
    });
    const xml = await sheetXml(path);
    expect(xml).not.toMatch(/<f[\s>]/u);
    expect(xml).toContain('<v>=SUM(A1:A2)</v>');
  });
});

describe('layout', () => {
  const columns: XlsxColumn[] = [
    { header: 'Name', type: 'text' },
    { header: 'Code', type: 'text' },
    { header: '金额', type: 'money' },
  ];

  it('has a bold, frozen header row and an autofilter over header and rows', async () => {
    const path = join(dir, 'layout.xlsx');
    await writeWorkbook(path, [
      sheet(
        [
          ['深圳市腾达', 'ABCDE', 100],
          ['Acme', 'FGHIJ', 200],
        ],
        columns,
      ),
    ]);
    const ws = only(await read(path));
    expect(ws.getRow(1).values).toEqual([undefined, 'Name', 'Code', '金额']);
    for (let c = 1; c <= 3; c++) expect(ws.getCell(1, c).font?.bold).toBe(true);
    expect(ws.getCell(2, 1).font?.bold).not.toBe(true);
    expect(ws.views).toEqual([expect.objectContaining({ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2' })]);
    expect(ws.autoFilter).toBe('A1:C3');
  });

  it('sizes columns by display width: a CJK character counts two', async () => {
    const path = join(dir, 'widths.xlsx');
    const cols: XlsxColumn[] = [
      { header: 'a', type: 'text' },
      { header: 'b', type: 'text' },
      { header: 'c', type: 'text' },
      { header: 'd', type: 'money' },
      { header: 'e', type: 'text' },
    ];
    const long = 'x'.repeat(500);
    await writeWorkbook(path, [sheet([['ABCDEFGHI', '深圳市腾达科技有限', 'ab', 123_456_789, long]], cols)]);
    const ws = only(await read(path));
    const width = (c: number): number => ws.getColumn(c).width!;
    expect(width(1)).toBe(11); // 9 Latin characters, + 2
    expect(width(2)).toBe(20); // 9 CJK characters = 18 columns, + 2
    expect(width(2)).toBeGreaterThan(width(1));
    expect(width(3)).toBe(6); // the minimum
    expect(width(4)).toBe(14); // "1,234,567.89"
    expect(width(5)).toBe(MAX_WIDTH);
  });

  it('leaves room for a long header and its filter button', async () => {
    const path = join(dir, 'header.xlsx');
    await writeWorkbook(path, [sheet([[1]], [{ header: '统一社会信用代码', type: 'int' }])]);
    expect(only(await read(path)).getColumn(1).width).toBe(16 + 4);
  });

  it('decides widths from the first rows only, as documented', async () => {
    const path = join(dir, 'sample.xlsx');
    const rows = [['short'], ['short'], ['a much much longer value']];
    await writeWorkbook(path, [sheet(rows, [{ header: 'h', type: 'text' }])], { widthSampleRows: 2 });
    const ws = only(await read(path));
    expect(ws.getColumn(1).width).toBe(7);
    expect(ws.getCell('A4').value).toBe('a much much longer value');
  });

  it('writes an empty sheet as its header alone', async () => {
    const path = join(dir, 'empty.xlsx');
    const written = await writeWorkbook(path, [sheet([], columns)]);
    expect(written).toEqual([{ name: '数据', rows: 0 }]);
    const ws = only(await read(path));
    expect(ws.rowCount).toBe(1);
    expect(ws.getRow(1).values).toEqual([undefined, 'Name', 'Code', '金额']);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.autoFilter).toBe('A1:C1');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});

describe('sheets', () => {
  it('writes one sheet per section, in order', async () => {
    const path = join(dir, 'report.xlsx');
    const written = await writeWorkbook(path, [
      sheet(
        [['张伟', 3]],
        [
          { header: '营销员', type: 'text' },
          { header: '新客户', type: 'int' },
        ],
        '按营销员',
      ),
      sheet(
        (async function* () {
          yield ['sent', 10];
          yield ['returned', 7];
        })(),
        [
          { header: '项目', type: 'code' },
          { header: '数量', type: 'int' },
        ],
        '反馈',
      ),
      sheet([], [{ header: '等级', type: 'code' }], '等级'),
    ]);
    expect(written).toEqual([
      { name: '按营销员', rows: 1 },
      { name: '反馈', rows: 2 },
      { name: '等级', rows: 0 },
    ]);
    const wb = await read(path);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['按营销员', '反馈', '等级']);
    expect(wb.getWorksheet('按营销员')!.getCell('B2').value).toBe(3);
    expect(wb.getWorksheet('反馈')!.getCell('A3').value).toBe('returned');
    for (const ws of wb.worksheets) expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('gives sheet names Excel accepts', async () => {
    const path = join(dir, 'names.xlsx');
    const wanted = ['月报: 2026/11', '月报: 2026/11', '', 'History', 'a'.repeat(40), "'quoted'"];
    const written = await writeWorkbook(
      path,
      wanted.map((name) => sheet([['x']], [{ header: 'h' }], name)),
    );
    const names = ['月报_ 2026_11', '月报_ 2026_11 (2)', 'Sheet3', 'History_', 'a'.repeat(31), 'quoted'];
    expect(written.map((w) => w.name)).toEqual(names);
    expect((await read(path)).worksheets.map((ws) => ws.name)).toEqual(names);
  });

  it('goes on in a new sheet with the same header past the rows a sheet can hold', async () => {
    const path = join(dir, 'spill.xlsx');
    const rows = Array.from({ length: 7 }, (_, i) => [i + 1, `r${i + 1}`]);
    const written = await writeWorkbook(
      path,
      [
        sheet(rows, [{ header: 'n', type: 'int' }, { header: 's' }], '交易'),
        sheet([[1, 'x']], [{ header: 'n', type: 'int' }, { header: 's' }], '交易 (2)'),
      ],
      {
        maxRowsPerSheet: 3,
      },
    );
    expect(written).toEqual([
      { name: '交易', rows: 3 },
      { name: '交易 (3)', rows: 3 },
      { name: '交易 (4)', rows: 1 },
      { name: '交易 (2)', rows: 1 },
    ]);
    const wb = await read(path);
    const third = wb.getWorksheet('交易 (4)')!;
    expect(third.getRow(1).values).toEqual([undefined, 'n', 's']);
    expect(third.getCell('A2').value).toBe(7);
    expect(third.autoFilter).toBe('A1:B2');
    expect(wb.getWorksheet('交易 (3)')!.getCell('A2').value).toBe(4);
  });

  it('numbers the continuation of a sheet whose name is already 31 characters long', async () => {
    const path = join(dir, 'spill-long.xlsx');
    const name = '客'.repeat(31);
    const written = await writeWorkbook(path, [sheet([[1], [2], [3]], [{ header: 'n', type: 'int' }], name)], { maxRowsPerSheet: 2 });
    expect(written).toEqual([
      { name, rows: 2 },
      { name: `${'客'.repeat(27)} (2)`, rows: 1 },
    ]);
  });

  it('refuses a workbook without sheets', async () => {
    await expect(writeWorkbook(join(dir, 'none.xlsx'), [])).rejects.toThrow(RangeError);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('sheetNames', () => {
  it.each([
    [['a[b]c:d*e?f/g\\h'], ['a_b_c_d_e_f_g_h']],
    [
      ['Sheet', 'sheet', 'SHEET'],
      ['Sheet', 'sheet (2)', 'SHEET (3)'],
    ],
    [['  spaced  '], ['spaced']],
    [
      ['history', 'HISTORY'],
      ['history_', 'HISTORY_ (2)'],
    ],
    [
      ['x'.repeat(31), 'x'.repeat(31)],
      ['x'.repeat(31), `${'x'.repeat(27)} (2)`],
    ],
    [[`${'x'.repeat(30)}😀`], ['x'.repeat(30)]],
    [
      ['月报 (2)', '月报', '月报'],
      ['月报 (2)', '月报', '月报 (3)'],
    ],
    [
      ['', ''],
      ['Sheet1', 'Sheet2'],
    ],
    [['tab\there'], ['tab_here']],
    [["''"], ['Sheet1']],
  ])('%j → %j', (wanted, names) => {
    expect(sheetNames(wanted)).toEqual(names);
  });
});

describe('cellText', () => {
  it('cuts text at the 32,767 characters a cell holds, never inside a surrogate pair', () => {
    expect(cellText('x'.repeat(40_000))).toHaveLength(MAX_CELL_TEXT);
    expect(cellText(`${'x'.repeat(MAX_CELL_TEXT - 1)}😀`)).toHaveLength(MAX_CELL_TEXT - 1);
  });

  it('replaces what XML cannot carry and keeps what it can', () => {
    expect(cellText('a\uD800b')).toBe('a\uFFFDb');
    expect(cellText('a\uFFFEb')).toBe('a\uFFFDb');
    expect(cellText('😀 深圳')).toBe('😀 深圳');
  });

  it('makes a file exceljs (and Excel) can read back', async () => {
    const path = join(dir, 'odd.xlsx');
    await writeWorkbook(path, [sheet([['a\uDC00b'], ['x\u0001y'], ['R&D <公司> "q"'], ['多\n行']], [{ header: 'h' }])]);
    const ws = only(await read(path));
    expect([2, 3, 4, 5].map((r) => ws.getCell(r, 1).value)).toEqual(['a\uFFFDb', 'xy', 'R&D <公司> "q"', '多\n行']);
  });
});

describe('the file', () => {
  it('is created 0600 whatever the umask', async () => {
    const path = join(dir, 'private.xlsx');
    const old = process.umask(0o000);
    try {
      await writeWorkbook(path, [sheet([['x']], [{ header: 'h' }])]);
    } finally {
      process.umask(old);
    }
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['private.xlsx']);
  });

  it('replaces an earlier file only once the new one is complete', async () => {
    const path = join(dir, 'report.xlsx');
    writeFileSync(path, 'old report');
    await writeWorkbook(path, [sheet([['new']], [{ header: 'h' }])]);
    expect(only(await read(path)).getCell('A2').value).toBe('new');
    expect(readdirSync(dir)).toEqual(['report.xlsx']);
  });

  it('leaves nothing behind when the rows fail midway', async () => {
    const path = join(dir, 'broken.xlsx');
    function* rows(): Generator<XlsxCell[]> {
      for (let i = 0; i < 5000; i++) {
        if (i === 3000) throw new Error('cursor lost');
        yield [i, `row ${i}`];
      }
    }
    await expect(writeWorkbook(path, [sheet(rows(), [{ header: 'n', type: 'int' }, { header: 's' }])])).rejects.toThrow('cursor lost');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves an earlier file untouched when a later sheet fails', async () => {
    const path = join(dir, 'report.xlsx');
    writeFileSync(path, 'old report');
    async function* failing(): AsyncGenerator<XlsxCell[]> {
      yield ['fine'];
      throw new Error('query failed');
    }
    await expect(writeWorkbook(path, [sheet([['a']], [{ header: 'h' }]), sheet(failing(), [{ header: 'h' }], 'second')])).rejects.toThrow(
      'query failed',
    );
    expect(readdirSync(dir)).toEqual(['report.xlsx']);
    expect(readFileSync(path, 'utf8')).toBe('old report');
  });

  it('removes its temporary file when the zip cannot be finished', async () => {
    const path = join(dir, 'late.xlsx');
    vi.spyOn(ExcelJS.stream.xlsx.WorkbookWriter.prototype, 'commit').mockRejectedValue(new Error('disk full'));
    await expect(writeWorkbook(path, [sheet([['a']], [{ header: 'h' }])])).rejects.toThrow('disk full');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes its temporary file when the rename fails', async () => {
    const target = join(dir, 'taken');
    mkdirSync(join(target, 'inside'), { recursive: true });
    await expect(writeWorkbook(target, [sheet([['a']], [{ header: 'h' }])])).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('closes the rows of a sheet it stops writing', async () => {
    let closed = false;
    function* rows(): Generator<XlsxCell[]> {
      try {
        for (let i = 0; ; i++) yield [i];
      } finally {
        closed = true;
      }
    }
    const path = join(dir, 'stopped.xlsx');
    // exceljs failing under the writer midway: the source must still be released.
    const proto = ExcelJS.stream.xlsx.WorkbookWriter.prototype as unknown as {
      addWorksheet: (...args: unknown[]) => { addRow: (values: unknown) => unknown };
    };
    const addWorksheet = proto.addWorksheet;
    vi.spyOn(proto, 'addWorksheet').mockImplementation(function (this: unknown, ...args: unknown[]) {
      const worksheet = addWorksheet.apply(this, args);
      const addRow = worksheet.addRow.bind(worksheet);
      let calls = 0;
      worksheet.addRow = (values) => {
        if (++calls === 2500) throw new Error('exceljs broke');
        return addRow(values);
      };
      return worksheet;
    });
    await expect(writeWorkbook(path, [sheet(rows(), [{ header: 'n', type: 'int' }])])).rejects.toThrow('exceljs broke');
    expect(closed).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('stops and cleans up when the disk fails midway', async () => {
    const path = join(dir, 'full.xlsx');
    const proto = ExcelJS.stream.xlsx.WorkbookWriter.prototype as unknown as {
      addWorksheet: (...args: unknown[]) => { addRow: (values: unknown) => unknown };
    };
    const addWorksheet = proto.addWorksheet;
    vi.spyOn(proto, 'addWorksheet').mockImplementation(function (
      this: { stream: NodeJS.WritableStream & { destroy(err: Error): void } },
      ...args: unknown[]
    ) {
      const worksheet = addWorksheet.apply(this, args);
      const addRow = worksheet.addRow.bind(worksheet);
      let calls = 0;
      worksheet.addRow = (values) => {
        if (++calls === 5000) this.stream.destroy(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
        return addRow(values);
      };
      return worksheet;
    });
    function* rows(): Generator<XlsxCell[]> {
      for (let i = 0; i < 50_000; i++) yield [i, `第${i}行的一些文字，好让工作表有一定的大小`];
    }
    await expect(writeWorkbook(path, [sheet(rows(), [{ header: 'n', type: 'int' }, { header: 's' }])])).rejects.toThrow('ENOSPC');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails without creating anything when the directory does not exist', async () => {
    await expect(writeWorkbook(join(dir, 'missing', 'r.xlsx'), [sheet([['a']], [{ header: 'h' }])])).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('cleans up what a killed earlier run left', async () => {
    const path = join(dir, 'report.xlsx');
    writeFileSync(`${path}.tmp-999999999`, 'partial');
    await writeWorkbook(path, [sheet([['x']], [{ header: 'h' }])]);
    expect(readdirSync(dir)).toEqual(['report.xlsx']);
  });
});

describe('streaming', () => {
  it('reads a source that reuses one array for every row', async () => {
    const path = join(dir, 'reused.xlsx');
    function* rows(): Generator<XlsxCell[]> {
      const row: XlsxCell[] = [0, ''];
      for (let i = 1; i <= 5; i++) {
        row[0] = i;
        row[1] = 'x'.repeat(i);
        yield row;
      }
    }
    await writeWorkbook(path, [sheet(rows(), [{ header: 'n', type: 'int' }, { header: 's' }])], { widthSampleRows: 3 });
    const ws = only(await read(path));
    expect([2, 3, 4, 5, 6].map((r) => ws.getRow(r).values)).toEqual([1, 2, 3, 4, 5].map((i) => [undefined, i, 'x'.repeat(i)]));
  });

  it('writes many rows from an async source, waiting for the zip as it goes', async () => {
    const path = join(dir, 'many.xlsx');
    const n = 30_000;
    async function* rows(): AsyncGenerator<XlsxCell[]> {
      for (let i = 1; i <= n; i++) yield [i, `深圳市第${i}号客户有限公司`, i * 100, '2026-11-20'];
    }
    const written = await writeWorkbook(path, [
      sheet(rows(), [
        { header: 'id', type: 'int' },
        { header: 'name' },
        { header: 'amount', type: 'money' },
        { header: 'date', type: 'date' },
      ]),
    ]);
    expect(written).toEqual([{ name: '数据', rows: n }]);
    const ws = only(await read(path));
    expect(ws.rowCount).toBe(n + 1);
    expect(ws.getCell(n + 1, 1).value).toBe(n);
    expect(ws.getCell(n + 1, 2).value).toBe(`深圳市第${n}号客户有限公司`);
    expect(ws.getCell(n + 1, 3).value).toBe(n);
    expect(ws.autoFilter).toBe(`A1:D${n + 1}`);
  });
});
