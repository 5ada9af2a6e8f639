/**
 * The GraphQL `streamInfo` obfuscation: each URL is XORed with a public cycling key, then base64'd.
 * No Node-only APIs here: the page client decodes with the same code, as the real site's JS does.
 */

/** The cycling key the site's own JS uses to decode streamInfo (public since 2018). */
export const MIXCLOUD_XOR_KEY = 'IFYOUWANTTHEARTISTSTOGETPAIDDONOTDOWNLOADFROMMIXCLOUD';

function xor(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = (bytes[i] ?? 0) ^ MIXCLOUD_XOR_KEY.charCodeAt(i % MIXCLOUD_XOR_KEY.length);
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

export function encodeStreamUrl(url: string): string {
  return toBase64(xor(new TextEncoder().encode(url)));
}

export function decodeStreamUrl(encoded: string): string {
  return new TextDecoder().decode(xor(fromBase64(encoded)));
}
