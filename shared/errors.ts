/**
 * Errors are values with dotted codes. `describeError` turns a code into words a user can act on;
 * every code has an entry, so the compiler rejects a code without an explanation.
 */
export const ERROR_TEXT = {
  'auth.required': ['Sign-in needed', 'Connect your account in Deckhand’s options to do this.'],
  'auth.expired': ['Session expired', 'Your sign-in expired and could not be renewed. Connect again in the options.'],
  'auth.revoked': ['Access revoked', 'The platform no longer accepts Deckhand’s access. Connect again in the options.'],
  'auth.rejected': ['Sign-in refused', 'The platform refused the sign-in. Check your app credentials in the options.'],
  'auth.state-mismatch': ['Sign-in interrupted', 'The sign-in answer did not match the request. Try connecting again.'],
  'auth.cancelled': ['Sign-in cancelled', 'The sign-in window was closed before it finished.'],
  'rate.limited': ['Slow down', 'The platform asked us to wait before the next request; Deckhand retries by itself.'],
  'not-found': ['Not found', 'This item no longer exists or is private.'],
  'region.blocked': ['Not available in your country', 'The rights holder blocks this item where you are.'],
  'stream.drm': ['Protected by DRM', 'Only an encrypted stream exists for this item. Deckhand never circumvents DRM.'],
  'stream.exclusive': ['Subscribers only', 'This show is exclusive to the creator’s subscribers and cannot be downloaded.'],
  'stream.preview-only': ['Preview only', 'Only a 30-second preview is available to you (SoundCloud Go+); the full track is not saved.'],
  'stream.restricted': ['Restricted', 'The platform restricts playback of this item for you (play limit or licensing).'],
  'stream.none': ['No stream', 'The platform offers no stream for this item.'],
  'stream.expired': ['Link expired', 'The stream link expired and could not be renewed.'],
  'network.offline': ['Offline', 'The platform could not be reached. Check your connection.'],
  'network.timeout': ['Timed out', 'The platform took too long to answer.'],
  'network.http': ['Server error', 'The platform answered with an error.'],
  'network.reset': ['Connection lost', 'The connection dropped during the transfer.'],
  'host.missing': ['Companion app needed', 'Install the Deckhand native host (see Options → Native host) for this download.'],
  'host.disconnected': ['Companion app stopped', 'The Deckhand native host stopped. It restarts on the next download.'],
  'host.timeout': ['Companion app not answering', 'The Deckhand native host did not answer in time.'],
  'host.version': ['Companion app outdated', 'Update the Deckhand native host to match the extension.'],
  'protocol.bad-frame': ['Bad message', 'A message had an invalid length prefix.'],
  'protocol.too-large': ['Message too large', 'A message exceeded the size limit.'],
  'protocol.bad-json': ['Bad message', 'A message was not valid JSON.'],
  'protocol.invalid': ['Bad message', 'A message did not have the expected shape.'],
  'protocol.unknown-action': ['Unknown request', 'The native host does not know this request.'],
  'media.bad-playlist': ['Broken playlist', 'The stream’s playlist could not be read.'],
  'media.no-segments': ['Empty stream', 'The stream has no segments.'],
  'media.missing-init': ['Broken stream', 'The stream lacks its initialisation segment.'],
  'media.bad-content-type': ['Unexpected data', 'The server sent something that is not audio.'],
  'media.corrupt': ['Corrupt audio', 'The audio data could not be parsed.'],
  'media.unsupported': ['Unsupported format', 'This audio format is not supported.'],
  'media.size-mismatch': ['Incomplete transfer', 'A part arrived shorter than announced.'],
  'library.no-root': ['No library folder', 'Choose a library folder in the options.'],
  'library.path-escape': ['Unsafe path', 'The file name tried to leave the library folder.'],
  'library.exists': ['Already in your library', 'A file with this name already exists.'],
  'library.io': ['Could not write', 'Writing to the library folder failed (disk full or no permission?).'],
  'job.cancelled': ['Cancelled', 'The download was cancelled.'],
  'job.busy': ['Downloading elsewhere', 'This item is already being downloaded by another Deckhand window.'],
  'job.too-large': ['Too long for the browser', 'This item is too large to save without the Deckhand native host.'],
  'upload.page-closed': ['Upload page closed', 'The file was chosen in an upload page that is no longer open. Open the upload page, choose the file again and upload.'],
  'upload.rejected': ['Upload refused', 'The platform refused the upload; its reason is shown with it.'],
  'upload.unconfirmed': ['Upload not confirmed', 'An earlier attempt may have uploaded this already and the platform could not be checked. Look at your profile there; retry only if it is not there.'],
  'input.invalid': ['Invalid input', 'Some input was not valid.'],
  internal: ['Something went wrong', 'An unexpected error occurred. Details are in the log.'],
} as const satisfies Record<string, readonly [string, string]>;

export type ErrorCode = keyof typeof ERROR_TEXT;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_TEXT, value);
}

/** Codes that describe the world rather than a bug: shown plainly, not logged as failures. */
const EXPECTED_PREFIXES = ['auth.', 'rate.', 'region.', 'stream.', 'not-found', 'library.exists', 'job.', 'host.missing', 'upload.'];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  expected: boolean;
  /** For rate.limited: epoch ms when a retry may happen. */
  retryAt?: number;
  /** HTTP status when the error came from an answer. */
  status?: number;
}

export class DeckhandError extends Error {
  readonly code: ErrorCode;
  readonly expected: boolean;
  readonly retryAt?: number;
  readonly status?: number;

  constructor(code: ErrorCode, message?: string, extra: { retryAt?: number; status?: number; cause?: unknown } = {}) {
    super(message ?? ERROR_TEXT[code][1], extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = 'DeckhandError';
    this.code = code;
    this.expected = EXPECTED_PREFIXES.some((p) => code.startsWith(p));
    if (extra.retryAt !== undefined) this.retryAt = extra.retryAt;
    if (extra.status !== undefined) this.status = extra.status;
  }

  toJSON(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message, expected: this.expected };
    if (this.retryAt !== undefined) info.retryAt = this.retryAt;
    if (this.status !== undefined) info.status = this.status;
    return info;
  }

  static from(err: unknown, fallback: ErrorCode = 'internal'): DeckhandError {
    if (err instanceof DeckhandError) return err;
    if (err && typeof err === 'object' && 'code' in err && isErrorCode((err as { code: unknown }).code)) {
      const e = err as Partial<ErrorInfo> & { code: ErrorCode };
      return new DeckhandError(e.code, typeof e.message === 'string' ? e.message : undefined, {
        ...(e.retryAt !== undefined ? { retryAt: e.retryAt } : {}),
        ...(e.status !== undefined ? { status: e.status } : {}),
      });
    }
    const message = err instanceof Error ? err.message : String(err);
    return new DeckhandError(fallback, message, { cause: err });
  }
}

/** Words for the user: a short title and one sentence saying what to do. */
export function describeError(code: ErrorCode): { title: string; action: string } {
  const [title, action] = ERROR_TEXT[code];
  return { title, action };
}
