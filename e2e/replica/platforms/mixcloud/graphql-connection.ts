/**
 * Relay plumbing as graphene (Mixcloud's GraphQL server) does it: global ids are base64("Type:id"),
 * cursors are base64("arrayconnection:<index>"), and asking for more than 100 records is an error.
 */
import { GraphQLError } from 'graphql';

export const MAX_FIRST = 100;

export function relayId(type: string, id: number | string): string {
  return Buffer.from(`${type}:${id}`).toString('base64');
}

export function fromRelayId(id: string): { type: string; id: string } | undefined {
  const text = Buffer.from(id, 'base64').toString('utf8');
  const i = text.indexOf(':');
  return i > 0 ? { type: text.slice(0, i), id: text.slice(i + 1) } : undefined;
}

export function cursorFor(index: number): string {
  return Buffer.from(`arrayconnection:${index}`).toString('base64');
}

function indexOfCursor(cursor: string): number {
  const m = /^arrayconnection:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!m) throw new GraphQLError(`Invalid cursor: ${cursor}`);
  return Number(m[1]);
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Connection<E> {
  edges: E[];
  pageInfo: { hasPreviousPage: boolean; hasNextPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** Slice `items` by first/after into edges made by `edge`. `name` is the field, for the error text. */
export function connection<T, E>(name: string, items: T[], args: PageArgs, edge: (item: T, cursor: string, index: number) => E): Connection<E> {
  const first = args.first ?? MAX_FIRST;
  if (first > MAX_FIRST) {
    throw new GraphQLError(`Requesting ${first} records on the \`${name}\` connection exceeds the \`first\` limit of ${MAX_FIRST} records.`);
  }
  if (first < 0) throw new GraphQLError('Argument "first" must be a non-negative integer');
  const start = args.after ? indexOfCursor(args.after) + 1 : 0;
  const slice = items.slice(start, start + first);
  const edges = slice.map((item, i) => edge(item, cursorFor(start + i), start + i));
  return {
    edges,
    pageInfo: {
      hasPreviousPage: start > 0,
      hasNextPage: start + first < items.length,
      startCursor: slice.length ? cursorFor(start) : null,
      endCursor: slice.length ? cursorFor(start + slice.length - 1) : null,
    },
    totalCount: items.length,
  };
}
