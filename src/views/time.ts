// Times on screen are local (the TZ of the machine); json, csv and tsv keep ISO 8601 with its offset.

const two = (n: number): string => String(n).padStart(2, '0');

/** `2026-11-23T13:54:07Z` → `2026-11-23 21:54` in Asia/Shanghai; text that is not a time stays as it is. */
export function localTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`;
}
