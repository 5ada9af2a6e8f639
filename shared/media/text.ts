/**
 * Tag text hygiene shared by the ID3 and MP4 writers. Strings come from web pages: NUL would split
 * ID3 values and C0 controls upset readers, so they go; everything else (RTL marks, emoji, long
 * text) is kept as UTF-8.
 */

// C0 controls and DEL; single-line fields also drop CR/LF/TAB (replaced by a space).
const CONTROLS_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const CONTROLS_SINGLE_LINE = /[\u0000-\u001f\u007f]+/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanText(value: string, multiline = false): string {
  const cleaned = multiline
    ? value.replace(CONTROLS_MULTILINE, '')
    : value.replace(CONTROLS_SINGLE_LINE, (run) => (/[\t\n\r]/.test(run) ? ' ' : ''));
  // Lone surrogates would become U+FFFD when encoded anyway; make it explicit.
  return cleaned.replace(LONE_SURROGATE, '\ufffd');
}

/** A non-empty cleaned string, or undefined. */
export function presentText(value: string | undefined, multiline = false): string | undefined {
  if (value === undefined) return undefined;
  const cleaned = cleanText(value, multiline).trim();
  return cleaned === '' ? undefined : cleaned;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?)?)?/;

/**
 * A date in the ID3v2.4 timestamp subset of ISO 8601 ("2024", "2024-05", "2024-05-17",
 * "2024-05-17T13:45:00"); fractions and zones are dropped and midnight means a plain date
 * (release dates arrive as "2024-05-17T00:00:00Z"). Undefined when there is no leading year.
 */
export function normalizeDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = DATE.exec(value.trim());
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second] = m;
  if (!month) return year;
  if (!day) return `${year}-${month}`;
  const date = `${year}-${month}-${day}`;
  if (!hour || (hour === '00' && minute === '00' && (second ?? '00') === '00')) return date;
  return `${date}T${hour}:${minute}:${second ?? '00'}`;
}

/** Longest prefix of `bytes` that is at most `max` bytes and does not cut a UTF-8 sequence. */
export function truncateUtf8Bytes(bytes: Uint8Array, max: number): Uint8Array {
  if (bytes.length <= max) return bytes;
  let end = max;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}
