/**
 * Context menus. Each handler is a plain function of (info, tab) so tests can call it directly
 * (puppeteer cannot click native menus): the service worker exposes them as deckhand.menus.
 */
import { browser, type Browser } from 'wxt/browser';
import { DeckhandError } from '../../shared/errors';
import { PLATFORM_IDS, PLATFORM_NAMES, platformOfUrl, type PlatformId } from '../../shared/platform';
import type { TrackRef } from '../../shared/track';
import type { JobView } from '../../shared/jobs';
import { PLATFORMS } from '../platforms';
import { pageOf } from './pages';
import { searchQuery } from '../../shared/match';
import type { MatchOutcome, MatchSubject } from './enrich';
import { trackPageUrl } from '../platforms/beatport/links';
import { backgroundEnricher, notMatchable, subjectOfRef } from './enrich-handlers';

export interface MenuInfo {
  menuItemId?: string | number;
  pageUrl?: string;
  linkUrl?: string;
  selectionText?: string;
}
export interface MenuTab {
  id?: number;
  url?: string;
}
export interface MenuDeps {
  enqueue(ref: TrackRef): Promise<JobView>;
  openTab(url: string): Promise<unknown>;
  /** The Beatport match of an item ("Find on Beatport"); the background's enricher by default. */
  findMatch?(subject: MatchSubject): Promise<MatchOutcome>;
}

const SITE_PATTERNS = ['*://soundcloud.com/*', '*://*.soundcloud.com/*', '*://*.mixcloud.com/*', '*://*.beatport.com/*'];
const LINK_PATTERNS = [
  '*://soundcloud.com/*/*',
  '*://m.soundcloud.com/*/*',
  '*://www.mixcloud.com/*/*/',
  '*://www.mixcloud.com/*/*',
  '*://www.beatport.com/track/*',
  '*://www.beatport.com/release/*',
  '*://www.beatport.com/chart/*',
  '*://www.beatport.com/*/track/*',
  '*://www.beatport.com/*/release/*',
];

/** SoundCloud and Mixcloud pages and links "Find on Beatport" is offered on. */
const FIND_PAGE_PATTERNS = ['*://soundcloud.com/*', '*://m.soundcloud.com/*', '*://www.mixcloud.com/*'];
const FIND_LINK_PATTERNS = ['*://soundcloud.com/*/*', '*://m.soundcloud.com/*/*', '*://www.mixcloud.com/*/*'];

/** Links to audio files an upload can start from. */
const AUDIO_LINK_PATTERNS = ['mp3', 'm4a', 'aac', 'wav', 'aiff', 'aif', 'flac', 'ogg'].map((ext) => `*://*/*.${ext}`);
const UPLOAD_TARGETS = ['soundcloud', 'mixcloud'] as const;

export const SEARCH_URL: Record<PlatformId, (q: string) => string> = {
  soundcloud: (q) => `https://soundcloud.com/search?q=${encodeURIComponent(q)}`,
  mixcloud: (q) => `https://www.mixcloud.com/search/?q=${encodeURIComponent(q)}`,
  beatport: (q) => `https://www.beatport.com/search?q=${encodeURIComponent(q)}`,
};

function sameUrl(a: string, b: string): boolean {
  const norm = (u: string) => {
    try {
      const x = new URL(u);
      return `${x.host.replace(/^www\./, '')}${x.pathname.replace(/\/+$/, '')}`.toLowerCase();
    } catch {
      return u;
    }
  };
  return norm(a) === norm(b);
}

