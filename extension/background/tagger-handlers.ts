/**
 * Handlers of the "Tag files" page (issue 7, local files): folders and scans go to the native host
 * (tags.folders / tags.scan in the user's library folder), matches come from the background's
 * Enricher (cached, rate-limited, the same matcher as downloads), and accepted tags are written by
 * the host (tags.write, in the user's key notation). Only the extension's own pages may call them:
 * they read and change files on disk.
 */
import { browser, type Browser } from 'wxt/browser';
import { DeckhandError } from '../../shared/errors';
import type { RequestParams, TaggerProposal } from '../../shared/messages';
import type { TagFoldersResult, TagScanPage, TagWriteResult } from '../../shared/native-protocol';
import { readHostAnswer, TagFoldersResultSchema, TagScanPageSchema, TagWriteResultSchema } from '../../shared/native-answers';
import type { NativeHost } from '../core/native';
import { getSettings, type Settings } from '../core/settings';
import { matchView, type Enricher } from './enrich';
import { backgroundEnricher } from './enrich-handlers';
import { beatportFacts, proposedTags, subjectOfFile } from './tagger-subject';

type Sender = Browser.runtime.MessageSender;

/** A scan page reads up to 50 files' tags; a write copies a whole file. */
const SCAN_TIMEOUT_MS = 120_000;
const WRITE_TIMEOUT_MS = 300_000;

export interface TaggerDeps {
  host: Pick<NativeHost, 'call'>;
  enricher?: Enricher;
  settings?: () => Promise<Pick<Settings, 'libraryRoot' | 'keyNotation' | 'preferBeatport'>>;
  /** Whether the message comes from one of the extension's own pages. */
  fromExtensionPage?: (sender: Sender) => boolean;
}

function isExtensionPage(sender: Sender): boolean {
  return !!sender.url && sender.url.startsWith(browser.runtime.getURL('/')) && sender.id === browser.runtime.id;
}

export function createTaggerHandlers(deps: TaggerDeps) {
  const enricher = deps.enricher ?? backgroundEnricher;
  const settings = deps.settings ?? getSettings;
  const allowed = deps.fromExtensionPage ?? isExtensionPage;
  const guard = (sender: Sender) => {
    if (!allowed(sender)) throw new DeckhandError('protocol.invalid', 'Only Deckhand’s own pages may read or tag library files.');
  };
  /** The user's library folder; empty = the host's default. */
  const root = async () => {
    const { libraryRoot } = await settings();
    return libraryRoot.trim() ? { root: libraryRoot.trim() } : {};
  };

  return {
    'tagger.folders': async ({ folder }: RequestParams<'tagger.folders'>, sender: Sender): Promise<TagFoldersResult> => {
      guard(sender);
      return readHostAnswer(TagFoldersResultSchema, await deps.host.call('tags.folders', { ...(await root()), ...(folder ? { folder } : {}) }), 'folder list');
    },
    'tagger.scan': async ({ folder, recursive, cursor }: RequestParams<'tagger.scan'>, sender: Sender): Promise<TagScanPage> => {
      guard(sender);
      const params = { ...(await root()), folder, ...(recursive !== undefined ? { recursive } : {}), ...(cursor !== undefined ? { cursor } : {}) };
      return readHostAnswer(TagScanPageSchema, await deps.host.call('tags.scan', params, SCAN_TIMEOUT_MS), 'folder scan');
    },
    'tagger.match': async ({ file }: RequestParams<'tagger.match'>, sender: Sender): Promise<TaggerProposal> => {
      guard(sender);
      const subject = subjectOfFile(file);
      if (!subject.title.trim()) {
        return { path: file.path, match: { trackKey: subject.key, status: 'none', note: 'The file has no title to look up.' }, proposed: {}, beatport: {} };
      }
      const outcome = await enricher.matchFor(subject);
      const match = matchView(subject.key, outcome);
      if (outcome.status !== 'matched') return { path: file.path, match, proposed: {}, beatport: {} };
      const { preferBeatport } = await settings();
      return { path: file.path, match, proposed: proposedTags(outcome.match, file, preferBeatport), beatport: beatportFacts(outcome.match) };
    },
    'tagger.write': async ({ path, tags }: RequestParams<'tagger.write'>, sender: Sender): Promise<TagWriteResult> => {
      guard(sender);
      const { keyNotation } = await settings();
      return readHostAnswer(TagWriteResultSchema, await deps.host.call('tags.write', { ...(await root()), path, tags, keyNotation }, WRITE_TIMEOUT_MS), 'tag write answer');
    },
  };
}
