import { injectScript } from 'wxt/utils/inject-script';
import { send } from '../../core/messaging';
import { runPage } from '../../ui/inpage/runtime';
import { MAIN_WORLD_EVENT, scanSoundcloud, TrackIndex, type MainWorldPayload } from '../../platforms/soundcloud/page';

export default defineContentScript({
  matches: ['https://soundcloud.com/*', 'https://www.soundcloud.com/*'],
  runAt: 'document_idle',
  async main(ctx) {
    const index = new TrackIndex();
    let lastClientId = '';
    const runtime = runPage(
      {
        platform: 'soundcloud',
        scan: (doc) => scanSoundcloud(doc, index),
        start(rescan) {
          // Page data arrives from the main-world reader as a JSON string: untrusted, parsed defensively.
          ctx.addEventListener(window, MAIN_WORLD_EVENT as keyof WindowEventMap, (ev: Event) => {
            let payload: MainWorldPayload;
            try {
              payload = JSON.parse(String((ev as CustomEvent<unknown>).detail)) as MainWorldPayload;
            } catch {
              return;
            }
            if (Array.isArray(payload.tracks) && index.add(payload.tracks)) rescan();
            if (typeof payload.clientId === 'string' && payload.clientId !== lastClientId) {
              lastClientId = payload.clientId;
              void send('soundcloud.clientId', { clientId: payload.clientId }).catch(() => undefined);
            }
          });
        },
      },
      () => ctx.isValid,
    );
    await injectScript('/soundcloud-main-world.js', { keepInDom: false });
    ctx.onInvalidated(() => runtime.stop());
  },
});
