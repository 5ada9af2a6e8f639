/**
 * The stream URL of a job and the playlist behind it. Signed URLs expire (SoundCloud's after five
 * minutes, also between a crash and the resume): on a 403 the session asks the extension for a
 * fresh URL once, however many requests noticed at the same time, and everyone carries on with it.
 */
import { DeckhandError } from '../../../shared/errors';
import type { MediaPlaylist } from '../../../shared/hls/playlist';
import { isExpired } from '../../../shared/hls/retry';
import { loadMediaPlaylist } from './fetch-media';
import type { HttpClient } from './net';

/** Fresh URLs in a row that did not help before giving up. */
const MAX_FUTILE_REFRESHES = 3;

export class StreamSession {
  private refreshing: Promise<string> | undefined;
  private futile = 0;

  constructor(
    private readonly http: HttpClient,
    public url: string,
    private readonly askFreshUrl: () => Promise<string>,
    private readonly signal: AbortSignal,
  ) {}

  /** A fresh URL from the extension (shared by concurrent callers). */
  refresh(): Promise<string> {
    this.refreshing ??= (async () => {
      if (++this.futile > MAX_FUTILE_REFRESHES) throw new DeckhandError('stream.expired', 'The stream kept refusing fresh links.');
      this.url = await this.askFreshUrl();
      return this.url;
    })().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** Media arrived with the current URL: later expiries deserve fresh links again. */
  progressed(): void {
    this.futile = 0;
  }

  /** Runs `step` with the current URL, refreshing it when it answers 403 (progress is the caller's to report). */
  async withUrl<T>(step: (url: string) => Promise<T>): Promise<T> {
    for (;;) {
      const url = this.url;
      try {
        return await step(url);
      } catch (err) {
        const e = DeckhandError.from(err);
        if (!isExpired(e) || this.signal.aborted) throw e;
        if (this.url === url) await this.refresh();
      }
    }
  }

  /** The media playlist behind the current URL (following a master playlist). */
  playlist(): Promise<MediaPlaylist> {
    return this.withUrl(async (url) => (await loadMediaPlaylist(this.http, url, this.signal)).playlist);
  }
}
