/**
 * Message handlers: every request is validated against its schema before anything happens, and
 * answered with a {ok, value} / {ok:false, error} envelope.
 */
import * as v from 'valibot';
import { browser, type Browser } from 'wxt/browser';
import { DeckhandError } from '../../shared/errors';
import { RequestSchemas, type RequestParams, type RequestType, type ResponseTypes } from '../../shared/messages';
import { MINE_ID } from '../../shared/browse';
import { rememberClientId } from '../platforms/soundcloud/api';
import { rememberAnonToken } from '../platforms/beatport/auth';
import { PLATFORMS } from '../platforms';
import type { NativeHost } from '../core/native';
import type { JobQueue } from './queue';
import { accountView } from '../core/oauth';
import * as soundcloudAuth from '../platforms/soundcloud/auth';
import * as mixcloudAuth from '../platforms/mixcloud/auth';
import { pageOf, setPage, tabJobView } from './pages';
import { Browse } from './browse';
import { accountHandlers } from './account-handlers';
import { createEnrichHandlers } from './enrich-handlers';
import { uploadHandlers } from './upload-run';
import { createTaggerHandlers } from './tagger-handlers';
import { pageActionHandlers } from './page-actions';

type Sender = Browser.runtime.MessageSender;
type Handlers = { [T in RequestType]: (params: RequestParams<T>, sender: Sender) => Promise<ResponseTypes[T]> };

export function createHandlers(queue: JobQueue, host: NativeHost, browse: Browse = new Browse()): Handlers {
  return {
    ...accountHandlers(),
    ...createEnrichHandlers(),
    ...uploadHandlers(queue, host),
    ...createTaggerHandlers({ host }),
    ...pageActionHandlers((ref) => queue.add(ref)),
    'browse.search': ({ query, filters, page }) => browse.search(query, filters, page),
    'browse.chart': (chart) => browse.chart(chart),
    'browse.genres': async () => ({ genres: await browse.genres() }),
    'browse.subGenres': async ({ genreId }) => ({ genres: await browse.subGenres(genreId) }),
    'browse.entity': ({ platform, kind, id, next, list }) => browse.entity(platform, kind, id, next, list),
    'browse.track': ({ ref, list, next }) => browse.track(ref, list, next),
    'browse.labels': async ({ query }) => ({ labels: await browse.labels(query) }),
    'download.request': async ({ ref }) => {
      const job = await queue.add(ref);
      return { jobId: job.id, job };
    },
    'page.tracks': async ({ pageUrl, tracks }, sender) => {
      if (sender.tab?.id !== undefined) await setPage(sender.tab.id, pageUrl, tracks);
      return { ok: true };
    },
    'soundcloud.clientId': async ({ clientId }) => {
      await rememberClientId(clientId);
      return { ok: true };
    },
    'track.metadata': async ({ ref }) => ({ metadata: await PLATFORMS[ref.platform].metadata(ref) }),
    'beatport.anonToken': async ({ token, expiresAt }) => {
      await rememberAnonToken(token, expiresAt);
      return { ok: true };
    },
    'jobs.forTracks': async ({ keys }) => {
      await queue.restore();
      // Content scripts ask this for their buttons: the same trimmed view as their job.update broadcasts.
      return { jobs: queue.forTracks(keys).map(tabJobView) };
    },
    'jobs.list': async () => {
      await queue.restore();
      return { jobs: queue.list() };
    },
    'job.cancel': async ({ jobId }) => {
      await queue.cancel(jobId);
      return { ok: true };
    },
    'job.retry': async ({ jobId }) => {
      await queue.retry(jobId);
      return { ok: true };
    },
    'job.pause': async ({ jobId }) => {
      await queue.pause(jobId);
      return { ok: true };
    },
    'job.resume': async ({ jobId }) => {
      await queue.resume(jobId);
      return { ok: true };
    },
    'jobs.pauseAll': async () => {
      await queue.pauseAll();
      return { ok: true };
    },
    'jobs.resumeAll': async () => {
      await queue.resumeAll();
      return { ok: true };
    },
    'tab.tracks': async ({ tabId }) => {
      const page = await pageOf(tabId);
      return { ...(page ? { pageUrl: page.pageUrl } : {}), tracks: page?.tracks ?? [] };
    },
    'host.status': async () => {
      try {
        const hello = await host.connect();
        return { connected: true, hostVersion: hello.hostVersion, defaultLibraryRoot: hello.defaultLibraryRoot };
      } catch (err) {
        return { connected: false, error: DeckhandError.from(err).toJSON() };
      }
    },
    'accounts.list': async () => ({ accounts: await Promise.all([accountView('soundcloud'), accountView('mixcloud')]) }),
    'account.connect': async ({ platform }) => {
      await (platform === 'soundcloud' ? soundcloudAuth.connect() : mixcloudAuth.connect());
      return accountView(platform);
    },
    'account.disconnect': async ({ platform }) => {
      await (platform === 'soundcloud' ? soundcloudAuth.disconnect() : mixcloudAuth.disconnect());
      return { ok: true };
    },
    'upload.token': async ({ platform, refused }, sender) => {
      if (!isExtensionPage(sender)) throw new DeckhandError('protocol.invalid', 'Only the extension’s own pages may ask for an upload token.');
      if (platform === 'soundcloud') return { accessToken: await soundcloudAuth.accessToken(refused) };
      if (refused) throw await mixcloudAuth.tokenRefused(refused);
      return { accessToken: await mixcloudAuth.accessToken() };
    },
    'upload.open': async ({ platform, fileUrl }, sender) => {
      // The upload page fetches `fileUrl` with the extension's own rights: only the extension's
      // pages may name one (a content script could point it anywhere). Its "Upload" button needs none.
      const link = fileUrl && isExtensionPage(sender) ? fileUrl : undefined;
      const query = new URLSearchParams({ ...(platform ? { platform } : {}), ...(link ? { fileUrl: link } : {}) });
      await browser.tabs.create({ url: `${browser.runtime.getURL('/upload.html')}${query.size ? `?${query}` : ''}` });
      return { ok: true };
    },
  };
}

