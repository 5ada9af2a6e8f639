/**
 * The platform replica: one HTTPS server answering for the real host names of SoundCloud, Mixcloud
 * and Beatport on loopback. The same port speaks TLS, plain HTTP and HTTP CONNECT (so Firefox can use
 * it as its proxy). Start it in-process with startReplica() or as a program with `npm run replica`.
 */
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlatformId } from '../../shared/platform';
import { ReplicaApp, type ReplicaPlatform } from './app';
import { CONTROL_HOST, hostResolverRules } from './hosts';
import { Req, Res, sleep } from './http';
import { loadTls } from './tls';
import { registerControl } from './control';
import type { FaultConfig } from './faults';
import { PLATFORMS } from './platforms';

export const DEFAULT_CACHE_DIR = join(dirname(fileURLToPath(import.meta.url)), '.cache');

export interface ReplicaOptions {
  port?: number;
  cacheDir?: string;
  seed?: number;
  faults?: Partial<FaultConfig>;
  /** Skip making media up front (pages and APIs only). Media is then made on first request. */
  lazyMedia?: boolean;
}

export interface Replica {
  port: number;
  app: ReplicaApp;
  caPath: string;
  /** Value for Chromium's --host-resolver-rules. */
  hostResolverRules: string;
  /** Value for the native host's DECKHAND_RESOLVE (same mapping, for Node). */
  resolveEnv: string;
  /** Base URL of the control API. */
  controlUrl: string;
  stop(): Promise<void>;
}

export async function startReplica(opts: ReplicaOptions = {}): Promise<Replica> {
  const cacheDir = opts.cacheDir ?? DEFAULT_CACHE_DIR;
  const tls = loadTls(cacheDir);
  const app = new ReplicaApp({ cacheDir, ...(opts.seed !== undefined ? { seed: opts.seed } : {}) });
  if (opts.faults) app.faults.set(opts.faults);
  const platforms = Object.values(PLATFORMS) as ReplicaPlatform[];
  registerControl(app, platforms);
  for (const p of platforms) p.register(app);
  if (!opts.lazyMedia) await Promise.all(platforms.map((p) => p.prepare(app)));

  const handle = (raw: IncomingMessage, rawRes: ServerResponse) => {
    void dispatch(app, platforms, raw, rawRes).catch((err: unknown) => {
      if (!rawRes.headersSent) {
        rawRes.writeHead(500, { 'content-type': 'text/plain' });
        rawRes.end(`replica error: ${err instanceof Error ? err.stack : String(err)}`);
      } else rawRes.destroy();
    });
  };
  const https = createHttpsServer({ cert: tls.certPem, key: tls.keyPem, ALPNProtocols: ['http/1.1'] }, handle);
  const http = createHttpServer(handle);
  https.keepAliveTimeout = http.keepAliveTimeout = 30_000;
  // HTTP CONNECT: the replica as an HTTPS proxy (Firefox has no host-resolver-rules).
  http.on('connect', (_req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) socket.unshift(head);
    https.emit('connection', socket);
  });
  const sockets = new Set<Socket>();
  const front: NetServer = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // Sniff the first byte: 0x16 starts a TLS handshake, anything else is plain HTTP or CONNECT.
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === 0x16 ? https : http).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = front.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  app.port = port;
  return {
    port,
    app,
    caPath: tls.caPath,
    hostResolverRules: hostResolverRules(port),
    resolveEnv: `*=127.0.0.1:${port}`,
    controlUrl: `https://${CONTROL_HOST}/__replica`,
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => front.close(() => r()));
    },
  };
}

async function dispatch(app: ReplicaApp, platforms: ReplicaPlatform[], raw: IncomingMessage, rawRes: ServerResponse) {
  const req = new Req(raw, () => app.faults.config.uploadBandwidth);
  const found = app.router.match(req);
  const category = found?.route.category ?? 'page';
  let status = 0;
  let rateLimited = false;
  const res = new Res(rawRes, app.faults, () => category, (s) => (status = s));
  const platform = req.platform;
  const isControl = req.host === CONTROL_HOST;
  try {
    if (!isControl && app.faults.config.latencyMs > 0) await sleep(app.faults.config.latencyMs);
    if (!isControl) {
      const error = app.faults.errorFor(category);
      if (error) {
        await res.text(error === 503 ? 'Service Unavailable' : 'Internal Server Error', error);
        return;
      }
    }
    if (platform && category === 'api') {
      const retryAfter = app.faults.rateLimited(platform);
      if (retryAfter !== undefined) {
        rateLimited = true;
        const impl = platforms.find((p) => p.id === platform);
        await impl?.rateLimitResponse(res, retryAfter);
        return;
      }
    }
    if (!found) {
      await res.text(`replica: no route for ${req.method} ${req.host}${req.path}`, 404);
      return;
    }
    req.params = found.params;
    await found.route.handler(req, res);
    if (!res.sent) await res.text('replica: handler sent nothing', 500);
  } finally {
    if (!isControl) {
      app.record({
        t: Date.now(),
        method: req.method,
        host: req.host,
        path: req.path + (req.url.search ? req.url.search : ''),
        status,
        category,
        ...(platform ? { platform: platform as PlatformId } : {}),
        ...(rateLimited ? { rateLimited } : {}),
      });
    }
  }
}
