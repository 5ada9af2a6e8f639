import { runPage } from '../../ui/inpage/runtime';
import { PLACEMENT_CSS, playlistListSpot, scanMixcloud, watchLinkChanges } from '../../platforms/mixcloud/page';

export default defineContentScript({
  matches: ['https://www.mixcloud.com/*', 'https://m.mixcloud.com/*', 'https://beta.mixcloud.com/*', 'https://mixcloud.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    const placement = document.createElement('style');
    placement.dataset.deckhand = 'placement';
    placement.textContent = PLACEMENT_CSS;
    document.head.append(placement);
    let stopWatching = () => {};
    const runtime = runPage(
      {
        platform: 'mixcloud',
        scan: (doc) => scanMixcloud(doc, location.href),
        listSpot: (doc) => playlistListSpot(doc, location.href),
        start(rescan) {
          stopWatching = watchLinkChanges(document, rescan);
        },
      },
      () => ctx.isValid,
    );
    ctx.onInvalidated(() => {
      stopWatching();
      runtime.stop();
      placement.remove();
    });
  },
});
