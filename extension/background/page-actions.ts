/**
 * `page.downloadAll`: the in-page "Download all" of a set, album or release page. The same work as
 * the context menu's "Download all tracks on this page" (menus.ts downloadAll): the list asked of the
 * platform in its own order, with what the tab reported saying which items cannot be downloaded.
 */
import { browser, type Browser } from 'wxt/browser';
import { DeckhandError } from '../../shared/errors';
import type { RequestParams, ResponseTypes } from '../../shared/messages';
import { platformOfUrl } from '../../shared/platform';
import type { TrackRef } from '../../shared/track';
import type { JobView } from '../../shared/jobs';
import { createMenuHandlers, type MenuHandlers } from './menus';

type Sender = Pick<Browser.runtime.MessageSender, 'tab' | 'url'>;

export function pageActionHandlers(enqueue: (ref: TrackRef) => Promise<JobView>, downloadAll?: MenuHandlers['downloadAll']) {
  const all = downloadAll ?? createMenuHandlers({ enqueue, openTab: (url) => browser.tabs.create({ url }) }).downloadAll;
  return {
    'page.downloadAll': async ({ pageUrl }: RequestParams<'page.downloadAll'>, sender: Sender): Promise<ResponseTypes['page.downloadAll']> => {
      // The list must be on the site the asking tab shows: a content script speaks for its own page only.
      const platform = platformOfUrl(pageUrl);
      if (!platform || platform !== platformOfUrl(sender.url ?? sender.tab?.url ?? '')) {
        throw new DeckhandError('input.invalid', 'This page is not a SoundCloud, Mixcloud or Beatport list.');
      }
      const jobs = await all({ pageUrl }, { ...(sender.tab?.id !== undefined ? { id: sender.tab.id } : {}), url: pageUrl });
      const saved = jobs.filter((j) => j.state === 'done').length;
      return { queued: jobs.length - saved, saved };
    },
  };
}
