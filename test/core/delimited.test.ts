import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { DelimitedEncoder, type PackedKind } from '../../src/cli/delimited.js';
import { csvField, excelText, guardFormula, isLongDigits, sanitizeTsv } from '../../src/cli/cells.js';
import { formatYuan } from '../../src/core/money.js';

/** Collects the bytes written; `slow` makes write() ask for a drain now and then. */
class Bytes extends Writable {
  readonly chunks: Buffer[] = [];
  constructor(slow = false) {
    super({ highWaterMark: slow ? 1024 : 16 * 1024 });
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    setImmediate(done);
  }
  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

type Format = 'csv' | 'tsv';

/** The rule as plain string functions (cells.ts): what every text cell must come out as. */
function expectedCell(value: string, format: Format, excel: boolean): string {
  const guarded = guardFormula(value);
  const text = excel && isLongDigits(guarded) ? excelText(guarded) : guarded;
  return format === 'csv' ? csvField(text) : sanitizeTsv(text);
}

function expectedRows(rows: string[][], format: Format, excel: boolean): Buffer {
  const separator = format === 'csv' ? ',' : '\t';
  const eol = excel ? '\r\n' : '\n';
  // Buffer.from encodes a lone surrogate the way a stream does: as U+FFFD.
  return Buffer.from(rows.map((row) => row.map((v) => expectedCell(v, format, excel)).join(separator) + eol).join(''), 'utf8');
}

async function encode(rows: string[][], format: Format, excel: boolean, slow = false): Promise<Buffer> {
  const stream = new Bytes(slow);
  const encoder = new DelimitedEncoder(stream, format, excel);
  for (const row of rows) {
    row.forEach((value, i) => {
      if (i > 0) encoder.separate();
      encoder.text(value);
    });
    const waiting = encoder.endRow();
    if (waiting) await waiting;
  }
  await encoder.end();
  await new Promise<void>((resolve) => stream.end(resolve));
  return stream.bytes;
}

const HOSTILE = [
  '',
  'plain',
  '深圳市腾达(集团)有限公司',
  '한국상사',
  'a,b',
  'say "hi"',
  '"',
  'line\nbreak',
  'cr\rhere',
  'tab\there',
  '=SUM(A1)',
  '+86 138',
  '-1',
  '@cmd',
  '\tlead',
  '\rlead',
  '＝1+1',
  '－1',
  '﹦1',
  '⁼1',
  '₊1',
  'a=b',
  ' padded ',
  '13800138000',
  '012345',
  '0',
  '2026-11-23',
  '91110000600037341L',
  '😀',
  '😀,"😀"',
  'x😀',
  '\ud800',
  'a\udc00b',
  'é',
  'ß',
  'ÿ,',
  'Ω',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u0080',
  '\u07ff',
  '\u0800',
  '\uffff',
  '\ufeffbom',
  'ﬁ',
  '㈱',
  'café\n',
  '，中文，',
  'Ａ',
  '１２３',
  "'=1",
];

/** Deterministic strings from the ranges where the fast path decides something. */
function generated(count: number): string[] {
  const pools = [
    [0x20, 0x7e],
    [0x00, 0x1f],
    [0x80, 0x7ff],
    [0x800, 0x4dff],
    [0x4e00, 0x9fff],
    [0xac00, 0xd7a3],
    [0xd800, 0xdfff],
    [0xe000, 0xffff],
    [0xff01, 0xff5e],
  ] as const;
  let seed = 20261123;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    const length = random(12);
    for (let j = 0; j < length; j++) {
      const [low, high] = pools[random(pools.length)]!;
      text += String.fromCharCode(low + random(high - low + 1));
    }
    out.push(text);
  }
  return out;
}

describe('DelimitedEncoder', () => {
  for (const format of ['csv', 'tsv'] as const) {
    for (const excel of [false, true]) {
      it(`writes the same bytes as the string rules (${format}${excel ? ', --excel' : ''}): hostile values`, async () => {
        const rows = HOSTILE.map((value) => [value, 'x', value]);
        expect((await encode(rows, format, excel)).equals(expectedRows(rows, format, excel))).toBe(true);
      });

      it(`writes the same bytes as the string rules (${format}${excel ? ', --excel' : ''}): 20,000 generated values`, async () => {
        const values = generated(20_000);
        const rows: string[][] = [];
        for (let i = 0; i < values.length; i += 4) rows.push(values.slice(i, i + 4));
        const got = await encode(rows, format, excel);
        const want = expectedRows(rows, format, excel);
        if (!got.equals(want)) {
          // Name the first row that differs instead of two megabytes of bytes.
          const lines = (b: Buffer): string[] => b.toString('utf8').split(excel ? '\r\n' : '\n');
          const g = lines(got);
          const w = lines(want);
          const at = g.findIndex((line, i) => line !== w[i]);
          expect({ row: rows[at], got: g[at] }).toEqual({ row: rows[at], got: w[at] });
        }
      });
    }
  }

  it('csv it writes is read back to the same values by a real CSV parser', async () => {
    const rows = [HOSTILE.filter((v) => !/[\ud800-\udfff]/u.test(v) || /[\ud800-\udbff][\udc00-\udfff]/u.test(v))];
    const text = (await encode(rows, 'csv', false)).toString('utf8');
    expect(parse(text, { relax_column_count: false })).toEqual(rows.map((row) => row.map((v) => guardFormula(v))));
  });

  it('keeps a cell larger than its buffer whole, and rows in order across many chunks and drains', async () => {
    const huge = `${'长'.repeat(100_000)},${'x'.repeat(70_000)}`;
    const rows = [['a', huge, 'b'], ...Array.from({ length: 5_000 }, (_, i) => [String(i), `客户${i}`, 'z'.repeat(i % 50)])];
    const got = await encode(rows, 'csv', false, true);
    expect(got.equals(expectedRows(rows, 'csv', false))).toBe(true);
  });

  it('writes numbers as given and header labels quoted but never guarded', async () => {
    const stream = new Bytes();
    const encoder = new DelimitedEncoder(stream, 'csv', true);
    encoder.raw('\ufeff');
    encoder.label('-Amount, total');
    encoder.separate();
    encoder.label('=ID');
    encoder.lineEnd();
    encoder.ascii('-12.50');
    encoder.separate();
    encoder.ascii('13800138000');
    encoder.endRow();
    await encoder.end();
    expect(stream.bytes.toString('utf8')).toBe('\ufeff"-Amount, total",=ID\r\n-12.50,13800138000\r\n');
  });
});

