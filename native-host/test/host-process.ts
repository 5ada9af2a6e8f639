/**
 * Test helper: build the real bundle with build.mjs and talk to it over stdin/stdout exactly as a
 * browser does (32-bit LE length + UTF-8 JSON).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_HOST_TO_BROWSER } from '../../shared/native-protocol';
import { encodeFrame, FrameDecoder } from '../src/framing';

export const NATIVE_HOST_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = resolve(NATIVE_HOST_DIR, '..');
/** Where build.mjs writes the bundle: DECKHAND_OUT_DIR moves it (as for e2e/harness/paths.ts). */
export const BUNDLE = process.env.DECKHAND_OUT_DIR
  ? join(process.env.DECKHAND_OUT_DIR, 'host', 'deckhand-host.cjs')
  : join(NATIVE_HOST_DIR, 'dist', 'deckhand-host.cjs');
export const DEV_ORIGIN = 'chrome-extension://bcobmeppnhehmbjdbaadohlppanamlfg/';

/** Build the bundle (atomic write, so parallel test files may all call this). */
export function buildHost(): void {
  execFileSync(process.execPath, [join(NATIVE_HOST_DIR, 'build.mjs'), '--quiet'], { cwd: REPO_ROOT, stdio: 'pipe' });
}

const createdDirs: string[] = [];

export function tempDir(prefix = 'deckhand-host-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  createdDirs.push(dir);
  return dir;
}

/** Remove every folder tempDir() made in this test file (call from afterAll). */
export function removeTempDirs(): void {
  for (const dir of createdDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export type Message = Record<string, unknown> & { type: string };

export interface StartOptions {
  args?: string[];
  env?: Record<string, string>;
  /** Run this program instead of `node BUNDLE` (e.g. an installed launcher). */
  command?: string;
}

export class HostProcess {
  readonly child: ChildProcess;
  readonly messages: Message[] = [];
  /** Frames the host wrote above the 1 MiB cap (must stay empty). */
  readonly oversizeFrames: number[] = [];
  stderr = '';
  readonly home: string;
  readonly logFile: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private waiters: Array<() => void> = [];

  constructor(opts: StartOptions = {}) {
    this.home = tempDir();
    this.logFile = join(this.home, 'host.log');
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: this.home,
      DECKHAND_LOG_FILE: this.logFile,
      DECKHAND_TEST_ACTIONS: '1',
      ...opts.env,
    };
    const [cmd, cmdArgs] = opts.command
      ? [opts.command, opts.args ?? [DEV_ORIGIN]]
      : [process.execPath, [BUNDLE, ...(opts.args ?? [DEV_ORIGIN])]];
    this.child = spawn(cmd, cmdArgs, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const decoder = new FrameDecoder(MAX_HOST_TO_BROWSER, {
      onFrame: (body) => {
        this.messages.push(JSON.parse(body.toString('utf8')) as Message);
        this.notify();
      },
      onOversize: (n) => this.oversizeFrames.push(n),
    });
    this.child.stdout?.on('data', (chunk: Buffer) => decoder.push(chunk));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    // Writing to a host that already exited must not fail the test run with EPIPE.
    this.child.stdin?.on('error', () => {});
    this.exited = new Promise((resolveExit) => {
      this.child.on('exit', (code, signal) => {
        resolveExit({ code, signal });
        this.notify();
      });
    });
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  sendRaw(bytes: Buffer): void {
    this.child.stdin?.write(bytes);
  }

  send(message: unknown): void {
    this.sendRaw(encodeFrame(Buffer.from(JSON.stringify(message), 'utf8')));
  }

  end(): void {
    this.child.stdin?.end();
  }

  /** The first message matching `match` (already received or still to come). */
  async waitFor(match: (m: Message) => boolean, timeoutMs = 10_000): Promise<Message> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`host exited before the expected message; stderr: ${this.stderr}`);
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for a message; got ${JSON.stringify(this.messages).slice(0, 500)}`);
      await new Promise<void>((r) => {
        const timer = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          r();
        });
      });
    }
  }

  resultFor(id: string, timeoutMs?: number): Promise<Message> {
    return this.waitFor((m) => m.type === 'result' && m.id === id, timeoutMs);
  }

  /** Send a call and wait for its result envelope. */
  async call(id: string, action: string, params?: unknown): Promise<Message> {
    this.send({ type: 'call', id, action, ...(params === undefined ? {} : { params }) });
    return this.resultFor(id);
  }

  protocolErrors(): Array<Record<string, unknown>> {
    return this.messages
      .filter((m) => m.type === 'event' && m.event === 'protocol.error')
      .map((m) => m.data as Record<string, unknown>);
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

/** Error text Node prints for a crash; the host's stderr must never contain it. */
export function hasStackTrace(stderr: string): boolean {
  return /\n\s+at .+:\d+:\d+/.test(stderr) || /Error:|TypeError|RangeError/.test(stderr);
}
