/**
 * Server text made inert: what an ArcGIS Server (or a file someone else wrote) says is shown, never
 * obeyed. Terminal control characters (ESC, BEL, CSI and the other C0/C1 controls, a lone carriage return)
 * and the Unicode bidirectional overrides are removed, so a job message cannot move the cursor, retitle
 * the terminal, hide text or reorder a line; tab and line breaks (including CRLF) stay.
 */

/** C0 controls but tab, LF and CR; DEL; C1 controls; bidi embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

/** `text` without terminal control characters or bidi overrides (tabs and line breaks kept). */
export function inertText(text: string): string {
  return text.replace(UNSAFE, '');
}

/** Text a spreadsheet would run as a formula (after optional spaces; full-width signs too) or a DDE call. */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;

/**
 * One CSV cell, the only way any CSV of the app or the CLI is written: the text made inert, prefixed with
 * `'` when a spreadsheet would take it for a formula (OWASP's CSV injection advice), and quoted when it
 * holds a comma, quote, line break or edge spaces (quotes doubled). `null` is an empty cell; numbers are
 * written as they are.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = inertText(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
