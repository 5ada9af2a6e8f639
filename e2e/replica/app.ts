/** What platform modules of the replica get: routes, media, faults, signing, the request log. */
import type { PlatformId } from '../../shared/platform';
import { Router, type LogEntry, type Res } from './http';
import { Faults } from './faults';
import { MediaStore } from './media';
import { Signer } from './signing';

export interface ReplicaPlatform {
  id: PlatformId;
  /** Add routes. Called once at start. */
  register(app: ReplicaApp): void;
  /** Make the media and artwork the catalogue needs (cached on disk). */
  prepare(app: ReplicaApp): Promise<void>;
  /** Answer a request over the platform's rate limit the way the real platform does. */
  rateLimitResponse(res: Res, retryAfterSec: number): Promise<void>;
  /** Forget tokens, uploads and other state created during a run. */
  reset(): void;
}

export class ReplicaApp {
  readonly router = new Router();
  readonly faults: Faults;
  readonly media: MediaStore;
  readonly signer: Signer;
  readonly log: LogEntry[] = [];
  port = 0;

  constructor(opts: { cacheDir: string; seed?: number }) {
    this.faults = new Faults({}, opts.seed ?? 1);
    this.media = new MediaStore(opts.cacheDir);
    this.signer = new Signer(`replica-signing-secret-${opts.seed ?? 1}`);
  }

  /** Requests answered with a platform's rate-limit response so far. */
  rateLimitViolations(platform?: PlatformId): number {
    return this.log.filter((e) => e.rateLimited && (!platform || e.platform === platform)).length;
  }

  record(entry: LogEntry): void {
    this.log.push(entry);
    if (this.log.length > 100_000) this.log.splice(0, 10_000);
  }
}