export function createMenuHandlers(deps: MenuDeps) {
  const queueAll = async (refs: TrackRef[]): Promise<JobView[]> => {
    const jobs: JobView[] = [];
    for (const ref of refs) if (!ref.unavailable) jobs.push(await deps.enqueue(ref));
    return jobs;
  };

  return {
    /** "Download this track/show": the page's own item (a track or show page). */
    async downloadThis(info: MenuInfo, tab?: MenuTab): Promise<JobView[]> {
      const url = info.pageUrl ?? tab?.url ?? '';
      const seen = tab?.id !== undefined ? (await pageOf(tab.id))?.tracks ?? [] : [];
      const own = seen.filter((r) => sameUrl(r.url, url));
      if (own.length) return queueAll(own.slice(0, 1));
      const platform = platformOfUrl(url);
      if (!platform) throw new DeckhandError('not-found', 'This page holds no track.');
      const refs = await PLATFORMS[platform].refsFromUrl(url);
      if (refs.length !== 1) throw new DeckhandError('not-found', 'This page is not a single track or show.');
      return queueAll(refs);
    },
    /**
     * "Download all tracks on this page": a set or a profile is asked of the platform (complete and in
     * its own order, even the rows not rendered yet); other pages give what the content script saw.
     */
    async downloadAll(info: MenuInfo, tab?: MenuTab): Promise<JobView[]> {
      const url = info.pageUrl ?? tab?.url ?? '';
      const seen = tab?.id !== undefined ? (await pageOf(tab.id))?.tracks ?? [] : [];
      const platform = platformOfUrl(url);
      const listed = platform ? await PLATFORMS[platform].refsFromUrl(url).catch(() => [] as TrackRef[]) : [];
      if (listed.length <= 1) return queueAll(seen);
      // Lists from an API may not say what the page knows (an exclusive show, a DRM-only track).
      const known = new Map(seen.map((r) => [`${r.platform}:${r.id}`, r]));
      return queueAll(listed.map((r) => ({ ...r, ...(known.get(`${r.platform}:${r.id}`)?.unavailable ? { unavailable: known.get(`${r.platform}:${r.id}`)!.unavailable } : {}) })));
    },
    /** "Download linked …": a track, set or show URL anywhere on the web. */
    async downloadLinked(info: MenuInfo): Promise<JobView[]> {
      const url = info.linkUrl ?? '';
      const platform = platformOfUrl(url);
      if (!platform) throw new DeckhandError('input.invalid', 'The link is not a SoundCloud, Mixcloud or Beatport page.');
      return queueAll(await PLATFORMS[platform].refsFromUrl(url));
    },
    /** "Upload to SoundCloud / Mixcloud" on a link to an audio file: the upload page, with that file. */
    async upload(platform: (typeof UPLOAD_TARGETS)[number], info: MenuInfo): Promise<string> {
      const link = info.linkUrl ?? '';
      if (!/^https?:\/\//.test(link)) throw new DeckhandError('input.invalid', 'The link is not a web address.');
      const url = `${browser.runtime.getURL('/upload.html')}?${new URLSearchParams({ platform, fileUrl: link })}`;
      await deps.openTab(url);
      return url;
    },
    /**
     * "Find on Beatport" on a SoundCloud/Mixcloud track page or link: the matched Beatport track in
     * a new tab, or a Beatport search when no match is confident (or the item is a mix).
     */
    async findOnBeatport(info: MenuInfo, tab?: MenuTab): Promise<string> {
      const url = info.linkUrl ?? info.pageUrl ?? tab?.url ?? '';
      const platform = platformOfUrl(url);
      if (!platform || platform === 'beatport') throw new DeckhandError('input.invalid', 'This is not a SoundCloud or Mixcloud track.');
      const seen = !info.linkUrl && tab?.id !== undefined ? (await pageOf(tab.id))?.tracks ?? [] : [];
      const refs = seen.filter((r) => sameUrl(r.url, url));
      const ref = refs[0] ?? (await PLATFORMS[platform].refsFromUrl(url)).find((r) => sameUrl(r.url, url));
      if (!ref) throw new DeckhandError('not-found', 'This page is not a single track.');
      const subject = subjectOfRef(ref);
      const outcome = notMatchable(ref) ? undefined : await (deps.findMatch ?? ((s) => backgroundEnricher.matchFor(s)))(subject);
      const target = outcome?.status === 'matched' ? trackPageUrl(outcome.match.id, outcome.match.track.slug) : SEARCH_URL.beatport(searchQuery(subject));
      await deps.openTab(target);
      return target;
    },
    /** "Search <platform> for …" on selected text. */
    async search(platform: PlatformId, info: MenuInfo): Promise<string> {
      const query = (info.selectionText ?? '').trim().slice(0, 200);
      const url = SEARCH_URL[platform](query);
      await deps.openTab(url);
      return url;
    },
  };
}
export type MenuHandlers = ReturnType<typeof createMenuHandlers>;

/** Create the menu items (idempotent) and route clicks to the handlers. */
export function installMenus(handlers: MenuHandlers, notify: (title: string, message: string) => void): void {
  const create = (props: Browser.contextMenus.CreateProperties) => {
    browser.contextMenus.create(props, () => void (globalThis as { chrome?: { runtime?: { lastError?: unknown } } }).chrome?.runtime?.lastError);
  };
  void browser.contextMenus.removeAll().then(() => {
    create({ id: 'dh-this', title: 'Download this track with Deckhand', contexts: ['page'], documentUrlPatterns: SITE_PATTERNS });
    create({ id: 'dh-all', title: 'Download all tracks on this page', contexts: ['page'], documentUrlPatterns: SITE_PATTERNS });
    create({ id: 'dh-linked', title: 'Download linked track, set or show', contexts: ['link'], targetUrlPatterns: LINK_PATTERNS });
    create({ id: 'dh-find-beatport', title: 'Find on Beatport', contexts: ['page'], documentUrlPatterns: FIND_PAGE_PATTERNS });
    create({ id: 'dh-find-beatport-link', title: 'Find linked track on Beatport', contexts: ['link'], targetUrlPatterns: FIND_LINK_PATTERNS });
    for (const p of PLATFORM_IDS) {
      create({ id: `dh-search-${p}`, title: `Search ${PLATFORM_NAMES[p]} for “%s”`, contexts: ['selection'] });
    }
    for (const p of UPLOAD_TARGETS) {
      create({ id: `dh-upload-${p}`, title: `Upload to ${PLATFORM_NAMES[p]}`, contexts: ['link'], targetUrlPatterns: AUDIO_LINK_PATTERNS });
    }
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    const id = String(info.menuItemId);
    const run =
      id === 'dh-this'
        ? handlers.downloadThis(info, tab)
        : id === 'dh-all'
          ? handlers.downloadAll(info, tab)
          : id === 'dh-linked'
            ? handlers.downloadLinked(info)
          : id === 'dh-find-beatport' || id === 'dh-find-beatport-link'
            ? handlers.findOnBeatport(info, tab)
            : id.startsWith('dh-upload-')
              ? handlers.upload(id.slice('dh-upload-'.length) as (typeof UPLOAD_TARGETS)[number], info)
            : id.startsWith('dh-search-')
              ? handlers.search(id.slice('dh-search-'.length) as PlatformId, info)
              : Promise.resolve();
    void Promise.resolve(run).then(
      (jobs) => {
        if (Array.isArray(jobs) && jobs.length > 1) notify('Deckhand', `${jobs.length} downloads queued.`);
      },
      (err: unknown) => {
        const e = DeckhandError.from(err);
        notify('Deckhand', e.message);
      },
    );
  });
}
