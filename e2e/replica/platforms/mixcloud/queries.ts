/**
 * The GraphQL documents the replica's pages use, shared by the server (run in-process for the first
 * render) and the page client (POSTed to app.mixcloud.com/graphql on SPA navigation, infinite scroll
 * and play). Operation names follow the real site's (PlayerControlsQuery, ...).
 */

export interface CardCloudcast {
  id: string;
  name: string;
  slug: string;
  audioLength: number | null;
  publishDate: string | null;
  isExclusive: boolean | null;
  restrictedReason: string | null;
  plays: number | null;
  hiddenStats: boolean | null;
  owner: { username: string; displayName: string };
  picture: { urlRoot: string | null } | null;
  tags: ({ tag: { name: string | null; slug: string } } | null)[];
}

export type SectionData =
  | { __typename: 'TrackSection'; artistName: string | null; songName: string | null; startSeconds: number | null }
  | { __typename: 'ChapterSection'; chapter: string | null; startSeconds: number | null };

export interface ShowData extends CardCloudcast {
  description: string | null;
  canShowTracklist: boolean;
  featuringArtistList: (string | null)[] | null;
  favorites: { totalCount: number };
  sections: SectionData[] | null;
  comments: { totalCount: number; edges: ({ node: { comment: string; created: string | null; user: { username: string; displayName: string } | null } } | null)[] };
}

export interface ProfileData {
  id: string;
  username: string;
  displayName: string;
  city: string | null;
  country: string | null;
  biog: string | null;
  isSelect: boolean | null;
  picture: { urlRoot: string | null } | null;
  followers: { totalCount: number };
  followings: { totalCount: number };
}

export interface PlayerData {
  id: string;
  name: string;
  slug: string;
  audioLength: number | null;
  isExclusive: boolean | null;
  restrictedReason: string | null;
  owner: { username: string; displayName: string };
  picture: { urlRoot: string | null } | null;
  streamInfo: { url: string | null; hlsUrl: string | null; dashUrl: string | null; uuid: string } | null;
}

export interface UserCard {
  username: string;
  displayName: string;
  city: string | null;
  picture: { urlRoot: string | null } | null;
}

export interface PageInfoData {
  endCursor: string | null;
  hasNextPage: boolean;
}

const CARD = `fragment CloudcastCard_cloudcast on Cloudcast {
  id name slug audioLength publishDate isExclusive restrictedReason plays hiddenStats
  owner { username displayName }
  picture { urlRoot }
  tags { tag { name slug } }
}`;

export const SHOW_PAGE_QUERY = `query CloudcastHeroQuery($lookup: CloudcastLookup!) {
  cloudcastLookup(lookup: $lookup) {
    ...CloudcastCard_cloudcast
    description canShowTracklist featuringArtistList
    favorites { totalCount }
    sections {
      __typename
      ... on TrackSection { artistName songName startSeconds }
      ... on ChapterSection { chapter startSeconds }
    }
    comments(first: 20) { totalCount edges { node { comment created user { username displayName } } } }
  }
}
${CARD}`;

export const PROFILE_QUERY = `query ProfileHeaderQuery($lookup: UserLookup!) {
  userLookup(lookup: $lookup) {
    id username displayName city country biog isSelect
    picture { urlRoot }
    followers(first: 0) { totalCount }
    followings(first: 0) { totalCount }
  }
}`;

export const PLAYER_QUERY = `query PlayerControlsQuery($lookup: CloudcastLookup!) {
  cloudcastLookup(lookup: $lookup) {
    id name slug audioLength isExclusive restrictedReason
    owner { username displayName }
    picture { urlRoot }
    streamInfo { url hlsUrl dashUrl uuid }
  }
}`;

export const SEARCH_USERS_QUERY = `query SearchUsersQuery($term: String!) {
  viewer { search { searchQuery(term: $term) { users(first: 10) { edges { node { username displayName city picture { urlRoot } } } } } } }
}`;

export type ListKind = 'uploads' | 'favorites' | 'listens' | 'stream' | 'playlist' | 'discover' | 'search' | 'popular';

export interface ListParams {
  username?: string;
  slug?: string;
  tag?: string;
  term?: string;
}

export const LIST_PAGE_SIZE = 20;

const PAGE = 'pageInfo { endCursor hasNextPage }';
const NODES = `edges { node { ...CloudcastCard_cloudcast } } ${PAGE}`;

