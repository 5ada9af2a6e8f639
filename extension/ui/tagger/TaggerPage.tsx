/**
 * "Tag files in a folder" (issue 7, local files): choose a folder of the library, scan it, review
 * each file's Beatport match against its current tags, accept rows (one by one or all above a
 * score) and write them. Everything on disk happens in the native host.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { getSettings } from '../../core/settings';
import { ReviewTable } from './ReviewTable';
import {
  acceptAbove,
  acceptedRows,
  DEFAULT_ACCEPT_PERCENT,
  folder,
  folders,
  libraryRoot,
  loadFolders,
  matchedCount,
  notation,
  phase,
  problem,
  recursive,
  rows,
  scanAndMatch,
  scanned,
  writeAccepted,
} from './state';

function progressText(): string {
  const n = rows.value.length;
  switch (phase.value) {
    case 'scanning':
      return `Reading tags… ${scanned.value.done} of ${scanned.value.total || '?'} files`;
    case 'matching':
      return `Looking up on Beatport… ${matchedCount.value} of ${n} files`;
    case 'review':
      return n ? `${n} file${n === 1 ? '' : 's'} looked up. Accept the matches to write.` : 'No audio files in this folder.';
    case 'writing':
      return `Writing tags… ${rows.value.filter((r) => r.write === 'written' || r.write === 'failed').length} done`;
    case 'done': {
      const ok = rows.value.filter((r) => r.write === 'written').length;
      const failed = rows.value.filter((r) => r.write === 'failed').length;
      return `Tags written to ${ok} file${ok === 1 ? '' : 's'}${failed ? `; ${failed} failed` : ''}.`;
    }
    default:
      return '';
  }
}

const parentOf = (f: string) => f.split('/').slice(0, -1).join('/');

function FolderPicker() {
  const busy = phase.value === 'scanning' || phase.value === 'matching' || phase.value === 'writing';
  /** The folder whose sub-folders are listed (the list follows the buttons, not the typing). */
  const browsed = useSignal('');
  const open = (f: string) => {
    folder.value = f;
    browsed.value = f;
    void loadFolders(f);
  };
  const scan = (ev: Event) => {
    ev.preventDefault();
    void scanAndMatch();
  };
  return (
    <form onSubmit={scan} aria-labelledby="folder-h">
      <h2 id="folder-h">Folder</h2>
      <label for="folder">Folder in your library</label>
      <input id="folder" type="text" list="folder-list" placeholder="Empty: the whole library folder" value={folder.value} onInput={(e) => (folder.value = e.currentTarget.value)} />
      <datalist id="folder-list">
        {folders.value.map((f) => <option key={f} value={f} />)}
      </datalist>
      <p class="hint">
        A folder inside {libraryRoot.value ? <code>{libraryRoot.value}</code> : 'the library folder'} (relative, or an absolute path under it). MP3 and M4A files are tagged.
      </p>
      <ul class="folders" aria-label="Folders in the library">
        {browsed.value ? (
          <li>
            <button type="button" class="link" onClick={() => open(parentOf(browsed.value))}>↑ {parentOf(browsed.value) || 'Library folder'}</button>
          </li>
        ) : null}
        {folders.value.map((f) => (
          <li key={f}>
            <button type="button" class="link" onClick={() => open(f)}>{f}</button>
          </li>
        ))}
      </ul>
      <label class="inline">
        <input type="checkbox" checked={recursive.value} onChange={(e) => (recursive.value = e.currentTarget.checked)} /> Include sub-folders
      </label>
      <div class="actions">
        <button type="submit" disabled={busy}>Scan and match</button>
      </div>
    </form>
  );
}

function ReviewActions() {
  const percent = useSignal(DEFAULT_ACCEPT_PERCENT);
  const busy = phase.value === 'writing';
  const count = acceptedRows.value.length;
  return (
    <div class="actions review-actions">
      <label class="inline" for="min-score">Accept all at or above</label>
      <input id="min-score" type="number" min={0} max={100} step={1} value={percent.value} onInput={(e) => (percent.value = Number(e.currentTarget.value) || 0)} aria-describedby="min-score-unit" />
      <span id="min-score-unit">%</span>
      <button type="button" class="secondary" disabled={busy} onClick={() => acceptAbove(percent.value)}>Accept</button>
      <button type="button" disabled={busy || count === 0} onClick={() => void writeAccepted()}>
        Write tags to {count} file{count === 1 ? '' : 's'}
      </button>
    </div>
  );
}

export function TaggerPage() {
  useEffect(() => {
    void getSettings().then((s) => (notation.value = s.keyNotation));
    void loadFolders();
  }, []);
  const hasRows = rows.value.length > 0;
  return (
    <main class="tagger">
      <h1>Tag files in a folder</h1>
      <p class="hint">Deckhand reads your files’ tags, finds each track on Beatport and shows what it would add. Nothing is written until you accept it; the audio is never changed.</p>
      <FolderPicker />
      <p role="status" aria-live="polite" class="progress">{progressText()}</p>
      {problem.value ? <p role="alert" class="warn">{problem.value}</p> : null}
      {hasRows ? (
        <section aria-labelledby="review-h">
          <h2 id="review-h">Review</h2>
          <p id="review-hint" class="hint">Struck-through values are the file’s own; the values after them would be written. Fields without a new value stay as they are.</p>
          <ReviewActions />
          <div class="table-wrap">
            <ReviewTable rows={rows.value} />
          </div>
        </section>
      ) : null}
    </main>
  );
}
