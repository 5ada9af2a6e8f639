/**
 * The main content of every page kind, rendered from pageProps alone (the same JSON the server embeds
 * and /_next/data returns), so the server and the browser client draw identical markup.
 */
import { PAGED_KINDS, listKey, pageNumber, QK, queryData } from './query-keys';
import { CLS, escapeHtml as e } from './render-html';
import { rowFromSearchTrack, rowFromTrack, renderReleaseGrid, renderTable, sized, type TrackRow } from './render-rows';
import { localeHref, type PageRoute } from './routes';
import { slugify } from './slug';

/** Page data is untyped JSON from the wire: read it defensively. */
type AnyJson = any;

export interface PageView {
  title: string;
  main: string;
}

const SUFFIX = ' | Music & Downloads on Beatport';
const names = (list: AnyJson) => (Array.isArray(list) ? list.map((a: AnyJson) => String(a?.name ?? '')).join(', ') : '');

/** The page after the current one, from an envelope's `page` ("2/5") or `count`/`per_page`. */
export function nextPageOf(envelope: AnyJson): number | null {
  const m = /^(\d+)\/(\d+)$/.exec(String(envelope?.page ?? ''));
  if (m) return Number(m[1]) < Number(m[2]) ? Number(m[1]) + 1 : null;
  const page = Number(envelope?.page ?? 1);
  const pages = Math.ceil(Number(envelope?.count ?? 0) / Math.max(1, Number(envelope?.per_page ?? 1)));
  return page < pages ? page + 1 : null;
}

/** Rows of a list envelope: catalog `results`, or the search service's `data`. */
export function rowsOf(envelope: AnyJson): TrackRow[] {
  if (Array.isArray(envelope?.results)) return envelope.results.map(rowFromTrack);
  if (Array.isArray(envelope?.data)) return envelope.data.map(rowFromSearchTrack);
  return [];
}

function heading(text: string, cls: string = CLS.headerName): string {
  return `<h1 class="${cls}">${e(text)}</h1>`;
}

function pager(route: PageRoute, next: number | null): string {
  const page = pageNumber(route);
  const link = (n: number) => {
    const params = new URLSearchParams(route.query);
    for (const k of ['id', 'description']) params.delete(k);
    params.set('page', String(n));
    return e(`${localeHref(route.locale, route.path)}?${params}`);
  };
  const prev = page > 1 ? `<a href="${link(page - 1)}" rel="prev">Previous</a>` : '';
  const more = next ? `<a href="${link(next)}" rel="next">Next</a><button type="button" data-testid="load-more">Load more</button>` : '';
  return prev || more ? `<nav class="${CLS.pager}" data-testid="pager"><span>Page ${page}</span>${prev}${more}</nav>` : '';
}

/** The main list as a table (or release grid), with paging where the page kind has it. */
function mainList(route: PageRoute, props: AnyJson): string {
  const key = listKey(route);
  const envelope = key ? queryData(props, key) : undefined;
  const paged = PAGED_KINDS.includes(route.kind);
  const next = paged ? nextPageOf(envelope) : null;
  const perPage = Number((envelope as AnyJson)?.per_page ?? 25);
  const first = paged ? (pageNumber(route) - 1) * perPage + 1 : 1;
  if (route.kind === 'label') {
    const releases = Array.isArray((envelope as AnyJson)?.results) ? (envelope as AnyJson).results : [];
    return renderReleaseGrid(releases, route.locale, next) + pager(route, next);
  }
  return renderTable(rowsOf(envelope), first, route.locale, next) + (paged ? pager(route, next) : '');
}

function trackPage(route: PageRoute, props: AnyJson): PageView {
  const t: AnyJson = queryData(props, QK.track(route.query.id ?? '')) ?? props?.track;
  const row = rowFromTrack(t);
  const meta: [string, string][] = [
    ['Length', String(t?.length ?? '')], ['Released', row.date], ['BPM', row.bpm === null ? '—' : String(row.bpm)],
    ['Key', row.keyName ?? '—'], ['Genre', String(t?.genre?.name ?? '')], ['Label', row.label?.name ?? ''],
  ];
  const main = `<div class="TrackDetailCard-style__Wrapper-sc-9e3b2f1a-0 track-detail" data-track-id="${row.id}" data-sample-url="${e(row.sampleUrl)}">`
    + `<img class="cover" src="${e(sized(t?.release?.image, '500x500') ?? '')}" width="500" height="500" alt="">`
    + `<div class="info">${heading(row.name, CLS.trackName)}<span class="${CLS.trackMix}">${e(row.mixName)}</span>`
    + `<div class="${CLS.artistNames}">${row.artists.map((a) => `<a href="${e(localeHref(route.locale, `/artist/${a.slug}/${a.id}`))}">${e(a.name)}</a>`).join(', ')}</div>`
    + `<ul class="${CLS.trackMeta}">${meta.map(([k, v]) => `<li><span>${e(k)}</span><span>${e(v)}</span></li>`).join('')}</ul>`
    + `<button type="button" class="${CLS.playButton}" data-testid="play-button" aria-label="Play">▶ Play</button>`
    + `<img class="waveform" src="${e(t?.image?.uri ?? '')}" alt="" width="1500" height="250"></div></div>`;
  return { title: `${names(t?.artists)} - ${row.name} (${row.mixName})${row.label ? ` [${row.label.name}]` : ''}${SUFFIX}`, main };
}

