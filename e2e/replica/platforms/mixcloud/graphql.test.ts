import { readFileSync } from 'node:fs';
import {
  buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType, type GraphQLField, type GraphQLInputField,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplica, type Replica } from '../../server';
import { MIXCLOUD_FIXTURES as F, MIXCLOUD_XOR_KEY } from './fixtures';
import { MIXCLOUD_SDL } from './graphql-schema';
import { decodeStreamUrl, encodeStreamUrl } from './stream-codec';
import { CAPTURES_DIR, graphqlPost, replicaFetch } from './testing';

let replica: Replica;
beforeAll(async () => {
  replica = await startReplica({ port: 0, lazyMedia: true });
});
afterAll(async () => replica.stop());

const lookup = (f: { username: string; slug: string }) => ({ lookup: { username: f.username, slug: f.slug } });
const CLOUDCAST_QUERY = `query Show($lookup: CloudcastLookup!) {
  cloudcastLookup(lookup: $lookup) {
    id name slug audioLength publishDate isExclusive restrictedReason canShowTracklist featuringArtistList plays
    owner { displayName username url }
    picture(width: 1024, height: 1024) { url urlRoot }
    streamInfo { hlsUrl dashUrl url uuid }
    tags { tag { name slug } }
    favorites { totalCount }
    comments(first: 2) { totalCount edges { node { comment user { username } } } pageInfo { hasNextPage } }
    sections { __typename ... on TrackSection { artistName songName startSeconds } ... on ChapterSection { chapter startSeconds } }
  }
}`;

type Show = {
  id: string; name: string; audioLength: number; isExclusive: boolean; restrictedReason: string | null;
  owner: { displayName: string; username: string; url: string }; picture: { url: string; urlRoot: string } | null;
  streamInfo: { hlsUrl: string; dashUrl: string; url: string; uuid: string } | null;
  sections: ({ __typename: string; startSeconds: number | null } & Record<string, unknown>)[];
  comments: { totalCount: number; edges: { node: { comment: string } }[]; pageInfo: { hasNextPage: boolean } };
};
const show = async (f: { username: string; slug: string }) =>
  (await graphqlPost<{ cloudcastLookup: Show | null }>(replica, CLOUDCAST_QUERY, lookup(f))).data?.cloudcastLookup;

