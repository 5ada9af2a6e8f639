/**
 * Choose a file from the library folder through the native host (large shows: the host streams them,
 * the browser never holds them). Lists on demand; the host answers paths relative to the library.
 */
import { useSignal } from '@preact/signals';
import { describeError, DeckhandError } from '../../../shared/errors';
import type { LibraryFile } from '../../../shared/native-protocol';
import { send } from '../../core/messaging';

const size = (n: number) => (n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : `${(n / 1e6).toFixed(1)} MB`);

export function LibraryPicker({ onChoose }: { onChoose: (file: LibraryFile) => void }) {
  const files = useSignal<LibraryFile[] | undefined>(undefined);
  const status = useSignal('');
  const load = async () => {
    status.value = 'Asking the native host…';
    try {
      const listing = await send('upload.library', {});
      files.value = listing.files;
      status.value = listing.files.length ? `${listing.files.length}${listing.truncated ? '+' : ''} audio files in ${listing.root}` : `No audio files in ${listing.root}.`;
    } catch (err) {
      const e = DeckhandError.from(err);
      status.value = `${describeError(e.code).title}: ${e.message}`;
    }
  };
  return (
    <div class="field library" data-field="library">
      <label for="f-library">Or a file in your library</label>
      {files.value?.length ? (
        <select id="f-library" data-testid="library-select" onChange={(e) => {
          const chosen = files.value?.find((f) => f.path === e.currentTarget.value);
          if (chosen) onChoose(chosen);
        }}>
          <option value="">Choose…</option>
          {files.value.map((f) => <option key={f.path} value={f.path}>{f.path} ({size(f.size)})</option>)}
        </select>
      ) : (
        <button type="button" id="f-library" class="secondary" data-testid="library-load" onClick={() => void load()}>Browse the library</button>
      )}
      {status.value ? <p class="hint" role="status" data-testid="library-status">{status.value}</p> : <p class="hint">Through the Deckhand native host, which sends the file itself: any size, nothing held in the browser.</p>}
    </div>
  );
}
