/**
 * The "Upload with Deckhand" button, drawn in the site's own button style (SoundCloud's orange CTA,
 * Mixcloud's rounded purple) inside a shadow root so neither the page's CSS nor ours leaks. It only
 * asks the background to open the extension's upload page with the platform chosen: no token or
 * account data passes through the page.
 */
import type { EntryPlatform } from './where';

const STYLE: Record<EntryPlatform, string> = {
  soundcloud: `button { height: 32px; padding: 0 14px; border: 1px solid #f50; border-radius: 3px; background: #f50; color: #fff;
    font: 600 14px/1 "Interstate", "Lucida Grande", "Lucida Sans Unicode", Arial, sans-serif; cursor: pointer; }
    button:hover { background: #e64d00; border-color: #e64d00; }
    button:focus-visible { outline: 2px solid #f50; outline-offset: 2px; }`,
  mixcloud: `button { height: 40px; padding: 0 22px; border: 0; border-radius: 20px; background: #5000ff; color: #fff;
    font: 600 14px/1 "Open Sans", "Helvetica Neue", Arial, sans-serif; cursor: pointer; }
    button:hover { background: #4000cc; }
    button:focus-visible { outline: 2px solid #5000ff; outline-offset: 2px; }`,
};

export const ENTRY_ATTR = 'data-deckhand-upload-entry';

/** A host element carrying the button; `open` runs on click (and Enter/Space, as a real button). */
export function createEntryButton(platform: EntryPlatform, open: () => void): HTMLElement {
  const host = document.createElement('div');
  host.setAttribute(ENTRY_ATTR, platform);
  host.style.cssText = 'display: flex; justify-content: flex-end; margin: 12px 0;';
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `${STYLE[platform]}
    svg { width: 14px; height: 14px; vertical-align: -2px; margin-right: 6px; fill: currentColor; }`;
  const button = document.createElement('button');
  button.type = 'button';
  button.title = `Upload to ${platform === 'soundcloud' ? 'SoundCloud' : 'Mixcloud'} with every field filled from your file’s tags`;
  button.innerHTML = '<svg viewBox="0 0 16 16" aria-hidden="true"><path d="M8 1l4.5 4.5-1.4 1.4L9 4.8V11H7V4.8L4.9 6.9 3.5 5.5zM2 13h12v2H2z"/></svg>';
  button.append('Upload with Deckhand');
  button.addEventListener('click', open);
  root.append(style, button);
  return host;
}
