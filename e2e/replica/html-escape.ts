/**
 * HTML escaping for every replica renderer, server side and in the bundled page clients alike: the
 * catalogues hold hostile text on purpose, and each of the five characters is replaced everywhere.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}
