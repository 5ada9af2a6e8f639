/** Metadata as plain text, for "copy tags" (one "Field: value" line per known field). */
import { convertKey, type KeyNotation } from './keys';
import type { TrackMetadata } from './track';

export function tagText(meta: TrackMetadata, notation: KeyNotation = 'standard'): string {
  const title = meta.mixName && !meta.title.includes(meta.mixName) ? `${meta.title} (${meta.mixName})` : meta.title;
  const lines: [string, string | number | undefined][] = [
    ['Title', title],
    ['Artists', meta.artists?.join(', ')],
    ['Remixers', meta.remixers?.join(', ')],
    ['Album', meta.album],
    ['Label', meta.label],
    ['Catalog', meta.catalogNumber],
    ['Genre', meta.subGenre ? `${meta.genre ?? ''} / ${meta.subGenre}` : meta.genre],
    ['BPM', meta.bpm !== undefined ? Math.round(meta.bpm) : undefined],
    ['Key', meta.key ? (convertKey(meta.key, notation) ?? meta.key) : undefined],
    ['Released', meta.releaseDate?.slice(0, 10)],
    ['ISRC', meta.isrc],
    ['URL', meta.url],
  ];
  return lines
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}