/** A page of this extension (not a content script, whose sender URL is the web page's). */
function isExtensionPage(sender: Sender): boolean {
  return !!sender.url && sender.url.startsWith(browser.runtime.getURL('/')) && sender.id === browser.runtime.id;
}

/**
 * Requests content scripts never make and must not: they reveal what other tabs show, every job (file
 * paths, uploads), the accounts or the library folder, or connect and disconnect accounts.
 */
const EXTENSION_PAGES_ONLY: ReadonlySet<string> = new Set(['tab.tracks', 'jobs.list', 'accounts.list', 'account.connect', 'account.disconnect', 'host.status']);

function extensionPagesOnly(type: string, params: unknown): boolean {
  // The signed-in user's own lists hold private tracks and their secret links.
  return EXTENSION_PAGES_ONLY.has(type) || (type === 'browse.entity' && (params as { id?: unknown }).id === MINE_ID);
}

/** Validate and dispatch one message; unknown or malformed messages get a coded error. */
export async function dispatch(handlers: Handlers, message: unknown, sender: Sender): Promise<unknown> {
  try {
    const type = (message as { type?: unknown })?.type;
    if (typeof type !== 'string' || !(type in RequestSchemas)) throw new DeckhandError('protocol.unknown-action', String(type));
    const schema = RequestSchemas[type as RequestType];
    const { type: _t, ...rest } = message as Record<string, unknown>;
    const parsed = v.safeParse(schema, rest);
    if (!parsed.success) throw new DeckhandError('protocol.invalid', v.summarize(parsed.issues));
    if (extensionPagesOnly(type, parsed.output) && !isExtensionPage(sender)) {
      throw new DeckhandError('protocol.invalid', `Only the extension’s own pages may ask "${type}".`);
    }
    const handler = handlers[type as RequestType] as (p: unknown, s: Sender) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.output, sender) };
  } catch (err) {
    return { ok: false, error: DeckhandError.from(err).toJSON() };
  }
}

