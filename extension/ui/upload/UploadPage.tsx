/**
 * The upload page (its own tab): choose a platform and a file, check the fields pre-filled from the
 * file's tags, validate everything before a byte is sent, then upload jobs with byte progress,
 * cancel and retry, and a link to the new page.
 */
import { useSignal, type Signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DeckhandError, describeError } from '../../../shared/errors';
import type { AccountView } from '../../../shared/messages';
import { PLATFORM_NAMES } from '../../../shared/platform';
import { send } from '../../core/messaging';
import { validateSoundcloud } from '../../platforms/soundcloud/upload';
import { validateMixcloud } from '../../platforms/mixcloud/upload';
import { emptyFields, fieldsFromTags, type FieldErrors, type UploadFields, type UploadPlatform } from './model';
import { readFileTags } from './tags-read';
import { uploadFile } from './send';
import { UploadForm } from './UploadForm';
import { UploadJobs, type UploadJob } from './UploadJobs';

async function tagsOf(file: File): Promise<UploadFields> {
  return fieldsFromTags(await readFileTags(file), file.name);
}

function runJob(job: UploadJob, jobs: Signal<UploadJob[]>, onReconnect: () => void): void {
  const update = (patch: Partial<UploadJob>) => (jobs.value = jobs.value.map((j) => (j.id === job.id ? { ...j, ...patch } : j)));
  const controller = new AbortController();
  update({ state: 'running', sent: 0, controller, error: undefined });
  uploadFile(job.platform, job.fields, job.file, job.pro, (p) => update({ sent: p.sent, total: p.total }), controller.signal).then(
    (answer) => update(answer.ok ? { state: 'done', ...(answer.url ? { url: answer.url } : {}) } : { state: 'failed', error: answer.message }),
    (err: unknown) => {
      const e = DeckhandError.from(err);
      if (e.code.startsWith('auth.')) onReconnect();
      update({ state: e.code === 'job.cancelled' ? 'cancelled' : 'failed', error: `${describeError(e.code).title}: ${e.message}` });
    },
  );
}

export function UploadPage() {
  const params = new URLSearchParams(location.search);
  const platform = useSignal<UploadPlatform>(params.get('platform') === 'mixcloud' ? 'mixcloud' : 'soundcloud');
  const accounts = useSignal<AccountView[]>([]);
  const file = useSignal<File | undefined>(undefined);
  const fields = useSignal<UploadFields>(emptyFields());
  const errors = useSignal<FieldErrors>({});
  const jobs = useSignal<UploadJob[]>([]);
  const notice = useSignal('');
  const loadAccounts = () => void send('accounts.list', {}).then((r) => (accounts.value = r.accounts), () => undefined);

  const choose = async (chosen: File) => {
    file.value = chosen;
    fields.value = await tagsOf(chosen);
    errors.value = {};
  };
  useEffect(() => {
    loadAccounts();
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
  const validate = () => (platform.value === 'soundcloud' ? validateSoundcloud(fields.value, file.value) : validateMixcloud(fields.value, file.value, pro));
  // Once messages are shown, they follow the user's edits instead of waiting for the next submit.
  useEffect(() => {
    if (Object.keys(errors.peek()).length) errors.value = validate();
  }, [fields.value, file.value]);
  const submit = (ev: Event) => {
    ev.preventDefault();
    const found = validate();
    errors.value = found;
    if (Object.keys(found).length || !file.value || !account?.connected) return;
    const job: UploadJob = {
      id: crypto.randomUUID(), platform: platform.value, fileName: file.value.name, title: fields.value.title, sent: 0,
      total: file.value.size, state: 'running', file: file.value, fields: fields.value, pro,
    };
    jobs.value = [job, ...jobs.value];
    runJob(job, jobs, loadAccounts);
  };

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
            <button type="button" class="link" onClick={() => void send('account.connect', { platform: platform.value }).then(loadAccounts, loadAccounts)}>Connect</button>{' '}
            <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">Accounts</a>
          </span>
        )}
      </p>
      {notice.value ? <p class="hint" role="status">{notice.value}</p> : null}
      <form onSubmit={submit} noValidate>
        <div class={`field${errors.value.file ? ' invalid' : ''}`} data-field="file">
          <label for="f-file">Audio file</label>
          <input id="f-file" type="file" accept="audio/*,.mp3,.m4a,.wav,.aiff,.flac,.ogg" onChange={(e) => {
            const chosen = e.currentTarget.files?.[0];
            if (chosen) void choose(chosen);
          }} />
          {file.value ? <p class="hint">{file.value.name} · {(file.value.size / 1e6).toFixed(1)} MB</p> : null}
          {errors.value.file ? <p class="field-error" data-testid="error-file" role="alert">{errors.value.file}</p> : null}
        </div>
        <UploadForm platform={platform.value} fields={fields} errors={errors.value} pro={pro} />
        <div class="actions">
          <button type="submit" data-testid="upload-submit" disabled={!account?.connected}>Upload to {PLATFORM_NAMES[platform.value]}</button>
          {Object.keys(errors.value).length ? <span class="field-error" role="status">Fix the marked fields first.</span> : null}
        </div>
      </form>
      <UploadJobs jobs={jobs.value} onCancel={(j) => j.controller?.abort()} onRetry={(j) => runJob(j, jobs, loadAccounts)} />
    </main>
  );
}
