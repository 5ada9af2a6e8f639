/**
 * Catches a server answering with a web page, JSON or a playlist instead of media (error pages
 * with status 200, expired-link pages). Audio containers are binary within their first bytes
 * (MP4 sizes hold 0x00, TS PIDs 0x00, MPEG/ADTS sync 0xFF), so a prefix that is clean UTF-8 text
 * is never media.
 */
import { DeckhandError } from '../errors';

const PREFIX = 512;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isText(prefix: Uint8Array): boolean {
  for (const b of prefix) {
    if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) return false;
  }
  // Allow a multi-byte character cut at the end of the prefix.
  for (let cut = 0; cut < 4 && cut < prefix.length; cut++) {
    try {
      strictUtf8.decode(prefix.subarray(0, prefix.length - cut));
      return true;
    } catch {
      // try a shorter prefix
    }
  }
  return false;
}

function describe(text: string): string {
  const t = text.replace(/^\ufeff/, '').trimStart().toLowerCase();
  if (t.startsWith('<!doctype html') || t.startsWith('<html') || t.includes('<body')) return 'an HTML page';
  if (t.startsWith('<')) return 'XML/HTML';
  if (t.startsWith('{') || t.startsWith('[')) return 'JSON';
  if (t.startsWith('#extm3u')) return 'an HLS playlist';
  return 'text';
}

/** Throws media.bad-content-type when `bytes` look like text rather than audio. */
export function assertNotText(bytes: Uint8Array, what: string): void {
  if (bytes.length < 4) return;
  const prefix = bytes.subarray(0, Math.min(bytes.length, PREFIX));
  if (!isText(prefix)) return;
  const kind = describe(new TextDecoder().decode(prefix));
  throw new DeckhandError('media.bad-content-type', `${what} is ${kind}, not audio`);
}
