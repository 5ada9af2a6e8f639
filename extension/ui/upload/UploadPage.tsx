/**
 * The upload page (its own tab): choose a platform and a file (chosen here, or in the library through
 * the native host), check the fields pre-filled from the file's tags, validate everything before a
 * byte is sent, then queue the upload. Jobs run in the shared queue: a file chosen here is streamed
 * by this page while it stays open; a library file by the native host.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DeckhandError, describeError } from '../../../shared/errors';
import type { AccountView } from '../../../shared/messages';
import type { LibraryFile, LibraryTags } from '../../../shared/native-protocol';
import { PLATFORM_NAMES } from '../../../shared/platform';
import { send } from '../../core/messaging';
import { validateSoundcloud } from '../../platforms/soundcloud/upload';
import { validateMixcloud } from '../../platforms/mixcloud/upload';
import { base64Of, bytesOfBase64, emptyFields, HOST_ARTWORK_MAX_BYTES, fieldsFromTags, formValues, type FieldErrors, type UploadFields, type UploadPlatform } from './model';
import { readFileTags, type FileTags } from './tags-read';
import { PageUploads } from './page-jobs';
import { UploadForm } from './UploadForm';
import { UploadJobs } from './UploadJobs';
import { LibraryPicker } from './LibraryPicker';
import { followUploadJobs, upsertJob, uploadJobs } from './upload-state';

/** The file to upload: chosen in this page, or in the library (the host reads and sends it). */
type Source = { kind: 'file'; file: File } | { kind: 'library'; path: string; name: string; size: number };

const facts = (s: Source | undefined) => (!s ? undefined : s.kind === 'file' ? s.file : { name: s.name, size: s.size });

function fromWire(tags: LibraryTags): FileTags {
  const { picture, ...rest } = tags;
  return { ...rest, ...(picture ? { picture: { mime: picture.mime, data: bytesOfBase64(picture.base64) } } : {}) };
}

