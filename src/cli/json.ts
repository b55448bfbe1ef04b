// JSON with money written as yuan with exactly two decimals (docs/rules.md, "Output"), which JSON.stringify cannot do.
import { formatYuan } from '../core/money.js';

/** A money amount in fen, written to JSON as a yuan number with two decimals. */
export class Yuan {
  constructor(readonly fen: number) {}
}

export const yuan = (fen: number | null | undefined): Yuan | null => (fen === null || fen === undefined ? null : new Yuan(fen));

export function toJson(value: unknown, indent = 0, depth = 0): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Yuan) return formatYuan(value.fen);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  const pad = indent ? `\n${' '.repeat(indent * (depth + 1))}` : '';
  const end = indent ? `\n${' '.repeat(indent * depth)}` : '';
  const sep = indent ? ': ' : ':';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${value.map((v) => pad + toJson(v, indent, depth + 1)).join(',')}${end}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  return `{${entries.map(([k, v]) => `${pad}${JSON.stringify(k)}${sep}${toJson(v, indent, depth + 1)}`).join(',')}${end}}`;
}
