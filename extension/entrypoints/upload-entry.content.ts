/**
 * The "Upload with Deckhand" entry point on soundcloud.com/upload, www.mixcloud.com/upload/ and the
 * connected account's own profile. Separate from the download content scripts: it only places one
 * button and follows SPA navigation; the upload itself happens on the extension's upload page.
 */
import { send } from '../core/messaging';
import { createEntryButton, ENTRY_ATTR } from '../ui/upload-entry/button';
import { isUploadPage, uploadPlatformOfHost } from '../ui/upload-entry/where';

/** Where the button goes: the top of the page's main content. */
function anchor(): Element {
  return document.querySelector('#content main, main, #content, [role="main"]') ?? document.body;
}

export default defineContentScript({
  matches: ['https://soundcloud.com/*', 'https://www.mixcloud.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    let checked = '';
    const update = async () => {
      const url = location.href;
      if (url === checked) return;
      checked = url;
      document.querySelector(`[${ENTRY_ATTR}]`)?.remove();
      const platform = uploadPlatformOfHost(url);
      if (!platform) return;
      const wanted = isUploadPage(url) || (await send('upload.ownProfile', { url }).then((r) => r.own, () => false));
      if (!wanted || !ctx.isValid || location.href !== url) return;
      anchor().prepend(createEntryButton(platform, () => void send('upload.open', { platform })));
    };
    void update();
    ctx.addEventListener(window, 'wxt:locationchange', () => void update());
    ctx.onInvalidated(() => document.querySelector(`[${ENTRY_ATTR}]`)?.remove());
  },
});
