// Mainland China phone numbers: mobiles are stored as 11 bare digits, landlines as `area-number[-ext]`.

export type Phone = { kind: 'mobile' | 'landline'; value: string };

const SEPARATORS = /[\s\-.()（）]+/gu;
const EXTENSION = /(?:转|ext\.?|x|#)\s*(\d{1,6})$/iu;

/**
 * Normalizes a mobile (`+86`/`0086` prefix and separators allowed) or a landline; null when it is neither.
 * A landline's extension is written `转 806`, `ext 806`, `x806`, `#806`, or `-806` after a whole number
 * (the form custrack stores, so that an exported phone imports back).
 */
export function parsePhone(text: string): Phone | null {
  const raw = text.normalize('NFKC').trim();
  const whole = parseNumber(raw);
  if (whole !== null) return whole;
  const dashed = STORED_EXTENSION.exec(raw);
  if (dashed === null) return null;
  const number = EXTENSION.test(dashed[1]!) ? null : parseNumber(dashed[1]!);
  return number?.kind === 'landline' ? { kind: 'landline', value: `${number.value}-${dashed[2]}` } : null;
}

const STORED_EXTENSION = /^(.*\d)\s*-\s*(\d{1,6})$/u;

function parseNumber(raw: string): Phone | null {
  const ext = EXTENSION.exec(raw);
  const compact = (ext ? raw.slice(0, ext.index) : raw).replace(SEPARATORS, '');
  const international = /^(?:\+86|0086)/u.test(compact);
  let national = compact.replace(/^(?:\+86|0086)/u, '');
  if (!ext && /^1[3-9]\d{9}$/u.test(national)) return { kind: 'mobile', value: national };
  // From abroad the trunk 0 of an area code is dropped: +86 755 1234 5678.
  if (international && !national.startsWith('0')) national = `0${national}`;
  const suffix = ext ? `-${ext[1]}` : '';
  // Area codes 010 and 02x have three digits, every other one four.
  const landline = /^(0(?:10|2\d))([1-9]\d{7})$/u.exec(national) ?? /^(0[3-9]\d{2})([1-9]\d{6,7})$/u.exec(national);
  if (landline) return { kind: 'landline', value: `${landline[1]}-${landline[2]}${suffix}` };
  if (!international && /^[2-9]\d{6,7}$/u.test(national)) return { kind: 'landline', value: `${national}${suffix}` };
  return null;
}

/** A mainland mobile number (`^1[3-9]\d{9}$` after normalization), or null. */
export function parseMobile(text: string): string | null {
  const phone = parsePhone(text);
  return phone?.kind === 'mobile' ? phone.value : null;
}
