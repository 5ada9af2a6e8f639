import { send } from '../../core/messaging';
import { runPage } from '../../ui/inpage/runtime';
import { releaseListSpot, scanBeatport, TrackIndex } from '../../platforms/beatport/page';
import { anonSessionOf, nextDataUrl, readNextData, tracksOfPageProps, type PageToken } from '../../platforms/beatport/next-data';
import type { BpPageProps } from '../../platforms/beatport/types';

/** Fetch a fresh anonymous session on navigation once the page's token is this close to expiry. */
const REFRESH_BEFORE_MS = 10 * 60_000;
/** Placement in Beatport's layout only (the button's own look lives in its shadow root): room after Play. */
const PLACEMENT_CSS = `button[data-testid="play-button"] + .deckhand-host { margin-left: 12px; }
[class*="ReleaseDetailCard-style__Meta"] + .deckhand-host { margin-top: 16px; align-self: flex-start; }`;

export default defineContentScript({
  matches: ['https://www.beatport.com/*', 'https://beatport.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    const placement = document.createElement('style');
    placement.textContent = PLACEMENT_CSS;
    (document.head ?? document.documentElement).append(placement);
    ctx.onInvalidated(() => placement.remove());

    const index = new TrackIndex();
    // __NEXT_DATA__ describes the page the tab first loaded; it stays as it is after SPA navigation.
    const first = readNextData(document);
    index.add(tracksOfPageProps(first?.props?.pageProps));

    // The page's anonymous catalogue token goes to the background (the content script never gets one back).
    let tokenExpiresAt = 0;
    const report = (token: PageToken | undefined) => {
      if (!token || token.expiresAt <= tokenExpiresAt) return;
      tokenExpiresAt = token.expiresAt;
      void send('beatport.anonToken', token).catch(() => undefined);
    };
    report(anonSessionOf(first?.props?.pageProps));

    // A tab kept open for hours outlives its token: on navigation, read the new page's data (the same
    // /_next/data request the site makes) for a fresh session and that page's track details.
    let lastUrl = location.href;
    let refreshing = false;
    const refreshIfDue = () => {
      if (location.href === lastUrl) return;
      lastUrl = location.href;
      const url = nextDataUrl(first, location);
      if (refreshing || !url || tokenExpiresAt - Date.now() > REFRESH_BEFORE_MS) return;
      refreshing = true;
      fetch(url, { credentials: 'same-origin', headers: { 'x-nextjs-data': '1' } })
        .then((res) => (res.ok ? (res.json() as Promise<{ pageProps?: BpPageProps }>) : undefined))
        .then((body) => {
          if (index.add(tracksOfPageProps(body?.pageProps))) runtime.rescan();
          report(anonSessionOf(body?.pageProps));
        })
        .catch(() => undefined)
        .finally(() => (refreshing = false));
    };

    const runtime = runPage(
      {
        platform: 'beatport',
        scan(doc) {
          refreshIfDue();
          return scanBeatport(doc, index);
        },
        listSpot: (doc) => releaseListSpot(doc),
      },
      () => ctx.isValid,
    );
    ctx.onInvalidated(() => runtime.stop());
  },
});
