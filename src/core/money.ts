// Money is stored exactly as integer fen; yuan are only a way of writing it.

/** Largest amount accepted: 10^13 yuan, well inside exact integer range in fen. */
export const MAX_YUAN = 10_000_000_000_000;

/** `1234.5`, `1,234.50`, `-12`, `¥8` → fen; null when not an amount with at most two decimals. */
export function parseYuan(text: string): number | null {
  const m = /^([+-])?\s*¥?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/u.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const whole = Number(m[2]!.replaceAll(',', ''));
  if (whole > MAX_YUAN) return null;
  const fen = whole * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}

/** Fen → `1234.50` (no thousands separators: machine formats). */
export function formatYuan(fen: number): string {
  // Integer arithmetic only, no padding helpers: this runs once per row of a million-row export.
  const abs = fen < 0 ? -fen : fen;
  const cents = abs % 100;
  return `${fen < 0 ? '-' : ''}${(abs - cents) / 100}${cents < 10 ? '.0' : '.'}${cents}`;
}

/** Fen → `1,234.50` for people. */
export function formatYuanGrouped(fen: number): string {
  const [whole, cents] = formatYuan(fen).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/gu, ',')}.${cents}`;
}
