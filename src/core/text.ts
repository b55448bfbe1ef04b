// Free text as clerks paste it: from Excel or WeChat on Windows a line ends in CRLF (or a lone CR).
// Line ends are kept, as LF; the control characters that have no business in a note (NUL, ESC sequences that
// would repaint a terminal, the C1 controls) are refused.

/** CRLF and lone CR become LF; the ends are trimmed. */
export function freeText(text: string): string {
  return text.replace(/\r\n?/gu, '\n').trim();
}

const SUSPICIOUS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

/** True when the text (line ends already made LF) holds a control character other than LF and tab. */
export function hasSuspiciousControl(text: string): boolean {
  return SUSPICIOUS.test(text);
}
