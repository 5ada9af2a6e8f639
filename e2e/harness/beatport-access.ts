/**
 * Beatport's catalogue is read with the anonymous access any beatport.com page carries: open a
 * Beatport page in the session and wait until the background has stored its token.
 */
import type { Page } from 'puppeteer';
import { BEATPORT_FIXTURES as BP } from '../replica/platforms/beatport/fixtures';
import type { ChromiumSession } from './chromium';

/** Returns the Beatport page it opened (the caller closes it with its other pages). */
export async function gainBeatportAccess(session: ChromiumSession): Promise<Page> {
  const bp = await session.newPage(BP.previewTrack.url);
  await bp.waitForSelector('[data-deckhand-track]', { timeout: 20_000 });
  await session.inWorker(`new Promise((resolve, reject) => {
    const deadline = Date.now() + 15000;
    const poll = () => chrome.storage.local.get('beatport.anonToken').then((r) => r['beatport.anonToken'] ? resolve(true) : Date.now() > deadline ? reject(new Error('no Beatport token')) : setTimeout(poll, 200));
    poll();
  })`);
  return bp;
}
