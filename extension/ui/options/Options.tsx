/** Options: library folder and file names, key notation, the native host's status and how to install it. */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { describeError } from '../../../shared/errors';
import { TEMPLATE_TOKENS } from '../../../shared/filename';
import type { HostStatus } from '../../../shared/messages';
import { send } from '../../core/messaging';
import { getSettings, updateSettings, type Settings } from '../../core/settings';
import { AccountsSection } from '../accounts/Accounts';
import '../accounts/accounts.css';

function HostPanel({ status }: { status: HostStatus | undefined }) {
  const id = browser.runtime.id;
  const isFirefox = browser.runtime.getURL('/').startsWith('moz-extension:');
  const browserFlag = isFirefox ? 'firefox' : 'chrome';
  return (
    <section aria-labelledby="host-h">
      <h2 id="host-h">Native host</h2>
      {!status ? (
        <p>Checking…</p>
      ) : status.connected ? (
        <p class="ok" data-testid="host-status">Connected: Deckhand host {status.hostVersion}. Default library: <code>{status.defaultLibraryRoot}</code></p>
      ) : (
        <>
          <p class="warn" data-testid="host-status">Not connected{status.error ? `: ${describeError(status.error.code).title}` : ''}. Short tracks still download through the browser; long shows need the host.</p>
          <p>Install it with Node.js 20 or newer, from a checkout of Deckhand:</p>
          <pre>npm ci && npm run build:host{'\n'}npm run host -- install --browser {browserFlag} --extension-id {id}</pre>
          <p>Then <code>npm run host -- doctor</code> explains anything that still stops the browser from finding it.</p>
        </>
      )}
    </section>
  );
}

export function Options() {
  const settings = useSignal<Settings | undefined>(undefined);
  const status = useSignal<HostStatus | undefined>(undefined);
  const saved = useSignal('');
  useEffect(() => {
    void getSettings().then((s) => (settings.value = s));
    void send('host.status', {}).then((s) => (status.value = s), () => (status.value = { connected: false }));
  }, []);
  const s = settings.value;
  if (!s) return <main><p>Loading…</p></main>;
  const set = (patch: Partial<Settings>) => (settings.value = { ...s, ...patch });
  const save = async (ev: Event) => {
    ev.preventDefault();
    settings.value = await updateSettings(s);
    saved.value = 'Saved.';
    setTimeout(() => (saved.value = ''), 2000);
  };
  return (
    <main>
      <h1>Deckhand options</h1>
      <form onSubmit={save}>
        <section aria-labelledby="lib-h">
          <h2 id="lib-h">Library</h2>
          <label for="root">Library folder (native host)</label>
          <input id="root" name="root" type="text" placeholder={status.value?.defaultLibraryRoot ?? '~/Music/Deckhand'} value={s.libraryRoot} onInput={(e) => set({ libraryRoot: e.currentTarget.value })} />
          <p class="hint">An absolute path. Empty: the host’s default. Without the host, files go to your Downloads folder under “{s.browserFolder}”.</p>
          <label for="template">File name template</label>
          <input id="template" name="template" type="text" required value={s.template} onInput={(e) => set({ template: e.currentTarget.value })} />
          <details>
            <summary>Tokens</summary>
            <dl class="tokens">
              {Object.entries(TEMPLATE_TOKENS).map(([k, v]) => (
                <>
                  <dt><code>{`{${k}}`}</code></dt>
                  <dd>{v}</dd>
                </>
              ))}
            </dl>
            <p class="hint">Use “/” for folders, e.g. <code>{'{platform}/{album}/{track} {title}'}</code>. Names are made safe for Windows, macOS and Linux.</p>
          </details>
          <label for="exists">When the file exists</label>
          <select id="exists" value={s.onExists} onChange={(e) => set({ onExists: e.currentTarget.value as Settings['onExists'] })}>
            <option value="rename">Keep both (add a number)</option>
            <option value="skip">Skip</option>
            <option value="overwrite">Replace</option>
          </select>
        </section>
        <section aria-labelledby="tags-h">
          <h2 id="tags-h">Tags</h2>
          <label for="keys">Key notation</label>
          <select id="keys" value={s.keyNotation} onChange={(e) => set({ keyNotation: e.currentTarget.value as Settings['keyNotation'] })}>
            <option value="standard">Standard (Am, F#)</option>
            <option value="camelot">Camelot (8A)</option>
            <option value="openkey">Open Key (1m)</option>
          </select>
          <label>
            <input id="enrich" type="checkbox" checked={s.enrichFromBeatport} onChange={(e) => set({ enrichFromBeatport: e.currentTarget.checked })} /> Enrich from Beatport
          </label>
          <p class="hint">SoundCloud and Mixcloud downloads get the BPM, key, genre, label, ISRC and release data of their Beatport match (and a show’s tracklist its BPM and key), when the match is confident.</p>
          <label>
            <input id="prefer-beatport" type="checkbox" checked={s.preferBeatport} disabled={!s.enrichFromBeatport} onChange={(e) => set({ preferBeatport: e.currentTarget.checked })} /> Prefer Beatport’s facts
          </label>
          <p class="hint">Off: Beatport only fills what the source leaves out. On: Beatport’s genre, label, dates… replace the source’s.</p>
          <p><a href="/tagger.html" target="_blank">Tag files in a folder…</a> <span class="hint">Beatport’s BPM, key, genre and label for files already in your library (native host).</span></p>
        </section>
        <section aria-labelledby="dl-h">
          <h2 id="dl-h">Downloads</h2>
          <label for="host-mode">Native host</label>
          <select id="host-mode" value={s.nativeHost} onChange={(e) => set({ nativeHost: e.currentTarget.value as Settings['nativeHost'] })}>
            <option value="auto">Use it when installed</option>
            <option value="never">Never (browser only)</option>
          </select>
          <label>
            <input id="prefer-original" type="checkbox" checked={s.preferOriginal} onChange={(e) => set({ preferOriginal: e.currentTarget.checked })} /> Prefer the original file
          </label>
          <p class="hint">SoundCloud: when the artist allows downloads and you are signed in, save their own file (WAV, FLAC, AIFF, MP3…) as it is, tagged, instead of the stream (native host).</p>
          <label for="conc">Parallel segment fetches</label>
          <input id="conc" type="number" min={1} max={16} value={s.segmentConcurrency} onInput={(e) => set({ segmentConcurrency: Number(e.currentTarget.value) || 6 })} />
        </section>
        <div class="actions">
          <button type="submit">Save</button>
          <span role="status" aria-live="polite">{saved.value}</span>
        </div>
      </form>
      <HostPanel status={status.value} />
      <AccountsSection />
    </main>
  );
}
