/**
 * Symmetric RPC over native-messaging frames (see PROTOCOL.md). The browser calls host actions
 * registered with handle(); the host calls the extension with call() and pushes events with emit().
 * Nothing a peer sends can throw out of receive(): every problem becomes a coded error, either as the
 * result of the call it belongs to or as a `protocol.error` event when no call id can be read.
 */
import * as v from 'valibot';
import {
  CallSchema,
  EventSchema,
  MAX_HOST_TO_BROWSER,
  ResultSchema,
  type CallEnvelope,
  type ExtensionAction,
  type ResultEnvelope,
} from '../../shared/native-protocol';
import { DeckhandError, type ErrorCode } from '../../shared/errors';
import { decodeUtf8, encodeFrame } from './framing';
import type { Logger } from './log';

export type ActionContext = { rpc: Rpc; log: Logger };
type HandlerFn = (params: unknown, ctx: ActionContext) => Promise<unknown>;

/** Where encoded frames go (a FrameWriter over stdout, or a test double). */
export interface FrameOutput {
  write(frame: Buffer): void;
}

export const DEFAULT_CALL_TIMEOUT_MS = 30_000;
/** The event carrying errors that belong to no call (bad JSON, oversized frame, unreadable id). */
export const PROTOCOL_ERROR_EVENT = 'protocol.error';
/** ErrorInfoSchema caps messages at 8000 characters; longer ones would make the result invalid. */
const MAX_ERROR_MESSAGE = 2000;

interface PendingCall {
  action: string;
  resolve(value: unknown): void;
  reject(err: DeckhandError): void;
  timer: NodeJS.Timeout;
}

/**
 * A string value quoted in an issue's message (valibot writes `received "…"`) is replaced: it may be a
 * URL with an `access_token` or a signed link, and these words go to the log and back to the caller.
 * Types and numbers ("received Object", "received 9000") stay: they say what went wrong.
 */
function withoutValue(issue: v.BaseIssue<unknown>): string {
  const quoted = issue.received.startsWith('"') && issue.received.length > 2;
  return quoted ? issue.message.split(issue.received).join('(a string, not shown)') : issue.message;
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const at = v.getDotPath(issue);
      const message = withoutValue(issue);
      return at ? `${at}: ${message}` : message;
    })
    .join('; ');
}

/** The call id of a malformed envelope, when it has a usable one. */
function readableId(json: unknown): string | undefined {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const id = (json as { id?: unknown }).id;
  return typeof id === 'string' && id.length >= 1 && id.length <= 100 ? id : undefined;
}

export class Rpc {
  /** Resolves when stdin ends (browser closed the port); handlers may use it to stop work. */
  readonly closed: Promise<void>;
  private markClosed!: () => void;
  private isClosed = false;
  private readonly handlers = new Map<string, { schema: v.GenericSchema; fn: HandlerFn }>();
  private readonly pending = new Map<string, PendingCall>();
  private readonly running = new Set<Promise<void>>();
  private nextCallId = 1;
  private readonly ctx: ActionContext;

  constructor(
    private readonly out: FrameOutput,
    private readonly log: Logger,
    private readonly maxOutboundBytes = MAX_HOST_TO_BROWSER,
  ) {
    this.closed = new Promise((resolve) => (this.markClosed = resolve));
    this.ctx = { rpc: this, log };
  }

  /** Register a handler for a browser->host call; params are validated with the schema first. */
  handle<S extends v.GenericSchema>(
    action: string,
    schema: S,
    fn: (params: v.InferOutput<S>, ctx: ActionContext) => Promise<unknown>,
  ): void {
    if (this.handlers.has(action)) throw new Error(`Action ${action} is already registered`);
    this.handlers.set(action, { schema, fn: fn as HandlerFn });
  }

  /** The actions registered so far, sorted (reported as capabilities in hello). */
  actions(): string[] {
    return [...this.handlers.keys()].sort();
  }

