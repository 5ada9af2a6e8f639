/**
 * The in-page download button: a host element (carrying data-deckhand-track) with a closed-off
 * shadow root, so the page's CSS cannot break it and ours cannot leak. Styled per site to look
 * native; state (queued, progress, paused, done, failed with reason, unavailable with reason) shows on it.
 */
import { describeError, type ErrorCode } from '../../../shared/errors';
import { progressFraction, type JobView } from '../../../shared/jobs';
import type { PlatformId } from '../../../shared/platform';
import type { TrackRef } from '../../../shared/track';
import type { KeyNotation } from '../../../shared/keys';
import { factsOf, renderFacts } from './facts';
import { BUTTON_STYLES, type IconName } from './styles';

/** compact: icon only (grid tiles); the state is in the tooltip and the accessible name, progress on the bar. */
export type ButtonSize = 'small' | 'medium' | 'compact';

export interface ButtonOptions {
  platform: PlatformId;
  size: ButtonSize;
  onClick: (ref: TrackRef, host: HTMLElement) => void;
  /** Tag for the host element (span fits inline button rows). */
  tag?: string;
  /** Show the item's BPM and key (when known) beside the button, in this notation. */
  keyNotation?: KeyNotation;
  /** A second button that copies the item's tags as text. */
  onCopyTags?: (ref: TrackRef, host: HTMLElement) => void;
}

const SHORT_REASON: Partial<Record<ErrorCode, string>> = {
  'stream.drm': 'DRM',
  'stream.preview-only': 'Preview only',
  'stream.exclusive': 'Exclusive',
  'region.blocked': 'Blocked',
  'stream.restricted': 'Restricted',
  'stream.none': 'No stream',
};

interface Parts {
  button: HTMLButtonElement;
  label: HTMLSpanElement;
  icon: HTMLSpanElement;
  bar: HTMLSpanElement;
  /** The track; absent on an action button (a set's "Download all"). */
  ref?: TrackRef;
}
const parts = new WeakMap<HTMLElement, Parts>();

/**
 * The shadow content every button starts from ([style, button[bar, icon, label]]), built once per
 * platform and size in this document and cloned: one deep clone costs far less than building each
 * node, and a 500-item feed creates hundreds of buttons. Identical <style> text is parsed once by the browser.
 */
const shells = new Map<string, DocumentFragment>();
function shellOf(platform: PlatformId, size: ButtonSize): DocumentFragment {
  let shell = shells.get(`${platform}:${size}`);
  if (shell?.ownerDocument !== document) {
    shell = document.createDocumentFragment();
    const style = document.createElement('style');
    style.textContent = BUTTON_STYLES[platform];
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `dh ${size}`;
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.setAttribute('aria-hidden', 'true');
    const icon = iconNode('download');
    const label = document.createElement('span');
    label.className = 'label';
    button.append(bar, icon, label);
    shell.append(style, button);
    shells.set(`${platform}:${size}`, shell);
  }
  return shell;
}

/** A host element with a fresh button in its shadow root. */
function newHost(platform: PlatformId, size: ButtonSize, tag = 'span', ref?: TrackRef): { host: HTMLElement; root: ShadowRoot; button: HTMLButtonElement } {
  const host = document.createElement(tag);
  host.className = 'deckhand-host';
  host.style.cssText = 'display:inline-flex;vertical-align:top;';
  const root = host.attachShadow({ mode: 'open' });
  root.append(shellOf(platform, size).cloneNode(true));
  const button = root.lastElementChild as HTMLButtonElement;
  const [bar, icon, label] = [...button.children] as [HTMLSpanElement, HTMLSpanElement, HTMLSpanElement];
  parts.set(host, { button, label, icon, bar, ...(ref ? { ref } : {}) });
  return { host, root, button };
}

/**
 * A button in the same look that acts for the page rather than one track (a set's "Download all"),
 * carrying data-deckhand-action; its states are drawn with renderAction.
 */
export function createActionButton(platform: PlatformId, size: ButtonSize, action: string, onClick: (host: HTMLElement) => void): HTMLElement {
  const { host, button } = newHost(platform, size);
  host.dataset.deckhandAction = action;
  button.addEventListener('click', (ev) => {
    ev.preventDefault();
    ev.stopPropagation();
    if (button.getAttribute('aria-disabled') !== 'true') onClick(host);
  });
  return host;
}

export function renderAction(host: HTMLElement, state: string, text: string, iconName: IconName, title: string, disabled = false): void {
  set(host, state, text, iconName, title, disabled);
}