describe('DelimitedEncoder numbers', () => {
  async function written(write: (encoder: DelimitedEncoder) => void): Promise<string> {
    const stream = new Bytes();
    const encoder = new DelimitedEncoder(stream, 'csv', false);
    write(encoder);
    await encoder.end();
    return stream.bytes.toString('utf8');
  }

  const INTEGERS = [0, -0, 1, 9, 10, 99, 100, 12345, 4294967295, 4294967296, 2 ** 53, -1, -4294967296, 1.5, 1e21, NaN, Infinity, -Infinity];
  it.each(INTEGERS.map((n) => [n]))('integer(%s) is String(n)', async (n) => {
    expect(await written((e) => e.integer(n))).toBe(String(n));
  });

  const FEN = [
    0,
    -0,
    1,
    -1,
    5,
    9,
    10,
    99,
    100,
    101,
    -101,
    1490554,
    -1490554,
    429496729500,
    429496729599,
    429496729600,
    -429496729600,
    1e15,
    -1e15,
    1.5,
    NaN,
  ];
  it.each(FEN.map((n) => [n]))('yuan(%s) is formatYuan(n)', async (fen) => {
    expect(await written((e) => e.yuan(fen))).toBe(formatYuan(fen));
  });

  it('yuan agrees with formatYuan on 10,000 generated amounts', async () => {
    let seed = 7;
    const amounts = Array.from({ length: 10_000 }, () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const magnitude = 10 ** (seed % 14);
      return (seed % 2 ? -1 : 1) * Math.floor((seed / 0x7fffffff) * magnitude);
    });
    const got = await written((e) =>
      amounts.forEach((fen, i) => {
        if (i > 0) e.separate();
        e.yuan(fen);
      }),
    );
    expect(got).toBe(amounts.map(formatYuan).join(','));
  });
});

describe('DelimitedEncoder.packed', () => {
  async function packed(line: string, kinds: PackedKind[], format: Format = 'csv', excel = false): Promise<{ ok: boolean; text: string }> {
    const stream = new Bytes();
    const encoder = new DelimitedEncoder(stream, format, excel);
    encoder.ascii('before|');
    const ok = encoder.packed(line, kinds);
    await encoder.end();
    return { ok, text: stream.bytes.toString('utf8') };
  }
  const US = '\u001f';

  it.each<[string, PackedKind[], string]>([
    [['7', '1', 'R1', '深圳', '', '149055'].join(US), ['integer', 'text', 'text', 'text', 'money'], '1,R1,深圳,,1490.55'],
    [['7', '-3', '=1', 'a,b', '-5'].join(US), ['integer', 'text', 'text', 'money'], '-3,\'=1,"a,b",-0.05'],
    [['7', '', ''].join(US), ['integer', 'money'], ','],
  ])('writes %j without the id', async (line, kinds, written) => {
    expect(await packed(line, kinds)).toEqual({ ok: true, text: `before|${written}` });
  });

  it('cleans rather than quotes in tsv, and keeps long digits as text for Excel', async () => {
    expect(await packed(['1', 'a\tb', '0123'].join(US), ['text', 'text'], 'tsv')).toEqual({ ok: true, text: 'before|a b\t0123' });
    expect(await packed(['1', '0123', '13800138000'].join(US), ['text', 'text'], 'csv', true)).toEqual({
      ok: true,
      text: 'before|"=""0123""","=""13800138000"""',
    });
  });

  it.each<[string, string, PackedKind[]]>([
    ['a field too many (a value holding U+001F)', ['1', 'a', 'b', 'c'].join(US), ['text', 'text']],
    ['a field too few', ['1', 'a'].join(US), ['text', 'text']],
    ['no id', 'a', ['text']],
    ['a REAL in an integer column', ['1', '1.0'].join(US), ['integer']],
    ['text in a money column', ['1', 'x'].join(US), ['money']],
    ['16 digits', ['1', '1000000000000000'].join(US), ['money']],
    ['a lone minus sign', ['1', '-'].join(US), ['integer']],
  ])('refuses %s and writes nothing', async (_why, line, kinds) => {
    expect(await packed(line, kinds)).toEqual({ ok: false, text: 'before|' });
  });
});