  /** Call the extension (host->browser), e.g. 'stream.refresh'; rejects with DeckhandError on error/timeout/disconnect. */
  call(action: ExtensionAction, params: unknown, timeoutMs = DEFAULT_CALL_TIMEOUT_MS): Promise<unknown> {
    if (this.isClosed) return Promise.reject(new DeckhandError('host.disconnected', 'The extension disconnected.'));
    const id = `h${this.nextCallId++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new DeckhandError('host.timeout', `The extension did not answer ${action} within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.pending.set(id, { action, resolve, reject, timer });
      const sent = this.send({ type: 'call', id, action, params });
      if (sent !== true) this.settle(id, sent);
    });
  }

  /** Send an event (job.progress, job.done, job.failed...). Events too large to send are logged and dropped. */
  emit(event: string, data: unknown): void {
    const sent = this.send({ type: 'event', event, data });
    if (sent !== true) this.log.error('event not sent', { event, error: sent.message });
  }

  /** Report a problem that belongs to no call as a `protocol.error` event. */
  protocolError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): void {
    this.log.warn(`protocol error: ${message}`, { code, ...details });
    this.emit(PROTOCOL_ERROR_EVENT, { ...new DeckhandError(code, message).toJSON(), ...details });
  }

  /** Handle one inbound frame body. */
  receive(body: Buffer): void {
    let json: unknown;
    try {
      json = JSON.parse(decodeUtf8(body));
    } catch (err) {
      this.protocolError('protocol.bad-json', `The frame is not UTF-8 JSON: ${(err as Error).message}`, { bytes: body.length });
      return;
    }
    const type = json && typeof json === 'object' ? (json as { type?: unknown }).type : undefined;
    const schema = type === 'call' ? CallSchema : type === 'result' ? ResultSchema : type === 'event' ? EventSchema : undefined;
    if (!schema) return this.refuseEnvelope(json, 'type: expected "call", "result" or "event"');
    const parsed = v.safeParse(schema, json);
    if (!parsed.success) return this.refuseEnvelope(json, describeIssues(parsed.issues));
    const envelope = parsed.output;
    if (envelope.type === 'call') this.dispatch(envelope);
    else if (envelope.type === 'result') this.acceptResult(envelope);
    else this.log.debug('event from the extension ignored', { event: envelope.event });
  }

  /** stdin ended: resolve `closed` and fail the calls still waiting for the extension. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.markClosed();
    for (const id of [...this.pending.keys()]) {
      this.settle(id, new DeckhandError('host.disconnected', 'The extension disconnected.'));
    }
  }

  /** Resolves when no handler is running (used before exit so in-flight results are written). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private refuseEnvelope(json: unknown, problem: string): void {
    const id = readableId(json);
    const message = `Not a valid message: ${problem}`;
    const isResult = (json as { type?: unknown } | null)?.type === 'result';
    if (id !== undefined && isResult) {
      // A malformed answer to one of our calls: fail that call, and tell the extension.
      if (this.pending.has(id)) this.settle(id, new DeckhandError('protocol.invalid', message));
      this.protocolError('protocol.invalid', message, { id });
    } else if (id !== undefined) {
      this.log.warn('invalid call refused', { id, problem });
      this.sendError(id, new DeckhandError('protocol.invalid', message));
    } else {
      this.protocolError('protocol.invalid', message);
    }
  }

  private dispatch(callEnv: CallEnvelope): void {
    const { id, action } = callEnv;
    const handler = this.handlers.get(action);
    if (!handler) {
      this.log.warn('unknown action', { id, action });
      return this.sendError(id, new DeckhandError('protocol.unknown-action', `The host has no action "${action}".`));
    }
    const params = v.safeParse(handler.schema, callEnv.params);
    if (!params.success) {
      const problem = describeIssues(params.issues);
      this.log.warn('invalid params', { id, action, problem });
      return this.sendError(id, new DeckhandError('protocol.invalid', `Invalid params for ${action}: ${problem}`));
    }
    const task = (async () => {
      try {
        const result = await handler.fn(params.output, this.ctx);
        const sent = this.send({ type: 'result', id, ok: true, result: result ?? null });
        if (sent !== true) this.sendError(id, sent);
      } catch (err) {
        const error = DeckhandError.from(err);
        if (error.code === 'internal') this.log.error(`${action} failed`, { id, err });
        else this.log.info(`${action} answered with ${error.code}`, { id, message: error.message });
        this.sendError(id, error);
      }
    })();
    this.running.add(task);
    void task.finally(() => this.running.delete(task));
  }

  private acceptResult(result: ResultEnvelope): void {
    if (!this.pending.has(result.id)) {
      this.log.warn('result for no pending call ignored', { id: result.id });
      return;
    }
    this.settle(result.id, result.ok ? { value: result.result } : DeckhandError.from(result.error));
  }

  private settle(id: string, outcome: DeckhandError | { value: unknown }): void {
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    clearTimeout(call.timer);
    if (outcome instanceof DeckhandError) call.reject(outcome);
    else call.resolve(outcome.value);
  }

  private sendError(id: string, error: DeckhandError): void {
    const info = error.toJSON();
    if (info.message.length > MAX_ERROR_MESSAGE) info.message = `${info.message.slice(0, MAX_ERROR_MESSAGE)}…`;
    const sent = this.send({ type: 'result', id, ok: false, error: info });
    if (sent !== true) this.log.error('error result not sent', { id, error: sent.message });
  }

  /** Encode and write one envelope; returns the reason when it cannot be sent (never writes > the cap). */
  private send(envelope: object): true | DeckhandError {
    let body: Buffer;
    try {
      body = Buffer.from(JSON.stringify(envelope), 'utf8');
    } catch (err) {
      return new DeckhandError('internal', `The message could not be encoded: ${(err as Error).message}`);
    }
    if (body.length > this.maxOutboundBytes) {
      return new DeckhandError(
        'protocol.too-large',
        `The message is ${body.length} bytes; the browser accepts at most ${this.maxOutboundBytes}.`,
      );
    }
    this.out.write(encodeFrame(body));
    return true;
  }
}
