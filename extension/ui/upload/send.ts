/**
 * Sending an upload from the upload page: one multipart request through XMLHttpRequest (the only
 * browser API with upload byte progress; the browser streams a chosen File from disk). The access
 * token is asked of the background just before sending; when the platform refuses it, the
 * background refreshes it (SoundCloud) or flags the account for reconnecting (Mixcloud), and the
 * request is sent once more.
 */
import { DeckhandError } from '../../../shared/errors';
import { send } from '../../core/messaging';
import { scUploadTarget, soundcloudAnswer, soundcloudParts } from '../../platforms/soundcloud/upload';
import { mcUploadTarget, mixcloudAnswer, mixcloudParts } from '../../platforms/mixcloud/upload';
import type { FormPart, UploadAnswer, UploadFields, UploadPlatform } from './model';

export interface Progress {
  sent: number;
  total: number;
}

interface Request {
  url: string;
  headers: Record<string, string>;
  parts: FormPart[];
}

function post(req: Request, onProgress: (p: Progress) => void, signal: AbortSignal): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', req.url);
    for (const [k, v] of Object.entries(req.headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (ev) => onProgress({ sent: ev.loaded, total: ev.total });
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText });
    xhr.onerror = () => reject(new DeckhandError('network.reset', 'The connection dropped during the upload.'));
    xhr.onabort = () => reject(new DeckhandError('job.cancelled', 'The upload was cancelled.'));
    signal.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    for (const p of req.parts) {
      if (typeof p.value === 'string') form.append(p.name, p.value);
      else form.append(p.name, p.value, p.filename);
    }
    xhr.send(form);
  });
}

function request(platform: UploadPlatform, token: string, fields: UploadFields, file: File, pro: boolean): Request {
  if (platform === 'soundcloud') return { ...scUploadTarget(token), parts: soundcloudParts(fields, file) };
  return { ...mcUploadTarget(token), parts: mixcloudParts(fields, file, pro) };
}

/** Upload once; on a refused token, once more with a renewed one. Auth errors are thrown (reconnect). */
export async function uploadFile(
  platform: UploadPlatform, fields: UploadFields, file: File, pro: boolean, onProgress: (p: Progress) => void, signal: AbortSignal,
): Promise<UploadAnswer> {
  let { accessToken } = await send('upload.token', { platform });
  for (let attempt = 0; ; attempt++) {
    const res = await post(request(platform, accessToken, fields, file, pro), onProgress, signal);
    if (res.status === 401 && attempt === 0) {
      ({ accessToken } = await send('upload.token', { platform, refused: accessToken }));
      continue;
    }
    if (res.status === 401) throw new DeckhandError('auth.revoked');
    return platform === 'soundcloud' ? soundcloudAnswer(res.status, res.body) : mixcloudAnswer(res.status, res.body);
  }
}
