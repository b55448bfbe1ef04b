// docs/rules.md, rule 1: customers and transactions are matched by a name key, so that
// `深圳市 腾达（集团）有限公司` and `深圳市腾达(集团)有限公司` are the same customer.

/** NFKC (full-width → half-width), all white space removed, Latin letters lower-cased. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u200b\ufeff]+/gu, '')
    .toLowerCase();
}

/** A display name as typed, trimmed, with runs of white space collapsed. */
export function cleanName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

export const MAX_NAME_LENGTH = 200;

export type NameProblem = 'empty' | 'too-long' | 'control-characters';

/** Why a customer name cannot be stored, or null when it can. */
export function nameProblem(name: string, key = nameKey(name)): NameProblem | null {
  if (key === '') return 'empty';
  if ([...name].length > MAX_NAME_LENGTH) return 'too-long';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/u.test(name)) return 'control-characters';
  return null;
}
