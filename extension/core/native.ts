/**
 * The one owner of the native port. Speaks shared/native-protocol.ts: hello first, calls with
 * timeouts, every pending call rejected on disconnect, events fanned out, host->extension calls
 * answered by registered handlers. Reconnects on the next call.
 */
import { browser, type Browser } from 'wxt/browser';
import * as v from 'valibot';
import { DeckhandError } from '../../shared/errors';
import {
  EnvelopeSchema,
  HOST_NAME,
  PROTOCOL_VERSION,
  type EventEnvelope,
  type ExtensionAction,
  type HelloResult,
  type HostAction,
} from '../../shared/native-protocol';

type Pending = { resolve: (v: unknown) => void; reject: (e: DeckhandError) => void; timer: ReturnType<typeof setTimeout> };
type EventHandler = (event: EventEnvelope) => void;
type CallHandler = (params: unknown) => Promise<unknown>;

const HELLO_TIMEOUT_MS = 5000;

function lastErrorMessage(port: Browser.runtime.Port): string | undefined {
  const fromPort = (port as { error?: { message?: string } }).error?.message;
  const chromeLike = (globalThis as { chrome?: { runtime?: { lastError?: { message?: string } } } }).chrome;
  return fromPort ?? chromeLike?.runtime?.lastError?.message;
}

export class NativeHost {
  private port: Browser.runtime.Port | undefined;
  private ready: Promise<HelloResult> | undefined;
  private pending = new Map<string, Pending>();
  private seq = 0;
  private eventHandlers = new Set<EventHandler>();
  private callHandlers = new Map<string, CallHandler>();
  hello: HelloResult | undefined;

  constructor(private readonly extensionVersion: string) {}

  onEvent(handler: EventHandler): () => void {
    this.eventHandlers.add(handler);
    return () => this.eventHandlers.delete(handler);
  }

  onCall(action: ExtensionAction, handler: CallHandler): void {
    this.callHandlers.set(action, handler);
  }

  /** Connect (if needed) and say hello; rejects with host.missing when the host is not installed. */
  connect(): Promise<HelloResult> {
    this.ready ??= this.open();
    return this.ready;
  }

  async call(action: HostAction, params: unknown, timeoutMs = 30_000): Promise<unknown> {
    await this.connect();
    return this.raw(action, params, timeoutMs);
  }

  disconnect(): void {
    this.port?.disconnect();
    this.teardown(new DeckhandError('host.disconnected'));
  }

  private async open(): Promise<HelloResult> {
    let port: Browser.runtime.Port;
    try {
      port = browser.runtime.connectNative(HOST_NAME);
    } catch (err) {
      this.ready = undefined;
      throw new DeckhandError('host.missing', String(err));
    }
    this.port = port;
    let greeted = false;
    port.onMessage.addListener((msg: unknown) => this.receive(msg));
    port.onDisconnect.addListener(() => {
      const message = lastErrorMessage(port);
      const missing = !greeted || /not found|no such native application|forbidden/i.test(message ?? '');
      this.teardown(new DeckhandError(missing ? 'host.missing' : 'host.disconnected', message));
    });
    try {
      const hello = (await this.raw('hello', { protocol: PROTOCOL_VERSION, extensionVersion: this.extensionVersion }, HELLO_TIMEOUT_MS)) as HelloResult;
      greeted = true;
      if (hello.protocol !== PROTOCOL_VERSION) throw new DeckhandError('host.version');
      this.hello = hello;
      return hello;
    } catch (err) {
      port.disconnect();
      this.teardown(DeckhandError.from(err, 'host.missing'));
      throw DeckhandError.from(err, 'host.missing');
    }
  }

  private raw(action: string, params: unknown, timeoutMs: number): Promise<unknown> {
    const port = this.port;
    if (!port) return Promise.reject(new DeckhandError('host.disconnected'));
    const id = `x${++this.seq}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new DeckhandError('host.timeout', `The native host did not answer "${action}" in ${timeoutMs} ms.`));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      try {
        port.postMessage({ type: 'call', id, action, params });
      } catch (err) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(new DeckhandError('host.disconnected', String(err)));
      }
    });
  }

  private receive(msg: unknown): void {
    const parsed = v.safeParse(EnvelopeSchema, msg);
    if (!parsed.success) return; // a host bug must not break the extension
    const env = parsed.output;
    if (env.type === 'result') {
      const p = this.pending.get(env.id);
      if (!p) return;
      this.pending.delete(env.id);
      clearTimeout(p.timer);
      if (env.ok) p.resolve(env.result);
      else p.reject(DeckhandError.from(env.error));
    } else if (env.type === 'event') {
      for (const h of this.eventHandlers) h(env);
    } else {
      void this.answer(env.id, env.action, env.params);
    }
  }

  private async answer(id: string, action: string, params: unknown): Promise<void> {
    const handler = this.callHandlers.get(action);
    let reply: object;
    if (!handler) {
      reply = { type: 'result', id, ok: false, error: new DeckhandError('protocol.unknown-action', action).toJSON() };
    } else {
      try {
        reply = { type: 'result', id, ok: true, result: await handler(params) };
      } catch (err) {
        reply = { type: 'result', id, ok: false, error: DeckhandError.from(err).toJSON() };
      }
    }
    try {
      this.port?.postMessage(reply);
    } catch {
      /* port gone: the host sees the disconnect */
    }
  }

  private teardown(error: DeckhandError): void {
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(error);
    }
    this.pending.clear();
    this.port = undefined;
    this.ready = undefined;
    this.hello = undefined;
    for (const h of this.eventHandlers) h({ type: 'event', event: 'host.disconnected', data: error.toJSON() });
  }
}