export function createButton(ref: TrackRef, opts: ButtonOptions): HTMLElement {
  const { host, root, button } = newHost(opts.platform, opts.size, opts.tag, ref);
  host.dataset.deckhandTrack = `${ref.platform}:${ref.id}`;
  renderFacts(host, factsOf(ref), opts.keyNotation ?? 'standard');
  if (opts.onCopyTags) {
    const copy = document.createElement('button');
    copy.type = 'button';
    copy.className = `dh copy ${opts.size}`;
    copy.append(iconNode('copy'));
    const text = document.createElement('span');
    text.className = 'label';
    text.textContent = 'Copy tags';
    copy.append(text);
    copy.title = 'Copy this track’s tags as text';
    copy.setAttribute('aria-label', copy.title);
    copy.addEventListener('click', (ev) => {
      ev.preventDefault();
      ev.stopPropagation();
      opts.onCopyTags?.(ref, host);
    });
    root.append(copy);
  }
  button.addEventListener('click', (ev) => {
    ev.preventDefault();
    ev.stopPropagation(); // the row underneath must not start playing
    if (button.getAttribute('aria-disabled') === 'true') return;
    opts.onClick(ref, host);
  });
  renderIdle(host);
  return host;
}

/** Brief feedback on the copy button ("Copied", or why not). */
export function flashCopy(host: HTMLElement, text: string): void {
  const label = host.shadowRoot?.querySelector('.copy .label');
  if (!label) return;
  label.textContent = text;
  setTimeout(() => (label.textContent = 'Copy tags'), 1500);
}

/** An icon element: a CSS mask chosen by data-icon (styles.ts). */
function iconNode(name: IconName): HTMLSpanElement {
  const icon = document.createElement('span');
  icon.className = 'icon';
  icon.dataset.icon = name;
  icon.setAttribute('aria-hidden', 'true');
  return icon;
}

function set(host: HTMLElement, state: string, text: string, iconName: IconName, title: string, disabled = false): void {
  const p = parts.get(host);
  if (!p) return;
  p.button.dataset.state = state;
  p.label.textContent = text;
  p.icon.dataset.icon = iconName;
  p.button.title = title;
  p.button.setAttribute('aria-label', title);
  if (disabled) p.button.setAttribute('aria-disabled', 'true');
  else p.button.removeAttribute('aria-disabled');
  p.bar.style.width = '0';
  host.dataset.deckhandState = state;
}

export function renderIdle(host: HTMLElement): void {
  const p = parts.get(host);
  if (!p?.ref) return;
  const name = p.ref.title ? `“${p.ref.title.slice(0, 200)}”` : 'this track';
  const u = p.ref.unavailable;
  if (u) {
    const { title, action } = describeError(u.code);
    set(host, 'unavailable', SHORT_REASON[u.code] ?? title, 'blocked', `${title}: ${u.reason ?? action}`, true);
    return;
  }
  const verb = p.ref.kind === 'preview' ? 'Save preview' : 'Download';
  set(host, 'idle', verb === 'Download' ? 'Download' : 'Preview', 'download', `${verb} ${name} with Deckhand`);
}

export function renderJob(host: HTMLElement, job: JobView): void {
  const p = parts.get(host);
  if (!p) return;
  switch (job.state) {
    case 'queued':
      set(host, 'queued', 'Queued', 'clock', 'Waiting in the Deckhand queue');
      break;
    case 'running': {
      const f = progressFraction(job.progress);
      const pct = f === undefined ? undefined : Math.floor(f * 100);
      const finishing = job.progress && job.progress.phase !== 'fetching';
      set(host, 'running', finishing ? 'Tagging' : pct === undefined ? 'Starting' : `${pct}%`, 'spinner', `Downloading${pct === undefined ? '' : `: ${pct}%`}`);
      p.bar.style.width = `${pct ?? 0}%`;
      p.button.setAttribute('aria-valuenow', String(pct ?? 0));
      break;
    }
    case 'done':
      // Tabs get the file's name only (background/pages.ts tabJobView), never its folder.
      set(host, 'done', 'Saved', 'check', job.fileName ? `Saved as ${job.fileName}` : 'Saved');
      break;
    case 'failed': {
      const code = job.error?.code ?? 'internal';
      const { title, action } = describeError(code);
      set(host, 'failed', 'Retry', 'alert', `${title}: ${job.error?.message ?? action} — click to retry`);
      break;
    }
    case 'paused': {
      // The queue keeps what was fetched; asking for the track again (a click) continues it.
      const f = progressFraction(job.progress);
      const pct = f === undefined ? undefined : Math.floor(f * 100);
      set(host, 'paused', pct === undefined ? 'Paused' : `Paused ${pct}%`, 'pause', `Paused${pct === undefined ? '' : ` at ${pct}%`} — click to resume`);
      p.bar.style.width = `${pct ?? 0}%`;
      break;
    }
    case 'cancelled':
      renderIdle(host);
      break;
  }
}

export function refOf(host: HTMLElement): TrackRef | undefined {
  return parts.get(host)?.ref;
}
