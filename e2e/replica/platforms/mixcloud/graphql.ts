/**
 * https://app.mixcloud.com/graphql: POST JSON {query, variables} (the website) or GET ?query=
 * (yt-dlp). Syntax and validation errors answer 400 {errors}; execution errors 200 {data, errors},
 * as graphene-django does. Pages run the same queries in-process through `runQuery`.
 */
import { buildSchema, graphql, parse, validate, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { ReplicaApp } from '../../app';
import type { Req, Res } from '../../http';
import { connection, fromRelayId, relayId, type PageArgs } from './graphql-connection';
import { CloudcastNode, orderShows, PlaylistNode, TagNode, UserNode, type GqlContext } from './graphql-nodes';
import { MIXCLOUD_SDL } from './graphql-schema';
import type { McShow } from './model';

let schema: GraphQLSchema | undefined;
export function mixcloudSchema(): GraphQLSchema {
  schema ??= buildSchema(MIXCLOUD_SDL);
  return schema;
}

type Lookup = { username?: string | null; slug?: string };

/** Query and Viewer resolvers. */
function rootValue(ctx: GqlContext) {
  const { cat } = ctx;
  const cloudcast = (l: Lookup) => {
    const s = l.username && l.slug ? cat.show(l.username, l.slug) : undefined;
    return s ? new CloudcastNode(s, ctx) : null;
  };
  const user = (username: string) => {
    const u = cat.user(username);
    return u ? new UserNode(u, ctx) : null;
  };
  const node = ({ id }: { id: string }) => {
    const ref = fromRelayId(id);
    if (ref?.type === 'Cloudcast') {
      const s = cat.showById(Number(ref.id));
      return s ? new CloudcastNode(s, ctx) : null;
    }
    if (ref?.type === 'User') {
      const u = [...cat.users.values()].find((x) => String(x.id) === ref.id);
      return u ? new UserNode(u, ctx) : null;
    }
    if (ref?.type === 'Playlist') {
      const p = cat.playlists.find((x) => String(x.id) === ref.id);
      return p ? new PlaylistNode(p, ctx) : null;
    }
    return null;
  };
  return {
    cloudcast: node,
    user: node,
    playlist: node,
    node,
    cloudcastLookup: ({ lookup }: { lookup: Lookup }) => cloudcast(lookup),
    cloudcastLookupMany: ({ lookup }: { lookup: (Lookup | null)[] }) => lookup.map((l) => (l ? cloudcast(l) : null)),
    userLookup: ({ lookup }: { lookup: { username: string } }) => user(lookup.username),
    playlistLookup: ({ lookup }: { lookup: Lookup }) => {
      const p = cat.playlists.find((x) => x.slug === lookup.slug && (!lookup.username || x.owner.toLowerCase() === lookup.username.toLowerCase()));
      return p ? new PlaylistNode(p, ctx) : null;
    },
    tagLookup: ({ lookup }: { lookup: { slug: string } }) => {
      const t = cat.tags.get(lookup.slug);
      return t ? new TagNode(t) : null;
    },
    viewer: () => viewer(ctx),
  };
}

function viewer(ctx: GqlContext) {
  const { cat } = ctx;
  return {
    id: relayId('Viewer', ctx.viewer?.id ?? 'anonymous'),
    me: () => (ctx.viewer ? new UserNode(ctx.viewer, ctx) : null),
    categories: () => {
      const of = (kind: 'music' | 'talk') => [...cat.tags.values()].filter((t) => t.category === kind).map((t) => ({ name: t.name, slug: t.slug }));
      return { music: of('music'), talk: of('talk') };
    },
    discover: ({ discoverTags }: { discoverTags?: ({ slug: string; type: string } | null)[] | null }) => {
      const tags = (discoverTags ?? []).flatMap((t) => (t && t.type === 'TAG' && cat.tags.get(t.slug) ? [cat.tags.get(t.slug)!] : []));
      if (discoverTags?.length && tags.length !== discoverTags.length) return null;
      const shows = cat.shows.filter((s) => tags.every((t) => s.tags.includes(t.slug)));
      const chart = (name: string, list: McShow[], args: PageArgs) =>
        connection(name, list, args, (s, cursor, i) => ({ cursor, node: new CloudcastNode(s, ctx), position: i + 1 }));
      return {
        isChart: false,
        isCategory: tags.some((t) => !!t.category),
        name: tags.map((t) => t.name).join(' + ') || 'All',
        selectedTags: tags.map((t) => ({ __typename: 'DiscoverTagTag', name: t.name, slug: t.slug })),
        shows: (args: PageArgs & { orderBy?: string | null }) => chart('shows', orderShows(shows, args.orderBy ?? 'HOT'), args),
        staffPicks: (args: PageArgs) => chart('staffPicks', orderShows(shows, 'POPULAR').slice(0, 5), args),
      };
    },
    search: () => ({
      searchQuery: ({ term }: { term: string }) => {
        const q = term.trim().toLowerCase();
        const hit = (...fields: (string | null)[]) => q !== '' && fields.some((f) => f?.toLowerCase().includes(q));
        const shows = cat.shows.filter((s) => hit(s.name, s.owner, ...s.tags.map((t) => cat.tags.get(t)?.name ?? t)));
        const users = [...cat.users.values()].filter((u) => hit(u.username, u.displayName));
        const tags = [...cat.tags.values()].filter((t) => hit(t.name, t.slug));
        return {
          cloudcasts: (args: PageArgs) => connection('cloudcasts', shows, args, (s, cursor) => ({ cursor, node: new CloudcastNode(s, ctx) })),
          users: (args: PageArgs) => connection('users', users, args, (u, cursor) => ({ cursor, node: new UserNode(u, ctx) })),
          tags: (args: PageArgs) => connection('tags', tags, args, (t, cursor) => ({ cursor, node: new TagNode(t) })),
        };
      },
    }),
  };
}

export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** Parse, validate and run a query. `status` is 400 for documents that do not parse or validate. */
export async function runQuery(ctx: GqlContext, request: GraphqlRequest): Promise<{ status: number; body: ExecutionResult }> {
  let document;
  try {
    document = parse(request.query);
  } catch (err) {
    return { status: 400, body: { errors: [err as never] } };
  }
  const errors = validate(mixcloudSchema(), document);
  if (errors.length) return { status: 400, body: { errors } };
  const body = await graphql({
    schema: mixcloudSchema(),
    source: request.query,
    rootValue: rootValue(ctx),
    contextValue: ctx,
    variableValues: request.variables ?? null,
    operationName: request.operationName ?? null,
  });
  return { status: 200, body };
}

export function registerGraphql(app: ReplicaApp, makeContext: (req: Req) => GqlContext): void {
  const cors = (req: Req, res: Res) => {
    const origin = req.header('origin');
    if (origin) res.header('access-control-allow-origin', origin).header('access-control-allow-credentials', 'true').header('vary', 'Origin');
  };
  app.router.add('app.mixcloud.com', 'OPTIONS', '/graphql', 'api', (req, res) => {
    cors(req, res);
    res.header('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.header('access-control-allow-headers', 'content-type, x-csrftoken, x-mixcloud-client-version');
    res.header('access-control-max-age', '86400');
    return res.status(200).send(Buffer.alloc(0));
  });
  const handle = async (req: Req, res: Res, request: GraphqlRequest | undefined) => {
    cors(req, res);
    if (!request?.query) return res.json({ errors: [{ message: 'Must provide query string.' }] }, 400);
    const { status, body } = await runQuery(makeContext(req), request);
    return res.json(body, status);
  };
  app.router.get('app.mixcloud.com', '/graphql', 'api', (req, res) => {
    let variables: Record<string, unknown> | null = null;
    try {
      variables = req.query.get('variables') ? (JSON.parse(req.query.get('variables') ?? '') as Record<string, unknown>) : null;
    } catch {
      return res.json({ errors: [{ message: 'Variables are invalid JSON.' }] }, 400);
    }
    return handle(req, res, { query: req.query.get('query') ?? '', variables, operationName: req.query.get('operationName') });
  });
  app.router.post('app.mixcloud.com', '/graphql', 'api', async (req, res) => {
    let request: GraphqlRequest | undefined;
    try {
      request = await req.json<GraphqlRequest>();
    } catch {
      return res.json({ errors: [{ message: 'POST body sent invalid JSON.' }] }, 400);
    }
    return handle(req, res, request);
  });
}
