import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeckhandError } from '../../../shared/errors';
import type { ResponseTypes } from '../../../shared/messages';

let DownloadAllButton: typeof import('./download-all').DownloadAllButton;

beforeAll(async () => {
  const { document, HTMLElement } = parseHTML('<!doctype html><html><body></body></html>');
  Object.assign(globalThis, { document, HTMLElement });
  ({ DownloadAllButton } = await import('./download-all'));
});

const SET = 'https://soundcloud.com/mira/sets/late-night';
const group = () => {
  const g = document.createElement('div');
  g.className = 'sc-button-group';
  document.body.append(g);
  return g;
};
const buttonOf = (anchor: Element) => {
  const host = anchor.querySelector('[data-deckhand-action="download-all"]') as HTMLElement | null;
  const b = host?.shadowRoot?.querySelector('button.dh') as HTMLButtonElement | undefined;
  return { host, b, label: b?.querySelector('.label')?.textContent, state: host?.dataset.deckhandState };
};
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('"Download all" on a set page', () => {
  it('appears once per page, asks for the page’s list on click and says how many were queued', async () => {
    const asked: string[] = [];
    let answer: ResponseTypes['page.downloadAll'] = { queued: 5, saved: 2 };
    const all = new DownloadAllButton('soundcloud', async (url) => (asked.push(url), answer));
    const anchor = group();
    all.sync({ anchor, size: 'medium', noun: 'set' }, SET);
    all.sync({ anchor, size: 'medium', noun: 'set' }, SET); // a rescan keeps the same button
    expect(anchor.querySelectorAll('[data-deckhand-action]').length).toBe(1);
    const first = buttonOf(anchor);
    expect(first.label).toBe('Download all');
    expect(first.b?.getAttribute('aria-label')).toBe('Download every track of this set with Deckhand, in order');
    first.b?.click();
    expect(buttonOf(anchor).state).toBe('running');
    first.b?.click(); // busy: a second click does nothing
    await settle();
    expect(asked).toEqual([SET]);
    expect(buttonOf(anchor)).toMatchObject({ state: 'queued', label: 'Queued 5' });
    expect(buttonOf(anchor).b?.title).toBe('5 tracks queued in Deckhand, 2 saved already');
    answer = { queued: 0, saved: 3 };
    first.b?.click();
    await settle();
    expect(buttonOf(anchor)).toMatchObject({ state: 'done', label: 'All saved' });
  });

  it('shows why it failed, and a click tries again', async () => {
    let fail = true;
    const all = new DownloadAllButton('beatport', async () => {
      if (fail) throw new DeckhandError('network.offline', 'No connection.');
      return { queued: 0, saved: 0 };
    });
    const anchor = group();
    all.sync({ anchor, size: 'medium', noun: 'release' }, 'https://www.beatport.com/release/x/1');
    buttonOf(anchor).b?.click();
    await settle();
    expect(buttonOf(anchor)).toMatchObject({ state: 'failed', label: 'Retry' });
    expect(buttonOf(anchor).b?.title).toBe('Offline: No connection. — click to retry');
    fail = false;
    buttonOf(anchor).b?.click();
    await settle();
    expect(buttonOf(anchor)).toMatchObject({ state: 'failed', label: 'Nothing to download' });
  });

  it('goes away when the page is no longer a list, and a new page gets a fresh one', () => {
    const all = new DownloadAllButton('soundcloud', async () => ({ queued: 1, saved: 0 }));
    const anchor = group();
    all.sync({ anchor, size: 'medium', noun: 'set' }, SET);
    const before = buttonOf(anchor).host;
    all.sync({ anchor, size: 'medium', noun: 'set' }, `${SET}-2`);
    expect(anchor.querySelectorAll('[data-deckhand-action]').length).toBe(1);
    expect(buttonOf(anchor).host).not.toBe(before);
    all.sync(undefined, 'https://soundcloud.com/mira');
    expect(anchor.querySelector('[data-deckhand-action]')).toBeNull();
  });

  it('replaces one left by an earlier run of the content script', () => {
    const anchor = group();
    new DownloadAllButton('soundcloud', async () => ({ queued: 1, saved: 0 })).sync({ anchor, size: 'medium', noun: 'set' }, SET);
    new DownloadAllButton('soundcloud', async () => ({ queued: 1, saved: 0 })).sync({ anchor, size: 'medium', noun: 'set' }, SET);
    expect(anchor.querySelectorAll('[data-deckhand-action]').length).toBe(1);
  });
});
