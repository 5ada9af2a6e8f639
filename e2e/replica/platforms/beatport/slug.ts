/** Beatport-style slugs; shared by the catalogue (Node) and the page renderer (browser). */

/** Lowercase, ASCII, dash-separated: "The Tide / Concussion" -> "the-tide-concussion". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