export function UploadPage() {
  const params = new URLSearchParams(location.search);
  const platform = useSignal<UploadPlatform>(params.get('platform') === 'mixcloud' ? 'mixcloud' : 'soundcloud');
  const accounts = useSignal<AccountView[]>([]);
  const source = useSignal<Source | undefined>(undefined);
  const fields = useSignal<UploadFields>(emptyFields());
  const errors = useSignal<FieldErrors>({});
  const notice = useSignal('');
  const loadAccounts = () => void send('accounts.list', {}).then((r) => (accounts.value = r.accounts), () => undefined);
  const pageUploads = useMemo(() => new PageUploads(), []);

  const choose = async (chosen: File) => {
    source.value = { kind: 'file', file: chosen };
    fields.value = fieldsFromTags(await readFileTags(chosen), chosen.name);
    errors.value = {};
  };
  const chooseLibrary = async (file: LibraryFile) => {
    const name = file.path.split('/').pop() ?? file.path;
    source.value = { kind: 'library', path: file.path, name, size: file.size };
    notice.value = `Reading the tags of ${name}…`;
    try {
      const { tags } = await send('upload.libraryTags', { path: file.path });
      fields.value = fieldsFromTags(fromWire(tags), name);
      notice.value = '';
    } catch (err) {
      const e = DeckhandError.from(err);
      fields.value = fieldsFromTags({}, name);
      notice.value = `${describeError(e.code).title}: ${e.message}`;
    }
    errors.value = {};
  };
  useEffect(() => {
    loadAccounts();
    followUploadJobs(loadAccounts);
    const link = params.get('fileUrl');
    if (link) {
      notice.value = `Fetching ${link}…`;
      void fetch(link)
        .then(async (res) => {
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          const name = decodeURIComponent(new URL(link).pathname.split('/').pop() || 'audio');
          await choose(new File([await res.blob()], name, { type: res.headers.get('content-type') ?? '' }));
          notice.value = '';
        })
        .catch((err: unknown) => (notice.value = `Could not fetch the linked file: ${String(err)}`));
    }
  }, []);

  const account = accounts.value.find((a) => a.platform === platform.value);
  const pro = !!account?.profile?.pro;
  const validate = (): FieldErrors => {
    const file = facts(source.value);
    const found = platform.value === 'soundcloud' ? validateSoundcloud(fields.value, file) : validateMixcloud(fields.value, file, pro);
    if (source.value?.kind === 'library' && !found.artwork && (fields.value.artwork?.size ?? 0) > HOST_ARTWORK_MAX_BYTES) {
      found.artwork = 'For a library file the artwork must be 600 KB or smaller.';
    }
    return found;
  };
  // Once messages are shown, they follow the user's edits instead of waiting for the next submit.
  useEffect(() => {
    if (Object.keys(errors.peek()).length) errors.value = validate();
  }, [fields.value, source.value]);
  const submit = async (ev: Event) => {
    ev.preventDefault();
    const found = validate();
    errors.value = found;
    const chosen = source.value;
    if (Object.keys(found).length || !chosen || !account?.connected) return;
    const art = fields.value.artwork;
    const common = { platform: platform.value, fields: formValues(fields.value), pro };
    try {
      if (chosen.kind === 'file') {
        const { job } = await send('upload.enqueue', { upload: { ...common, source: 'page', fileName: chosen.file.name, fileSize: chosen.file.size } });
        pageUploads.hold(job.id, { platform: platform.value, file: chosen.file, fields: fields.value, pro });
        upsertJob(job);
      } else {
        const artwork = art ? { name: fields.value.artworkName ?? 'artwork.jpg', type: art.type, base64: base64Of(new Uint8Array(await art.arrayBuffer())) } : undefined;
        const { job } = await send('upload.enqueue', {
          upload: { ...common, source: 'library', fileName: chosen.name, fileSize: chosen.size, libraryPath: chosen.path, ...(artwork ? { artwork } : {}) },
        });
        upsertJob(job);
      }
    } catch (err) {
      const e = DeckhandError.from(err);
      notice.value = `${describeError(e.code).title}: ${e.message}`;
    }
  };

  const chosen = source.value;
  return (
    <main class="upload">
      <h1>Upload</h1>
      <div role="radiogroup" class="platforms" aria-label="Platform">
        {(['soundcloud', 'mixcloud'] as const).map((p) => (
          <label key={p} class={platform.value === p ? 'on' : ''}>
            <input type="radio" name="platform" value={p} checked={platform.value === p} onChange={() => ((platform.value = p), (errors.value = {}))} /> {PLATFORM_NAMES[p]}
          </label>
        ))}
      </div>
      <p class="account-status" data-testid="upload-account">
        {!account ? 'Checking account…' : account.connected ? (
          <>Uploading as <strong>{account.profile?.name ?? 'your account'}</strong>{account.profile?.plan ? ` · ${account.profile.plan}` : ''}</>
        ) : (
          <span class="warn" data-testid="upload-reconnect">
            {account.reconnect ? `${PLATFORM_NAMES[platform.value]} refused the connection: connect again.` : `Connect your ${PLATFORM_NAMES[platform.value]} account first.`}{' '}
            <button type="button" class="link" onClick={() => void send('account.connect', { platform: platform.value }).then(loadAccounts, loadAccounts)}>Connect {PLATFORM_NAMES[platform.value]}</button>{' · '}
            <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">Manage accounts</a>
          </span>
        )}
      </p>
      {notice.value ? <p class="hint" role="status" data-testid="upload-notice">{notice.value}</p> : null}
      <form onSubmit={(ev) => void submit(ev)} noValidate>
        <div class={`field${errors.value.file ? ' invalid' : ''}`} data-field="file">
          <label for="f-file">Audio file</label>
          <input id="f-file" type="file" accept="audio/*,.mp3,.m4a,.wav,.aiff,.flac,.ogg" onChange={(e) => {
            const picked = e.currentTarget.files?.[0];
            if (picked) void choose(picked);
          }} />
          {chosen ? (
            <p class="hint" data-testid="upload-source">
              {chosen.kind === 'file' ? chosen.file.name : chosen.path} · {((chosen.kind === 'file' ? chosen.file.size : chosen.size) / 1e6).toFixed(1)} MB
              {chosen.kind === 'file' ? ' · keep this page open until it is uploaded' : ' · sent by the native host'}
            </p>
          ) : null}
          {errors.value.file ? <p class="field-error" data-testid="error-file" role="alert">{errors.value.file}</p> : null}
        </div>
        <LibraryPicker onChoose={(f) => void chooseLibrary(f)} />
        <UploadForm platform={platform.value} fields={fields} errors={errors.value} pro={pro} />
        <div class="actions">
          <button type="submit" data-testid="upload-submit" disabled={!account?.connected}>Upload to {PLATFORM_NAMES[platform.value]}</button>
          {Object.keys(errors.value).length ? <span class="field-error" role="status">Fix the marked fields first.</span> : null}
        </div>
      </form>
      <UploadJobs jobs={uploadJobs.value} />
    </main>
  );
}
