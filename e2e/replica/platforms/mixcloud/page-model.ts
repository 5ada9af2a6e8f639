/**
 * What a www.mixcloud.com page shows, fetched with the shared GraphQL documents. The server calls
 * loadPage with an in-process runner; the page client with fetch() to app.mixcloud.com/graphql.
 */
import {
  extractList, listRequest, PROFILE_QUERY, SEARCH_USERS_QUERY, SHOW_PAGE_QUERY,
  type GraphqlBody, type ListKind, type ListParams, type ListResult, type ProfileData, type ShowData, type UserCard,
} from './queries';
import type { PageRoute, ProfileTab } from './routes';

export type RunQuery = (body: GraphqlBody) => Promise<{ data?: Record<string, unknown> | null }>;

export interface PageList extends ListResult {
  kind: ListKind;
  params: ListParams;
}

export type PageModel =
  | { kind: 'home'; list: PageList }
  | { kind: 'show'; show: ShowData }
  | { kind: 'profile'; tab: ProfileTab; profile: ProfileData; list: PageList }
  | { kind: 'playlist'; username: string; slug: string; list: PageList }
  | { kind: 'discover'; tag: string; list: PageList }
  | { kind: 'search'; term: string; list: PageList; users: UserCard[] }
  | { kind: 'notFound' };

/** The show the player holds when a page is first loaded: the page's show, else its first list item. */
export function playerCandidate(model: PageModel): { username: string; slug: string } | undefined {
  if (model.kind === 'show') return { username: model.show.owner.username, slug: model.show.slug };
  if (model.kind === 'notFound') return undefined;
  const first = model.list.items[0];
  return first ? { username: first.owner.username, slug: first.slug } : undefined;
}

export async function loadList(run: RunQuery, kind: ListKind, params: ListParams, after: string | null): Promise<PageList | null> {
  const { data } = await run(listRequest(kind, params, after));
  const list = extractList(kind, data);
  return list ? { ...list, kind, params } : null;
}

export async function loadPage(route: PageRoute, run: RunQuery): Promise<PageModel> {
  switch (route.kind) {
    case 'home': {
      const list = await loadList(run, 'popular', {}, null);
      return list ? { kind: 'home', list } : { kind: 'notFound' };
    }
    case 'show': {
      const { data } = await run({ query: SHOW_PAGE_QUERY, variables: { lookup: { username: route.username, slug: route.slug } } });
      const show = data?.cloudcastLookup as ShowData | null | undefined;
      return show ? { kind: 'show', show } : { kind: 'notFound' };
    }
    case 'profile': {
      const [profile, list] = await Promise.all([
        run({ query: PROFILE_QUERY, variables: { lookup: { username: route.username } } }).then((r) => r.data?.userLookup as ProfileData | null),
        loadList(run, route.tab, { username: route.username }, null),
      ]);
      return profile && list ? { kind: 'profile', tab: route.tab, profile, list } : { kind: 'notFound' };
    }
    case 'playlist': {
      const list = await loadList(run, 'playlist', { username: route.username, slug: route.slug }, null);
      return list ? { kind: 'playlist', username: route.username, slug: route.slug, list } : { kind: 'notFound' };
    }
    case 'discover': {
      const list = await loadList(run, 'discover', { tag: route.tag }, null);
      return list ? { kind: 'discover', tag: route.tag, list } : { kind: 'notFound' };
    }
    case 'search': {
      const [list, users] = await Promise.all([
        loadList(run, 'search', { term: route.term }, null),
        run({ query: SEARCH_USERS_QUERY, variables: { term: route.term } }).then((r) => {
          const edges = ((r.data?.viewer as { search?: { searchQuery?: { users?: { edges?: ({ node: UserCard } | null)[] } } } } | undefined)
            ?.search?.searchQuery?.users?.edges ?? []);
          return edges.flatMap((e) => (e ? [e.node] : []));
        }),
      ]);
      return list ? { kind: 'search', term: route.term, list, users } : { kind: 'notFound' };
    }
    case 'notFound':
      return { kind: 'notFound' };
  }
}