describe('schema', () => {
  it('is a subset of the real 2021 SDL: every type, field, argument and type reference exists there', () => {
    const sdl = readFileSync(`${CAPTURES_DIR}/mc-graphql_schema-sdl_2021-09.graphql`, 'utf8').replace(/""""(\w*)""""/g, '"$1"');
    const real = buildSchema(sdl, { assumeValidSDL: true });
    const mine = buildSchema(MIXCLOUD_SDL);
    const problems: string[] = [];
    for (const type of Object.values(mine.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      const other = real.getType(type.name);
      if (!other || other.constructor !== type.constructor) {
        problems.push(`type ${type.name}`);
        continue;
      }
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        const theirs = (other as typeof type).getFields() as Record<string, GraphQLField<unknown, unknown> | GraphQLInputField>;
        for (const [name, field] of Object.entries(type.getFields() as Record<string, GraphQLField<unknown, unknown> | GraphQLInputField>)) {
          const t = theirs[name];
          if (!t || String(t.type) !== String(field.type)) problems.push(`${type.name}.${name}`);
          for (const arg of 'args' in field ? field.args : []) {
            const ta = t && 'args' in t ? t.args.find((a) => a.name === arg.name) : undefined;
            if (!ta || String(ta.type) !== String(arg.type)) problems.push(`${type.name}.${name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type) && isEnumType(other)) for (const v of type.getValues()) if (!other.getValue(v.name)) problems.push(`${type.name}.${v.name}`);
      if (isUnionType(type) && isUnionType(other)) for (const m of type.getTypes()) if (!other.getTypes().some((o) => o.name === m.name)) problems.push(`${type.name}|${m.name}`);
    }
    expect(problems).toEqual([]);
    expect(Object.keys(mine.getTypeMap()).length).toBeGreaterThan(80);
  });
});

describe('cloudcastLookup', () => {
  it('answers the happy-path show with a Relay id, owner, picture and encoded stream URLs', async () => {
    const s = await show(F.shortShow);
    expect(s).toBeTruthy();
    expect(Buffer.from(s!.id, 'base64').toString()).toMatch(/^Cloudcast:\d+$/);
    expect(s!.id).toBe(F.shortShow.relayId);
    expect(s!.owner).toEqual({ displayName: 'Deep Waves Radio', username: 'deepwavesradio', url: 'https://www.mixcloud.com/deepwavesradio/' });
    expect(s!.picture!.url).toBe(`https://thumbnailer.mixcloud.com/unsafe/1024x1024/${s!.picture!.urlRoot}`);
    expect(s!.picture!.url).toBe(F.shortShow.pictureUrl);
    const info = s!.streamInfo!;
    expect(info.hlsUrl).not.toMatch(/^https:/); // encoded, not a URL
    const hls = decodeStreamUrl(info.hlsUrl);
    const path = `${info.uuid.slice(0, 1)}/${info.uuid.slice(1, 2)}/${info.uuid.slice(2, 3)}/${info.uuid.slice(3, 4)}/${info.uuid.slice(4)}`;
    expect(hls).toMatch(new RegExp(`^https://audio\\d+\\.mixcloud\\.com/secure/hls/${path}\\.m4a/index\\.m3u8$`));
    expect(decodeStreamUrl(info.dashUrl)).toMatch(new RegExp(`^https://audio\\d+\\.mixcloud\\.com/secure/dash2/${path}\\.m4a/manifest\\.mpd$`));
    expect(decodeStreamUrl(info.url)).toMatch(new RegExp(`^https://stream\\d+\\.mixcloud\\.com/secure/c/m4a/64/${path}\\.m4a\\?sig=[\\w-]{22}$`));
  });

  it('encodes streamInfo as base64 of the URL XOR the public key', () => {
    const url = 'https://audio5.mixcloud.com/secure/hls/a/b/c/d/x.m4a/index.m3u8';
    const manual = Buffer.from([...Buffer.from(url)].map((b, i) => b ^ MIXCLOUD_XOR_KEY.charCodeAt(i % MIXCLOUD_XOR_KEY.length))).toString('base64');
    expect(encodeStreamUrl(url)).toBe(manual);
    expect(decodeStreamUrl(manual)).toBe(url);
  });

  it('returns the tracklist with untimed tracks and chapters', async () => {
    const s = await show(F.shortShow);
    expect(s!.sections.map((x) => x.__typename)).toEqual(['TrackSection', 'TrackSection', 'ChapterSection', 'TrackSection', 'TrackSection', 'ChapterSection', 'TrackSection', 'TrackSection']);
    expect(s!.sections[3]).toEqual({ __typename: 'TrackSection', artistName: 'Kofi Mensah Quartet', songName: 'Harbour Lights', startSeconds: null });
    expect(s!.sections[5]).toEqual({ __typename: 'ChapterSection', chapter: 'Golden Hour / Rosa Lind', startSeconds: 300 });
    expect((await show(F.noTracklist))!.sections).toEqual([]);
    const long = await show(F.twoHourShow);
    expect(long!.audioLength).toBe(7200);
    expect(long!.sections).toHaveLength(24);
  });

  it('gives no stream for exclusive and restricted shows, but their metadata', async () => {
    const ex = await show(F.exclusive);
    expect(ex).toMatchObject({ isExclusive: true, streamInfo: null, name: F.exclusive.name });
    const re = await show(F.restricted);
    expect(re).toMatchObject({ restrictedReason: 'repeat_play', streamInfo: null });
  });

  it('answers null for an unknown show, and comments page', async () => {
    expect(await show({ username: 'deepwavesradio', slug: 'nope' })).toBeNull();
    const s = await show(F.shortShow);
    expect(s!.comments.totalCount).toBe(3);
    expect(s!.comments.edges).toHaveLength(2);
    expect(s!.comments.pageInfo.hasNextPage).toBe(true);
  });

  it('resolves node(id) and accepts GET ?query= like yt-dlp', async () => {
    const r = await graphqlPost<{ node: { name: string } }>(replica, `{ node(id: "${F.twoHourShow.relayId}") { ... on Cloudcast { name } } }`);
    expect(r.data?.node.name).toBe(F.twoHourShow.name);
    const q = `{ cloudcastLookup(lookup: {username: "${F.shortShow.username}", slug: "${F.shortShow.slug}"}) { audioLength } }`;
    const get = await replicaFetch(replica, `https://app.mixcloud.com/graphql?query=${encodeURIComponent(q)}`);
    expect(get.json()).toEqual({ data: { cloudcastLookup: { audioLength: 480 } } });
  });
});

describe('lists and errors', () => {
  const UPLOADS = `query U($lookup: UserLookup!, $first: Int, $after: String) {
    userLookup(lookup: $lookup) { uploads(first: $first, after: $after) { totalCount edges { node { slug } } pageInfo { endCursor hasNextPage } } } }`;
  type Uploads = { userLookup: { uploads: { totalCount: number; edges: { node: { slug: string } }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } } };

  it("pages a user's uploads with cursors until hasNextPage is false", async () => {
    const slugs: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const r: { data?: Uploads } = await graphqlPost<Uploads>(replica, UPLOADS, { lookup: { username: F.pagedUser.username }, first: 20, after });
      const up: Uploads['userLookup']['uploads'] = r.data!.userLookup.uploads;
      expect(up.totalCount).toBe(45);
      slugs.push(...up.edges.map((e) => e.node.slug));
      if (!up.pageInfo.hasNextPage) break;
      after = up.pageInfo.endCursor;
    }
    expect(slugs).toHaveLength(45);
    expect(slugs[0]).toBe(F.pagedUser.newestShow.slug);
    expect(slugs.at(-1)).toBe(F.pagedUser.oldestShow.slug);
    expect(Buffer.from(after!, 'base64').toString()).toBe('arrayconnection:39');
  });

  it('refuses first > 100 like graphene, and answers syntax errors with 400', async () => {
    const r = await graphqlPost<Uploads>(replica, UPLOADS, { lookup: { username: F.pagedUser.username }, first: 101 });
    expect(r.status).toBe(200);
    expect(r.errors?.[0]?.message).toBe('Requesting 101 records on the `uploads` connection exceeds the `first` limit of 100 records.');
    const bad = await graphqlPost(replica, '{ cloudcastLookup(');
    expect(bad.status).toBe(400);
    expect(bad.errors?.[0]?.message).toMatch(/Syntax Error/);
    const unknown = await graphqlPost(replica, '{ cloudcastLookup(lookup: {username: "a", slug: "b"}) { notAField } }');
    expect(unknown.status).toBe(400);
  });

  it('serves favorites, listening history, playlists, search, discover and categories', async () => {
    const r = await graphqlPost<Record<string, any>>(replica, `{
      userLookup(lookup: {username: "deckhandtester"}) {
        favorites(first: 2) { totalCount edges { node { slug } } }
        listeningHistory(first: 1) { totalCount edges { node { cloudcast { slug } } } }
        playlists { edges { node { slug items { totalCount } } } }
      }
      playlistLookup(lookup: {username: "deckhandtester", slug: "crate-favourites"}) { name items(first: 1) { edges { node { cloudcast { name } } } } }
      viewer {
        search { searchQuery(term: "ambient") { cloudcasts(first: 5) { edges { node { slug } } } users(first: 5) { edges { node { username } } } } }
        discover(discoverTags: [{slug: "techno", type: TAG}]) { name shows(first: 3, orderBy: LATEST) { edges { position node { slug } } } }
        categories { music { slug } talk { slug } }
      }
    }`);
    const d = r.data!;
    expect(d.userLookup.favorites.totalCount).toBe(7);
    expect(d.userLookup.favorites.edges[0].node.slug).toBe(F.shortShow.slug);
    expect(d.userLookup.listeningHistory.totalCount).toBe(25);
    expect(d.userLookup.playlists.edges[0].node).toEqual({ slug: 'crate-favourites', items: { totalCount: 5 } });
    expect(d.playlistLookup.items.edges[0].node.cloudcast.name).toBe(F.shortShow.name);
    expect(d.viewer.search.searchQuery.cloudcasts.edges.map((e: any) => e.node.slug)).toContain(F.noTracklist.slug);
    expect(d.viewer.discover.name).toBe('Techno');
    expect(d.viewer.discover.shows.edges[0]).toEqual({ position: 1, node: { slug: F.pagedUser.newestShow.slug } });
    expect(d.viewer.categories.talk).toEqual([{ slug: 'radio' }]);
  });
});
