/**
 * Pure HTML for the main content of www.mixcloud.com pages, used by the server and the page client
 * alike. Every string from the catalogue goes through `esc` (the catalogue holds hostile text).
 * The data-testid attributes are the replica's stable hooks (listed in the report and fixtures).
 */
import type { PageList, PageModel } from './page-model';
import type { CardCloudcast, ProfileData, SectionData, ShowData, UserCard } from './queries';
import { showPath, tagPath, userPath, type ProfileTab } from './routes';
import { sc } from './styles';
import { escapeHtml as esc } from '../../html-escape';

export { esc };

export function thumb(urlRoot: string | null | undefined, size: number): string {
  return urlRoot ? `https://thumbnailer.mixcloud.com/unsafe/${size}x${size}/${urlRoot}` : '';
}

/** 480 -> "8:00", 7200 -> "2:00:00". */
export function clock(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.floor(seconds % 60);
  const mm = h ? String(m).padStart(2, '0') : String(m);
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "2024-03-02T20:00:00Z" -> "2 Mar 2024" (no locale: server and browser must agree). */
export function day(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? ''} ${m[1]}` : '';
}

function img(component: string, testid: string, urlRoot: string | null | undefined, size: number): string {
  const src = thumb(urlRoot, size * 2);
  return `<img class="${sc(component)}" data-testid="${testid}" ${src ? `src="${esc(src)}"` : ''} alt="" width="${size}" height="${size}" loading="lazy">`;
}

function tagChips(tags: CardCloudcast['tags'], testid: string): string {
  const items = tags.flatMap((t) => (t ? [t.tag] : []));
  if (!items.length) return '';
  return `<ul class="${sc('TagList')}" data-testid="${testid}s">${items
    .map((t) => `<li><a class="${sc('TagChip')}" data-testid="${testid}" href="${esc(tagPath(t.slug))}">${esc(t.name ?? t.slug)}</a></li>`)
    .join('')}</ul>`;
}

function badges(c: Pick<CardCloudcast, 'isExclusive' | 'restrictedReason'>, prefix: string): string {
  let out = '';
  if (c.isExclusive) out += `<span class="${sc('Badge')}" data-testid="${prefix}-exclusive-badge">Select exclusive</span>`;
  if (c.restrictedReason) out += `<span class="${sc('Badge')}" data-testid="${prefix}-restricted-badge" data-restricted-reason="${esc(c.restrictedReason)}">Restricted</span>`;
  return out;
}

export function renderCard(c: CardCloudcast): string {
  const href = showPath(c.owner.username, c.slug);
  return `<li class="${sc('Card')}" data-testid="cloudcast-card">${img('CardArt', 'cloudcast-card-image', c.picture?.urlRoot, 88)}
<button class="${sc('SmallPlayButton')}" data-testid="cloudcast-card-play-button" aria-label="Play" type="button">▶</button>
<div class="${sc('CardBody')}"><a class="${sc('CardTitle')}" data-testid="cloudcast-card-title" href="${esc(href)}" title="${esc(c.name)}">${esc(c.name)}</a>
<a class="${sc('CardOwner')}" data-testid="cloudcast-card-owner" href="${esc(userPath(c.owner.username))}">${esc(c.owner.displayName)}</a>
<div>${badges(c, 'cloudcast-card')}<time class="${sc('CardOwner')}" datetime="${esc(c.publishDate)}">${esc(day(c.publishDate))}</time></div>
${tagChips(c.tags, 'cloudcast-card-tag')}</div>
<span class="${sc('Duration')}" data-testid="cloudcast-card-duration">${esc(clock(c.audioLength))}</span></li>`;
}

export function renderCards(items: CardCloudcast[]): string {
  return items.map(renderCard).join('\n');
}

/** A list the client can extend: the next page comes from `listRequest(kind, params, endCursor)`. */
export function renderList(list: PageList): string {
  const attrs = `data-list-kind="${esc(list.kind)}" data-list-params="${esc(JSON.stringify(list.params))}" data-end-cursor="${esc(list.pageInfo.endCursor ?? '')}" data-has-next-page="${list.pageInfo.hasNextPage}"`;
  const empty = list.items.length ? '' : `<p class="${sc('Meta')}" data-testid="cloudcast-list-empty">Nothing here yet.</p>`;
  return `<ul class="${sc('CardList')}" data-testid="cloudcast-list" ${attrs}>\n${renderCards(list.items)}\n</ul>${empty}
<div class="${sc('ListEnd')}" data-testid="cloudcast-list-end">${list.pageInfo.hasNextPage ? 'Loading more…' : ''}</div>`;
}

function sectionRow(s: SectionData): string {
  const time = `<span class="${sc('TrackTime')}" data-testid="tracklist-time">${esc(clock(s.startSeconds))}</span>`;
  if (s.__typename === 'ChapterSection') {
    return `<li class="${sc('TracklistRow')}" data-testid="tracklist-row" data-section-type="chapter">${time}<span data-testid="tracklist-chapter">${esc(s.chapter)}</span></li>`;
  }
  return `<li class="${sc('TracklistRow')}" data-testid="tracklist-row" data-section-type="track">${time}<span><span data-testid="tracklist-song">${esc(s.songName)}</span> by <span data-testid="tracklist-artist">${esc(s.artistName)}</span></span></li>`;
}

function renderShow(s: ShowData): string {
  const sections = s.sections ?? [];
  const tracklist = sections.length
    ? `<ol class="${sc('Tracklist')}" data-testid="tracklist">${sections.map(sectionRow).join('')}</ol>`
    : `<p class="${sc('Meta')}" data-testid="tracklist-empty">No tracklist for this show.</p>`;
  const notice = s.restrictedReason
    ? `<p class="${sc('Notice')}" data-testid="cloudcast-restricted-notice">${s.restrictedReason === 'repeat_play' ? 'You have reached your play limit for this show.' : 'This show is not available to you.'}</p>`
    : s.isExclusive ? `<p class="${sc('Notice')}" data-testid="cloudcast-exclusive-notice">Subscribe to ${esc(s.owner.displayName)} on Select to listen.</p>` : '';
  const plays = s.hiddenStats ? '' : ` · ${esc(s.plays ?? 0)} plays · ${esc(s.favorites.totalCount)} favourites`;
  const comments = s.comments.edges.flatMap((e) => (e ? [e.node] : []));
  return `<section class="${sc('Hero')}" data-testid="cloudcast-hero">${img('HeroArt', 'cloudcast-image', s.picture?.urlRoot, 240)}
<div><h1 class="${sc('Title')}" data-testid="cloudcast-title">${esc(s.name)}</h1>
<a class="${sc('OwnerLink')}" data-testid="cloudcast-owner-link" href="${esc(userPath(s.owner.username))}">${esc(s.owner.displayName)}</a>
<div class="${sc('Meta')}"><time data-testid="cloudcast-date" datetime="${esc(s.publishDate)}">${esc(day(s.publishDate))}</time> · <span data-testid="cloudcast-duration">${esc(clock(s.audioLength))}</span>${plays}</div>
<div>${badges(s, 'cloudcast')}</div>${notice}
<button class="${sc('PlayButton')}" data-testid="cloudcast-play-button" aria-label="Play" type="button">▶</button>
${tagChips(s.tags, 'cloudcast-tag')}</div></section>
${s.description ? `<p class="${sc('Description')}" data-testid="cloudcast-description">${esc(s.description)}</p>` : ''}
<h2 class="${sc('SectionTitle')}">Tracklist</h2>${tracklist}
<h2 class="${sc('SectionTitle')}">Comments (${esc(s.comments.totalCount)})</h2>
<ul data-testid="comments" style="list-style:none;padding:0">${comments
    .map((c) => `<li class="${sc('Comment')}" data-testid="comment"><b>${esc(c.user?.displayName ?? 'Deleted user')}</b> ${esc(c.comment)}</li>`)
    .join('')}</ul>`;
}

function renderProfile(p: ProfileData, tab: ProfileTab, list: PageList): string {
  const tabs: ProfileTab[] = ['uploads', 'favorites', 'listens', 'stream'];
  const place = [p.city, p.country].filter(Boolean).join(', ');
  return `<section class="${sc('ProfileHeader')}" data-testid="profile-header">${img('Avatar', 'profile-image', p.picture?.urlRoot, 120)}
<div><h1 class="${sc('PageTitle')}" data-testid="profile-display-name">${esc(p.displayName)}</h1>
<div class="${sc('Meta')}"><span data-testid="profile-location">${esc(place)}</span> · <span data-testid="profile-followers">${esc(p.followers.totalCount)} followers</span> · ${esc(p.followings.totalCount)} following${p.isSelect ? ` <span class="${sc('Badge')}">Select</span>` : ''}</div>
${p.biog ? `<p class="${sc('Description')}" data-testid="profile-biog">${esc(p.biog)}</p>` : ''}</div></section>
<nav class="${sc('Tabs')}" data-testid="profile-tabs">${tabs
    .map((t) => `<a class="${sc('Tab')}" data-testid="profile-tab-${t}" data-active="${t === tab}" href="${esc(userPath(p.username, t))}">${t[0]?.toUpperCase()}${t.slice(1)}</a>`)
    .join('')}</nav>
${renderList(list)}`;
}

function renderUsers(users: UserCard[]): string {
  if (!users.length) return '';
  return `<h2 class="${sc('SectionTitle')}">Creators</h2><ul class="${sc('CardList')}" data-testid="user-list">${users
    .map((u) => `<li class="${sc('Card')}" data-testid="user-card">${img('Avatar', 'user-card-image', u.picture?.urlRoot, 48)}
<div class="${sc('CardBody')}"><a class="${sc('CardTitle')}" data-testid="user-card-link" href="${esc(userPath(u.username))}">${esc(u.displayName)}</a><span class="${sc('CardOwner')}">${esc(u.city)}</span></div></li>`)
    .join('')}</ul>`;
}

/** The <main> content of a page. */
export function renderMain(model: PageModel): string {
  switch (model.kind) {
    case 'show':
      return renderShow(model.show);
    case 'profile':
      return renderProfile(model.profile, model.tab, model.list);
    case 'playlist':
      return `<h1 class="${sc('PageTitle')}" data-testid="playlist-title">${esc(model.list.title)}</h1>
<a class="${sc('OwnerLink')}" data-testid="playlist-owner-link" href="${esc(userPath(model.list.owner?.username ?? model.username))}">${esc(model.list.owner?.displayName)}</a>
${model.list.description ? `<p class="${sc('Description')}">${esc(model.list.description)}</p>` : ''}${renderList(model.list)}`;
    case 'discover':
      return `<h1 class="${sc('PageTitle')}" data-testid="discover-title">${esc(model.list.title)} shows</h1>${renderList(model.list)}`;
    case 'search':
      return `<h1 class="${sc('PageTitle')}" data-testid="search-title">Results for “${esc(model.term)}”</h1>${renderUsers(model.users)}
<h2 class="${sc('SectionTitle')}">Shows</h2>${renderList(model.list)}`;
    case 'home':
      return `<h1 class="${sc('PageTitle')}" data-testid="home-title">Popular shows</h1>${renderList(model.list)}`;
    case 'notFound':
      return `<h1 class="${sc('PageTitle')}" data-testid="not-found">Sorry, we couldn’t find that page</h1>`;
  }
}

export function pageTitle(model: PageModel): string {
  switch (model.kind) {
    case 'show':
      return `${model.show.name} by ${model.show.owner.displayName} | Mixcloud`;
    case 'profile':
      return `${model.profile.displayName} | Mixcloud`;
    case 'playlist':
      return `${model.list.title ?? ''} | Mixcloud`;
    case 'discover':
      return `${model.list.title ?? model.tag} | Mixcloud`;
    case 'search':
      return `Search results for ${model.term} | Mixcloud`;
    case 'home':
      return 'Mixcloud';
    case 'notFound':
      return 'Page not found | Mixcloud';
  }
}
