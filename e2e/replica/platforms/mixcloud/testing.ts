/** Test helper: HTTPS requests to a running replica by real host name (../../test-https.ts). */
import { join } from 'node:path';
import type { Replica } from '../../server';
import { replicaRequest, type ReplicaReply, type ReplicaRequestOptions } from '../../test-https';
import { CAPTURES_DIR as ALL_CAPTURES } from '../../../../shared/test-support/captures';

/** The real captures beside the repository (read-only, never copied in). */
export const CAPTURES_DIR = join(ALL_CAPTURES, 'mixcloud');

/** The shared answer, with the text read through a method as the Mixcloud tests call it. */
export interface Reply extends Omit<ReplicaReply, 'text'> {
  text(): string;
}

export async function replicaFetch(replica: Replica, url: string, opts: ReplicaRequestOptions = {}): Promise<Reply> {
  const reply = await replicaRequest(replica, url, opts);
  return { ...reply, text: () => reply.text };
}

/** POST a GraphQL document to app.mixcloud.com/graphql. */
export async function graphqlPost<T = Record<string, unknown>>(
  replica: Replica,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ status: number; data?: T; errors?: { message: string }[] }> {
  const reply = await replicaFetch(replica, 'https://app.mixcloud.com/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: reply.status, ...reply.json<{ data?: T; errors?: { message: string }[] }>() };
}