const LIST_QUERIES: Record<ListKind, string> = {
  uploads: `query UserUploadsQuery($lookup: UserLookup!, $first: Int, $after: String) {
    userLookup(lookup: $lookup) { uploads(first: $first, after: $after, orderBy: LATEST) { ${NODES} } } }`,
  favorites: `query UserFavoritesQuery($lookup: UserLookup!, $first: Int, $after: String) {
    userLookup(lookup: $lookup) { favorites(first: $first, after: $after) { ${NODES} } } }`,
  stream: `query UserStreamQuery($lookup: UserLookup!, $first: Int, $after: String) {
    userLookup(lookup: $lookup) { stream(first: $first, after: $after) { ${NODES} } } }`,
  listens: `query UserListensQuery($lookup: UserLookup!, $first: Int, $after: String) {
    userLookup(lookup: $lookup) { listeningHistory(first: $first, after: $after) { edges { node { cloudcast { ...CloudcastCard_cloudcast } } } ${PAGE} } } }`,
  playlist: `query PlaylistQuery($lookup: PlaylistLookup!, $first: Int, $after: String) {
    playlistLookup(lookup: $lookup) { name slug description owner { username displayName }
      items(first: $first, after: $after) { edges { node { cloudcast { ...CloudcastCard_cloudcast } } } ${PAGE} } } }`,
  discover: `query DiscoverShowsQuery($tags: [DiscoverTagType], $first: Int, $after: String) {
    viewer { discover(discoverTags: $tags) { name shows(first: $first, after: $after) { ${NODES} } } } }`,
  popular: `query HomePopularQuery($first: Int, $after: String) {
    viewer { discover(discoverTags: []) { name shows(first: $first, after: $after, orderBy: POPULAR) { ${NODES} } } } }`,
  search: `query SearchCloudcastsQuery($term: String!, $first: Int, $after: String) {
    viewer { search { searchQuery(term: $term) { cloudcasts(first: $first, after: $after) { ${NODES} } } } } }`,
};

export interface GraphqlBody {
  query: string;
  variables: Record<string, unknown>;
}

export function listRequest(kind: ListKind, params: ListParams, after: string | null): GraphqlBody {
  const variables: Record<string, unknown> = { first: LIST_PAGE_SIZE, after };
  if (kind === 'playlist') variables.lookup = { username: params.username, slug: params.slug };
  else if (kind === 'discover') variables.tags = [{ slug: params.tag, type: 'TAG' }];
  else if (kind === 'search') variables.term = params.term ?? '';
  else if (kind !== 'popular') variables.lookup = { username: params.username };
  return { query: `${LIST_QUERIES[kind]}\n${CARD}`, variables };
}

export interface ListResult {
  items: CardCloudcast[];
  pageInfo: PageInfoData;
  /** Playlist or discover name, when the list has one. */
  title?: string;
  description?: string | null;
  owner?: { username: string; displayName: string };
}

type Conn = { edges: ({ node: CardCloudcast | { cloudcast: CardCloudcast } } | null)[]; pageInfo: PageInfoData } | null | undefined;

function fromConnection(conn: Conn): ListResult | null {
  if (!conn) return null;
  const items = conn.edges.flatMap((e) => (e ? ['cloudcast' in e.node ? e.node.cloudcast : e.node] : []));
  return { items, pageInfo: conn.pageInfo };
}

/** The list inside a list query's data; null when the user, playlist or tag does not exist. */
export function extractList(kind: ListKind, data: Record<string, unknown> | null | undefined): ListResult | null {
  const d = data as Record<string, Record<string, unknown> | null> | null | undefined;
  if (kind === 'playlist') {
    const p = d?.playlistLookup as { name: string; description: string | null; owner: ListResult['owner']; items: Conn } | null | undefined;
    const list = fromConnection(p?.items);
    return list && p ? { ...list, title: p.name, description: p.description, ...(p.owner ? { owner: p.owner } : {}) } : null;
  }
  if (kind === 'discover' || kind === 'popular') {
    const disc = d?.viewer?.discover as { name: string | null; shows: Conn } | null | undefined;
    const list = fromConnection(disc?.shows);
    return list ? { ...list, title: disc?.name ?? '' } : null;
  }
  if (kind === 'search') {
    const q = (d?.viewer?.search as { searchQuery?: { cloudcasts: Conn } } | undefined)?.searchQuery;
    return fromConnection(q?.cloudcasts);
  }
  const user = d?.userLookup as Record<string, Conn> | null | undefined;
  const field = kind === 'listens' ? 'listeningHistory' : kind;
  return fromConnection(user?.[field]);
}