function releasePage(route: PageRoute, props: AnyJson): PageView {
  const r: AnyJson = queryData(props, QK.release(route.query.id ?? '')) ?? props?.release;
  const recs: AnyJson = queryData(props, QK.releaseRecommendations(route.query.id ?? ''));
  const main = `<div class="ReleaseDetailCard-style__Wrapper-sc-7e5f3b12-0 release-detail" data-release-id="${Number(r?.id ?? 0)}">`
    + `<img class="cover" src="${e(sized(r?.image, '500x500') ?? '')}" width="500" height="500" alt="">`
    + `<div class="info">${heading(String(r?.name ?? ''), CLS.releaseName)}<div class="${CLS.artistNames}">${e(names(r?.artists))}</div>`
    + `<ul class="${CLS.releaseMeta}"><li><span>Label</span><span>${e(r?.label?.name)}</span></li><li><span>Catalog</span><span>${e(r?.catalog_number)}</span></li>`
    + `<li><span>Release Date</span><span>${e(r?.new_release_date)}</span></li></ul></div></div>`
    + mainList(route, props)
    + (Array.isArray(recs?.results) && recs.results.length ? `<h2>You may also like</h2>${renderReleaseGrid(recs.results, route.locale, null)}` : '');
  return { title: `${names(r?.artists)} - ${String(r?.name ?? '')} [${String(r?.label?.name ?? '')}]${SUFFIX}`, main };
}

function searchPage(route: PageRoute, props: AnyJson): PageView {
  const q = route.query.q ?? '';
  const data: AnyJson = queryData(props, listKey(route) ?? '');
  const section = (title: string, body: string) => `<section class="search-section"><h2>${e(title)}</h2>${body}</section>`;
  const releases = (data?.releases?.data ?? []).map((r: AnyJson) => ({
    id: r.release_id, slug: slugify(String(r.release_name ?? '')) || '-', name: r.release_name,
    image: r.release_image_uri, artists: (r.artists ?? []).map((a: AnyJson) => ({ id: a.artist_id, name: a.artist_name })), label: { name: r.label?.label_name },
  }));
  const people = (list: AnyJson[], kind: 'artist' | 'label') => `<ul class="entity-list">${list.map((x: AnyJson) => {
    const name = String(x?.[`${kind}_name`] ?? '');
    const slug = slugify(name) || '-';
    return `<li><a href="${e(localeHref(route.locale, `/${kind}/${slug}/${Number(x?.[`${kind}_id`] ?? 0)}`))}">${e(name)}</a></li>`;
  }).join('')}</ul>`;
  const main = heading(`Search results for "${q}"`)
    + `<a class="see-all" href="${e(localeHref(route.locale, `/search/tracks?q=${encodeURIComponent(q)}`))}">See all tracks</a>`
    + section('Tracks', renderTable(rowsOf(data?.tracks), 1, route.locale, null))
    + section('Releases', renderReleaseGrid(releases, route.locale, null))
    + section('Artists', people(data?.artists?.data ?? [], 'artist'))
    + section('Labels', people(data?.labels?.data ?? [], 'label'));
  return { title: `Search results for ${q}${SUFFIX}`, main };
}

function entityTitle(route: PageRoute, props: AnyJson): string {
  const id = route.query.id ?? '';
  switch (route.kind) {
    case 'artist': return String((queryData(props, QK.artist(id)) as AnyJson)?.name ?? '');
    case 'label': return String((queryData(props, QK.label(id)) as AnyJson)?.name ?? '');
    case 'chart': return String((queryData(props, QK.chart(id)) as AnyJson)?.name ?? '');
    case 'genre': return String((queryData(props, QK.genre(id)) as AnyJson)?.name ?? '');
    case 'genreTop100': return `${String((queryData(props, QK.genre(id)) as AnyJson)?.name ?? '')} Top 100`;
    case 'genreHype100': return `${String((queryData(props, QK.genre(id)) as AnyJson)?.name ?? '')} Hype Top 100`;
    case 'top100': return 'Beatport Top 100';
    case 'hype100': return 'Hype Top 100';
    case 'searchTracks': return `Tracks matching "${route.query.q ?? ''}"`;
    default: return 'Beatport: DJ & Dance Music, Tracks & Mixes';
  }
}

export function renderPage(route: PageRoute, props: AnyJson): PageView {
  if (route.kind === 'track') return trackPage(route, props);
  if (route.kind === 'release') return releasePage(route, props);
  if (route.kind === 'search') return searchPage(route, props);
  const title = entityTitle(route, props);
  let intro = '';
  if (route.kind === 'genre') {
    const base = route.path;
    intro = `<nav class="genre-links"><a href="${e(localeHref(route.locale, `${base}/top-100`))}">Top 100</a><a href="${e(localeHref(route.locale, `${base}/hype-100`))}">Hype 100</a></nav>`;
  }
  if (route.kind === 'home') intro = '<h2>Top 10 Tracks</h2>';
  if (route.kind === 'label') {
    const top = queryData(props, QK.labelTopTracks(route.query.id ?? ''));
    intro = `<h2>Top 10 Tracks</h2>${renderTable(rowsOf(top), 1, route.locale, null)}<h2>Releases</h2>`;
  }
  return { title: route.kind === 'home' ? title : `${title}${SUFFIX}`, main: heading(title) + intro + mainList(route, props) };
}
