/**
 * Upload jobs of library files: the extension builds the platform's multipart request (fields,
 * artwork, the token) and the native host streams the file into it from disk. A refused token is
 * renewed once (SoundCloud) or ends in a reconnect prompt (Mixcloud), as on the upload page.
 */
import * as v from 'valibot';
import { DeckhandError } from '../../shared/errors';
import type { UploadJobInfo, UploadPlatform } from '../../shared/jobs';
import type { UploadDoneEvent, UploadField, UploadRequest } from '../../shared/native-protocol';
import { failureOf, readHostAnswer, UploadDoneEventSchema, UploadProgressEventSchema } from '../../shared/native-answers';
import { mcUploadTarget, mixcloudAnswer, mixcloudParts } from '../platforms/mixcloud/upload';
import { scUploadTarget, soundcloudAnswer, soundcloudParts } from '../platforms/soundcloud/upload';
import { base64Of, bytesOfBase64, HOST_ARTWORK_MAX_BYTES, type FormPart, type UploadFields } from '../ui/upload/model';
import type { HostLink } from './host-run';
import { PAUSE_REASON, type JobControl } from './queue';
import { uploadProgress } from './upload-progress';

/** The access token to send; `refused` = the one the platform just refused. */
export type UploadToken = (platform: UploadPlatform, refused?: string) => Promise<string>;


export function formFields(info: UploadJobInfo): UploadFields {
  const art = info.artwork;
  return { ...info.fields, ...(art ? { artwork: new Blob([bytesOfBase64(art.base64) as BlobPart], { type: art.type }), artworkName: art.name } : {}) };
}

/** The platform's parts as the host's request: text fields, small files in base64, the library file's place. */
export async function hostRequest(info: UploadJobInfo, token: string): Promise<UploadRequest> {
  if (!info.libraryPath) throw new DeckhandError('input.invalid', 'This upload names no library file.');
  const placeholder = new File([], info.fileName);
  const fields = formFields(info);
  const parts: FormPart[] = info.platform === 'soundcloud' ? soundcloudParts(fields, placeholder) : mixcloudParts(fields, placeholder, info.pro);
  const target = info.platform === 'soundcloud' ? scUploadTarget(token) : mcUploadTarget(token);
  const position = parts.findIndex((p) => p.value === placeholder);
  const fileName = parts[position]?.name;
  if (!fileName) throw new DeckhandError('internal', 'The upload form has no file part.');
  const rest: UploadField[] = [];
  for (const part of parts) {
    if (part.value === placeholder) continue;
    if (typeof part.value === 'string') rest.push({ name: part.name, value: part.value });
    else {
      if (part.value.size > HOST_ARTWORK_MAX_BYTES) throw new DeckhandError('input.invalid', 'For a library file the artwork must be 600 KB or smaller.');
      const type = /^[\w.+-]+\/[\w.+-]+$/.test(part.value.type) ? part.value.type : 'application/octet-stream';
      rest.push({ name: part.name, filename: part.filename ?? 'artwork', contentType: type, base64: base64Of(new Uint8Array(await part.value.arrayBuffer())) });
    }
  }
  return { ...target, method: 'POST', fields: rest, fileField: { name: fileName, filename: info.fileName, position }, path: info.libraryPath };
}

/** One upload.start on the host, settled by its upload.done / upload.failed (or a cancel). */
function streamOnHost(host: HostLink, hostJobId: string, root: string | undefined, request: UploadRequest, ctl: JobControl, jobId: string): Promise<UploadDoneEvent> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      off();
      ctl.signal.removeEventListener('abort', onAbort);
      outcome();
    };
    const off = host.onEvent((ev) => {
      if (ev.event === 'host.disconnected') return finish(() => reject(DeckhandError.from(ev.data, 'host.disconnected')));
      const data = ev.data as { jobId?: string } | undefined;
      if (data?.jobId !== hostJobId) return;
      // Checked like answers: a malformed progress report is skipped, a malformed end is protocol.invalid.
      if (ev.event === 'upload.progress') {
        const p = v.safeParse(UploadProgressEventSchema, ev.data);
        if (p.success) ctl.progress(uploadProgress(jobId, p.output.sent, p.output.total, started));
      } else if (ev.event === 'upload.done') {
        finish(() => {
          try {
            resolve(readHostAnswer(UploadDoneEventSchema, ev.data, 'upload answer'));
          } catch (err) {
            reject(DeckhandError.from(err));
          }
        });
      } else if (ev.event === 'upload.failed') finish(() => reject(failureOf(ev.data)));
    });
    const onAbort = () => {
      void host.call('upload.cancel', { jobId: hostJobId }).catch(() => undefined);
      const paused = ctl.signal.reason === PAUSE_REASON;
      finish(() => reject(new DeckhandError('job.cancelled', paused ? 'Paused: the upload starts again from the beginning when resumed.' : 'The upload was cancelled.')));
    };
    if (ctl.signal.aborted) return onAbort();
    ctl.signal.addEventListener('abort', onAbort);
    host.call('upload.start', { jobId: hostJobId, ...(root ? { root } : {}), request }).catch((err: unknown) => finish(() => reject(DeckhandError.from(err))));
  });
}

/** `beforeSend` runs right before each request leaves (upload-lost-answer.ts marks the job there). */
export async function runLibraryUpload(
  host: HostLink, job: { id: string; attempts: number; upload: UploadJobInfo }, ctl: JobControl, token: UploadToken, root?: string,
  beforeSend: () => Promise<void> = async () => undefined,
): Promise<{ url?: string }> {
  const info = job.upload;
  let refused: string | undefined;
  for (let attempt = 0; ; attempt++) {
    const accessToken = await token(info.platform, refused);
    const request = await hostRequest(info, accessToken);
    await beforeSend();
    // A distinct id per attempt: a restarted worker's new attempt never mixes with the old one's events.
    const answer = await streamOnHost(host, `${job.id}.${job.attempts}.${attempt}`, root, request, ctl, job.id);
    if (answer.status === 401 && attempt === 0) {
      refused = accessToken;
      continue;
    }
    if (answer.status === 401) throw new DeckhandError('auth.revoked');
    const result = info.platform === 'soundcloud' ? soundcloudAnswer(answer.status, answer.body) : mixcloudAnswer(answer.status, answer.body);
    if (!result.ok) throw new DeckhandError('upload.rejected', result.message);
    return result.url ? { url: result.url } : {};
  }
}
