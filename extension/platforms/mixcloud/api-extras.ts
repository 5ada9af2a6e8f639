/**
 * The rest of Mixcloud's public API (api.mixcloud.com) beside browsing: a show's comments, the
 * categories, the signed-in user's feed (token in the query string: Mixcloud reads it nowhere else),
 * resolving a mixcloud.com address to what it shows (an object's API path is its page path), and
 * oEmbed. Lists page with the API's own `paging.next` (offset or until=), followed only on the API host.
 */
import type { EntityRef, TrackComment } from '../../../shared/browse';
import { DeckhandError } from '../../../shared/errors';
import type { TrackRef } from '../../../shared/track';
import { httpTransport, type McTransport } from './api';
import { MixcloudBrowse, playlistEntity, userEntity } from './browse';
import { refFromApi } from './normalise';
import type { McApiCloudcast, McApiNamed, McApiUser } from './types';
import { targetOf, WWW } from './urls';

/** One comment on a show (the popup's show view shows them). */
export type McComment = TrackComment;

export interface McCategory {
  slug: string;
  name: string;
  /** "music" or "talk" where the API says. */
  format?: string;
}

export type McResolved =
  | { kind: 'show'; track: TrackRef }
  | { kind: 'user' | 'playlist'; entity: EntityRef }
  | { kind: 'tag'; slug: string; name: string };

export interface McOembed {
  title: string;
  author?: string;
  authorUrl?: string;
  html: string;
  imageUrl?: string;
}

interface McApiComment {
  comment?: string;
  created_time?: string;
  user?: McApiUser | null;
}

interface McFeedItem {
  cloudcasts?: McApiCloudcast[];
}

const PAGE = 20;

export class MixcloudExtras {
  private readonly browse: MixcloudBrowse;

  constructor(
    private readonly transport: McTransport = httpTransport,
    private readonly endpoints = { api: 'https://api.mixcloud.com', oembed: 'https://app.mixcloud.com/oembed/' },
  ) {
    this.browse = new MixcloudBrowse(transport, endpoints.api);
  }

  /** One page of a show's comments, newest first (dated paging). */
  async comments(showKey: string, next?: string): Promise<{ items: McComment[]; next?: string }> {
    if (!next && !targetOf(showKey)) throw new DeckhandError('input.invalid', `Not a Mixcloud show: ${showKey}`);
    const page = await this.browse.page<McApiComment>(next ?? `${showKey}comments/`, 'list', PAGE);
    const items = page.data.flatMap((c): McComment[] => {
      if (!c.comment) return [];
      const author = c.user ? userEntity(c.user) : undefined;
      return [{ text: c.comment, ...(c.created_time ? { at: c.created_time } : {}), ...(author ? { author } : {}) }];
    });
    return { items, ...(page.next ? { next: page.next } : {}) };
  }

  /** Every category (music and talk), following the pages to the end. */
  async categories(): Promise<McCategory[]> {
    const out: McCategory[] = [];
    let next: string | undefined = '/categories/';
    for (let guard = 0; next && guard < 20; guard++) {
      const page: { data: (McApiNamed & { format?: string })[]; next?: string } = await this.browse.page(next, 'reference', 100);
      for (const c of page.data) if (c.slug && c.name) out.push({ slug: c.slug, name: c.name, ...(c.format ? { format: c.format } : {}) });
      next = page.next;
    }
    return out;
  }

  /** One page of the signed-in user's feed (shows of the people they follow). Never cached: it is theirs. */
  async feed(accessToken: string, next?: string): Promise<{ items: TrackRef[]; next?: string }> {
    const url = new URL(next ?? '/me/feed/', this.endpoints.api);
    if (url.host !== new URL(this.endpoints.api).host) throw new DeckhandError('input.invalid', 'Not a Mixcloud API link.');
    url.searchParams.set('access_token', accessToken);
    if (!url.searchParams.has('limit')) url.searchParams.set('limit', String(PAGE));
    const answer = await this.transport.getJson<{ data?: McFeedItem[]; paging?: { next?: string | null } }>(url.href).catch((err: unknown) => {
      const e = DeckhandError.from(err);
      // 401 OAuthException: the token was revoked or never valid (Mixcloud tokens do not expire on their own).
      throw e.status === 401 ? new DeckhandError('auth.revoked', 'Mixcloud no longer accepts this connection. Connect again.', { status: 401 }) : e;
    });
    const items = (answer?.data ?? []).flatMap((f) => f.cloudcasts ?? []).map(refFromApi).filter((r): r is TrackRef => !!r);
    const link = answer?.data?.length ? answer.paging?.next : undefined;
    const nextUrl = link ? new URL(link) : undefined;
    nextUrl?.searchParams.delete('access_token'); // the cursor handed out never carries the token
    return { items, ...(nextUrl && nextUrl.host === url.host ? { next: nextUrl.href } : {}) };
  }

  /** What a mixcloud.com address shows: a show, a user, a playlist or a tag. */
  async resolve(pageUrl: string): Promise<McResolved> {
    let url: URL;
    try {
      url = new URL(pageUrl);
    } catch {
      throw new DeckhandError('input.invalid', `Not a Mixcloud address: ${pageUrl}`);
    }
    const tag = /^\/(?:discover|genres)\/([^/]+)\/?$/.exec(url.pathname)?.[1];
    const target = targetOf(pageUrl);
    if (!/(^|\.)mixcloud\.com$/.test(url.hostname) || (!target && !tag)) throw new DeckhandError('not-found', `Nothing to open at ${pageUrl}.`);
    const path = tag ? `/discover/${tag}/` : target?.kind === 'user' ? `/${encodeURIComponent(target.username)}/` : url.pathname.replace(/\/?$/, '/');
    const object = await this.transport.getJson<McApiCloudcast & McApiUser & McApiNamed & { type?: string }>(new URL(path, this.endpoints.api).href, 'metadata');
    if (tag) return { kind: 'tag', slug: tag, name: object?.name ?? tag };
    if (target?.kind === 'show') {
      const track = refFromApi(object);
      if (track) return { kind: 'show', track };
    } else if (target?.kind === 'playlist') {
      const entity = playlistEntity({ ...object, key: object?.key ?? path });
      if (entity) return { kind: 'playlist', entity };
    } else {
      const entity = userEntity(object);
      if (entity) return { kind: 'user', entity };
    }
    throw new DeckhandError('not-found', `Mixcloud has nothing at ${pageUrl}.`);
  }

  /** oEmbed for a show (the embeddable player and its title, author and picture). */
  async oembed(showUrl: string): Promise<McOembed> {
    const key = targetOf(showUrl);
    if (key?.kind !== 'show') throw new DeckhandError('input.invalid', `Not a Mixcloud show: ${showUrl}`);
    const query = new URLSearchParams({ url: `${WWW}${key.key}`, format: 'json' });
    const o = await this.transport.getJson<{ title?: string; author_name?: string; author_url?: string; html?: string; image?: string }>(
      `${this.endpoints.oembed}?${query}`,
      'metadata',
    );
    if (!o?.html || !o.title) throw new DeckhandError('not-found', `Mixcloud has no embed for ${showUrl}.`);
    return {
      title: o.title,
      html: o.html,
      ...(o.author_name ? { author: o.author_name } : {}),
      ...(o.author_url ? { authorUrl: o.author_url } : {}),
      ...(o.image?.startsWith('https://') ? { imageUrl: o.image } : {}),
    };
  }
}
