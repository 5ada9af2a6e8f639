import { injectScript } from 'wxt/utils/inject-script';
import { send } from '../../core/messaging';
import { runPage } from '../../ui/inpage/runtime';
import { ItemTracker, LOOKUP_EVENT, MAIN_WORLD_EVENT, scanSoundcloud, setListSpot, TrackIndex, type MainWorldPayload } from '../../platforms/soundcloud/page';

/**
 * How long a track link may wait, once the main-world reader runs, for the page's own api-v2 answers
 * before the reader is asked to look it up (server-rendered rows, related tracks, the queue).
 */
const LOOKUP_DELAY_MS = 700;

export default defineContentScript({
  matches: ['https://soundcloud.com/*', 'https://www.soundcloud.com/*'],
  // Document start: the main-world reader (which loads asynchronously) gets in as early as it can.
  runAt: 'document_start',
  main(ctx) {
    const index = new TrackIndex();
    let lastClientId = '';
    let rescan: (() => void) | undefined;
    let readerRuns = false;

    // Links seen without data (by the last scan): asked for once, after the page had its chance to fetch them itself.
    let lastMissing = new Set<string>();
    const asked = new Set<string>();
    const waiting = new Set<string>();
    let lookupTimer: number | undefined;
    const askLater = (paths: Set<string>) => {
      for (const p of paths) if (!asked.has(p.toLowerCase())) waiting.add(p);
      if (!readerRuns || !waiting.size || lookupTimer) return;
      lookupTimer = ctx.setTimeout(() => {
        lookupTimer = undefined;
        const still = [...waiting].filter((p) => !index.get(p));
        waiting.clear();
        still.forEach((p) => asked.add(p.toLowerCase()));
        if (still.length) window.dispatchEvent(new CustomEvent(LOOKUP_EVENT, { detail: JSON.stringify({ paths: still }) }));
      }, LOOKUP_DELAY_MS);
    };

    // Page data arrives from the main-world reader as a JSON string: untrusted, parsed defensively.
    ctx.addEventListener(window, MAIN_WORLD_EVENT as keyof WindowEventMap, (ev: Event) => {
      let payload: MainWorldPayload;
      try {
        payload = JSON.parse(String((ev as CustomEvent<unknown>).detail)) as MainWorldPayload;
      } catch {
        return;
      }
      if (!readerRuns) {
        readerRuns = true; // it posts hydration as it starts
        askLater(new Set());
      }
      // Data for items already on the page needs a scan; data that comes before its items (the usual
      // order) is picked up by the scan their insertion causes.
      if (Array.isArray(payload.tracks) && index.add(payload.tracks) && [...lastMissing].some((p) => index.get(p))) rescan?.();
      if (typeof payload.clientId === 'string' && payload.clientId !== lastClientId) {
        lastClientId = payload.clientId;
        void send('soundcloud.clientId', { clientId: payload.clientId }).catch(() => undefined);
      }
    });
    void injectScript('/soundcloud-main-world.js', { keepInDom: false }).catch(() => undefined);

    // The "Next up" panel opens and closes by class; the runtime only watches the DOM tree.
    let watchedQueue: Element | null = null;
    const queueObserver = new MutationObserver(() => rescan?.());
    const watchQueue = (doc: Document) => {
      if (watchedQueue?.isConnected) return; // looking it up again would walk the whole (long) page
      const queue = doc.querySelector('.queue');
      if (!queue || queue === watchedQueue) return;
      queueObserver.disconnect();
      queueObserver.observe(queue, { attributes: true, attributeFilter: ['class', 'aria-hidden'] });
      watchedQueue = queue;
    };

    const start = () => {
      const tracker = new ItemTracker(document);
      const runtime = runPage(
        {
          platform: 'soundcloud',
          scan(doc) {
            const missing = new Set<string>();
            const items = scanSoundcloud(doc, index, missing, tracker.current());
            lastMissing = missing;
            if (missing.size) askLater(missing);
            watchQueue(doc);
            return items;
          },
          listSpot: setListSpot,
          start(schedule) {
            rescan = schedule;
          },
        },
        () => ctx.isValid,
      );
      ctx.onInvalidated(() => {
        runtime.stop();
        tracker.disconnect();
        queueObserver.disconnect();
      });
    };
    // Scanning a half-parsed page is wasted work: the runtime starts once the DOM is complete.
    if (document.readyState === 'loading') ctx.addEventListener(document, 'DOMContentLoaded', start, { once: true });
    else start();
  },
});
