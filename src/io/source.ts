// Where import text comes from and how it is encoded (README, "Importing data"): a file or stdin; a BOM decides, else
// valid UTF-8, else GB18030 (what Chinese Excel writes). stdin is spooled to a private temporary file
// first, so detection can read it twice without holding it in memory.
import { createReadStream, createWriteStream, mkdtempSync, openSync, readSync, closeSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isUtf8 } from 'node:buffer';
import { trackTemporary } from './files.js';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { UsageError } from '../errors.js';

export const ENCODINGS = ['auto', 'utf-8', 'gbk', 'gb18030'] as const;
export type EncodingChoice = (typeof ENCODINGS)[number];
/** How a source's text is encoded; `xlsx`: a workbook, whose cells exceljs reads (src/io/xlsx-rows.ts). */
export type Encoding = 'utf-8' | 'gb18030' | 'gbk' | 'utf-16le' | 'utf-16be' | 'xlsx';

export interface Source {
  path: string;
  size: number;
  encoding: Encoding;
  /** Bytes to skip at the start (a BOM). */
  skip: number;
  /** Human name for messages: the file name or "stdin". */
  label: string;
  cleanup(): void;
}

/** Spools stdin into a 0600 file in a private temporary directory. */
async function spool(stdin: Readable): Promise<{ path: string; cleanup: () => void }> {
  const dir = trackTemporary(mkdtempSync(join(tmpdir(), 'custrack-import-')));
  const path = join(dir, 'stdin');
  await pipeline(stdin, createWriteStream(path, { mode: 0o600 }));
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function readHead(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Streams the whole file through a fatal UTF-8 decoder: true when every byte is valid UTF-8. */
async function isValidUtf8(path: string, skip: number): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { start: skip, highWaterMark: 1 << 20 }))
      decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** The size of a file to import; a directory or a file that cannot be read → exit 2. */
function sizeOf(path: string, file: string, cleanup: () => void): number {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError('import.not_a_file', { path: file });
    return stat.size;
  } catch (err) {
    cleanup();
    if (err instanceof UsageError) throw err;
    throw new UsageError('import.cannot_read', { path: file, reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
  }
}

/** A workbook to import: read whole by exceljs, so it has no encoding to detect. */
export function workbookSource(file: string): Source {
  return { path: file, size: sizeOf(file, file, () => {}), encoding: 'xlsx', skip: 0, label: file, cleanup: () => {} };
}

export async function openSource(file: string, choice: EncodingChoice, stdin: Readable): Promise<Source> {
  let path = file;
  let cleanup = (): void => {};
  if (file === '-') ({ path, cleanup } = await spool(stdin));
  const size = sizeOf(path, file, cleanup);
  const head = readHead(path, 4);
  const label = file === '-' ? 'stdin' : file;
  const base = { path, size, label, cleanup };
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { ...base, encoding: 'utf-8', skip: 3 };
  if (choice === 'auto' && head[0] === 0xff && head[1] === 0xfe) return { ...base, encoding: 'utf-16le', skip: 2 };
  if (choice === 'auto' && head[0] === 0xfe && head[1] === 0xff) return { ...base, encoding: 'utf-16be', skip: 2 };
  if (choice === 'utf-8') return { ...base, encoding: 'utf-8', skip: 0 };
  if (choice === 'gbk' || choice === 'gb18030') return { ...base, encoding: choice, skip: 0 };
  return { ...base, encoding: (await isValidUtf8(path, 0)) ? 'utf-8' : 'gb18030', skip: 0 };
}

/** The decoded text of a source as a stream of strings, and a count of the bytes read so far. */
export async function textStream(source: Source): Promise<{ text: Readable; bytesRead: () => number }> {
  const raw = createReadStream(source.path, { start: source.skip, highWaterMark: 1 << 20 });
  const bytesRead = (): number => raw.bytesRead + source.skip;
  if (source.encoding === 'utf-8') return { text: raw.setEncoding('utf8'), bytesRead };
  const iconv = (await import('iconv-lite')).default;
  return { text: raw.pipe(iconv.decodeStream(source.encoding)) as unknown as Readable, bytesRead };
}

/**
 * For a file read as GB18030 because it was not valid UTF-8 as a whole: finds text that was UTF-8 all the
 * same (a file pasted together from two sources), which GB18030 turns into plausible-looking nonsense.
 * A field counts when its GB18030 bytes are valid UTF-8 holding at least two CJK characters.
 */
export async function mixedEncodingCheck(source: Source, choice: EncodingChoice): Promise<((text: string) => boolean) | null> {
  if (choice !== 'auto' || (source.encoding !== 'gb18030' && source.encoding !== 'gbk')) return null;
  const iconv = (await import('iconv-lite')).default;
  return (text) => {
    if (!/[^\x00-\x7f]/u.test(text)) return false;
    const bytes = iconv.encode(text, source.encoding);
    if (!isUtf8(bytes)) return false;
    return (bytes.toString('utf8').match(/[\u4e00-\u9fff]/gu)?.length ?? 0) >= 2;
  };
}
