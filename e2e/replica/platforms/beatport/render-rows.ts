/**
 * Track rows and release cards as Beatport's tables draw them, from either catalog-shaped tracks or
 * the search service's shape. Pure string rendering; every value is escaped.
 */
import { CLS, cell, escapeHtml as e } from './render-html';
import { localeHref } from './routes';
import { slugify } from './slug';

/** Page data is untyped JSON from the wire: read it defensively. */
type AnyJson = any;

interface Person {
  id: number;
  name: string;
  slug: string;
}

export interface TrackRow {
  id: number;
  name: string;
  mixName: string;
  slug: string;
  artists: Person[];
  remixers: Person[];
  label?: Person;
  release?: { id: number; slug: string; image?: string };
  bpm: number | null;
  keyName: string | null;
  date: string;
  price: string;
  sampleUrl: string;
  sampleStart: number;
  sampleEnd: number;
}

const person = (p: AnyJson): Person => ({ id: Number(p?.id ?? 0), name: String(p?.name ?? ''), slug: String(p?.slug ?? '') || slugify(String(p?.name ?? '')) || '-' });

/** A `dynamic_uri` (or fixed uri) at the asked size. */
export function sized(image: AnyJson, size: string): string | undefined {
  if (typeof image === 'string') return image.replace(/\/image_size\/\d+x\d+\//, `/image_size/${size}/`);
  const dyn = image?.dynamic_uri;
  return typeof dyn === 'string' ? dyn.replace('{w}x{h}', size) : undefined;
}

export function rowFromTrack(t: AnyJson): TrackRow {
  const release = t?.release;
  return {
    id: Number(t?.id ?? 0),
    name: String(t?.name ?? ''),
    mixName: String(t?.mix_name ?? ''),
    slug: String(t?.slug ?? '') || '-',
    artists: Array.isArray(t?.artists) ? t.artists.map(person) : [],
    remixers: Array.isArray(t?.remixers) ? t.remixers.map(person) : [],
    label: release?.label ? person(release.label) : undefined,
    release: release ? { id: Number(release.id), slug: String(release.slug ?? '-'), image: sized(release.image, '95x95') } : undefined,
    bpm: typeof t?.bpm === 'number' ? t.bpm : null,
    keyName: t?.key?.name ?? null,
    date: String(t?.new_release_date ?? t?.publish_date ?? ''),
    price: String(t?.price?.display ?? ''),
    sampleUrl: String(t?.sample_url ?? ''),
    sampleStart: Number(t?.sample_start_ms ?? 0),
    sampleEnd: Number(t?.sample_end_ms ?? 0),
  };
}

/** The search service's track (`track_id`, `track_name`, `artists[{artist_id, artist_name, artist_type_name}]`). */
export function rowFromSearchTrack(t: AnyJson): TrackRow {
  const people = Array.isArray(t?.artists) ? t.artists : [];
  const as = (type: string) => people.filter((a: AnyJson) => a?.artist_type_name === type).map((a: AnyJson) => person({ id: a.artist_id, name: a.artist_name }));
  const name = String(t?.track_name ?? '');
  return {
    id: Number(t?.track_id ?? 0),
    name,
    mixName: String(t?.mix_name ?? ''),
    slug: slugify(name) || '-',
    artists: as('Artist'),
    remixers: as('Remixer'),
    label: t?.label ? person({ id: t.label.label_id, name: t.label.label_name }) : undefined,
    release: t?.release
      ? { id: Number(t.release.release_id), slug: slugify(String(t.release.release_name ?? '')) || '-', image: sized(String(t.release.release_image_uri ?? ''), '95x95') }
      : undefined,
    bpm: typeof t?.bpm === 'number' ? t.bpm : null,
    keyName: t?.key_name ?? null,
    date: String(t?.release_date ?? ''),
    price: String(t?.price?.display ?? ''),
    sampleUrl: String(t?.sample_url ?? ''),
    sampleStart: Number(t?.sample_start_ms ?? 0),
    sampleEnd: Number(t?.sample_end_ms ?? 0),
  };
}

function artistLinks(people: Person[], locale: string): string {
  return people.map((a) => `<a href="${e(localeHref(locale, `/artist/${a.slug}/${a.id}`))}">${e(a.name)}</a>`).join(', ');
}

export function renderRow(row: TrackRow, position: number, locale: string): string {
  const href = (path: string) => e(localeHref(locale, path));
  const art = row.release
    ? `<a class="artwork" href="${href(`/release/${row.release.slug}/${row.release.id}`)}"><img src="${e(row.release.image ?? '')}" width="95" height="95" alt="" loading="lazy"></a>`
    : '';
  const bpmKey = `${row.bpm === null ? '—' : `${row.bpm} BPM`} - ${e(row.keyName ?? '—')}`;
  return `<div class="${CLS.row}" data-testid="tracks-table-row" data-track-id="${row.id}" data-sample-url="${e(row.sampleUrl)}">`
    + cell('card', `<span class="${CLS.trackNo}">${position}</span>${art}`
      + `<button type="button" class="${CLS.playButton}" data-testid="play-button" aria-label="Play">▶</button>`
      + `<button type="button" data-testid="add-to-queue-button" aria-label="Add to queue">≡</button>`
      + `<button type="button" data-testid="add-to-playlist-button" aria-label="Add to playlist">+</button>`)
    + cell('title', `<div class="container"><a href="${href(`/track/${row.slug}/${row.id}`)}" title="${e(`${row.name} ${row.mixName}`)}">`
      + `<span class="${CLS.itemName}">${e(row.name)} <span>${e(row.mixName)}</span></span></a>`
      + `<div class="${CLS.artistNames}">${artistLinks(row.artists, locale)}</div>`
      + (row.remixers.length ? `<div class="remixers">Remix: ${artistLinks(row.remixers, locale)}</div>` : '')
      + '</div>')
    + cell('label', row.label ? `<a href="${href(`/label/${row.label.slug}/${row.label.id}`)}">${e(row.label.name)}</a>` : '')
    + cell('bpm', bpmKey)
    + cell('date', e(row.date))
    + cell('price', `<div class="${CLS.addToCart}"><button type="button">${e(row.price)}</button></div>`)
    + '</div>';
}

export function renderRows(rows: TrackRow[], firstPosition: number, locale: string): string {
  return rows.map((r, i) => renderRow(r, firstPosition + i, locale)).join('');
}

export function renderTable(rows: TrackRow[], firstPosition: number, locale: string, nextPage: number | null): string {
  return `<div class="${CLS.table}" role="table" data-testid="tracks-table"${nextPage ? ` data-next-page="${nextPage}"` : ''}>${renderRows(rows, firstPosition, locale)}</div>`;
}

export function renderReleaseCard(r: AnyJson, locale: string): string {
  const href = e(localeHref(locale, `/release/${String(r?.slug ?? '-')}/${Number(r?.id ?? 0)}`));
  const artists = Array.isArray(r?.artists) ? r.artists.map(person) : [];
  return `<div class="${CLS.releaseCard}" data-testid="release-card" data-release-id="${Number(r?.id ?? 0)}">`
    + `<a class="artwork" href="${href}"><img src="${e(sized(r?.image, '250x250') ?? '')}" width="250" height="250" alt="" loading="lazy"></a>`
    + `<a class="${CLS.releaseCardName}" href="${href}">${e(r?.name)}</a>`
    + `<div class="${CLS.artistNames}">${artistLinks(artists, locale)}</div>`
    + `<div class="label">${e(r?.label?.name)}</div></div>`;
}

export function renderReleaseGrid(releases: AnyJson[], locale: string, nextPage: number | null): string {
  return `<div class="release-grid" data-testid="releases-grid"${nextPage ? ` data-next-page="${nextPage}"` : ''}>${releases.map((r) => renderReleaseCard(r, locale)).join('')}</div>`;
}
