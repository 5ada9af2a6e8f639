/**
 * The host's log. stdout belongs to the protocol, so everything human-readable goes to a file
 * (one line per entry, size-based rotation). console.* is redirected here at startup so a stray
 * console.log in any module cannot corrupt a frame.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { format } from 'node:util';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}

export interface FileLoggerOptions {
  file: string;
  level?: LogLevel;
  /** Rotate when the file would grow past this many bytes. */
  maxBytes?: number;
  /** Rotated files kept beside the live one (host.log.1 … host.log.<keep>). */
  keep?: number;
}

export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_LOG_KEEP = 2;

export interface FileLogger extends Logger {
  close(): void;
}

/** Serialises fields without ever throwing: errors keep their stack, cycles and bigints are tolerated. */
function stringifyFields(fields: LogFields): string {
  const seen = new WeakSet<object>();
  try {
    return JSON.stringify(fields, (_key, value: unknown) => {
      if (value instanceof Error) {
        const code = (value as { code?: unknown }).code;
        return { name: value.name, message: value.message, ...(code !== undefined ? { code } : {}), stack: value.stack };
      }
      if (typeof value === 'bigint') return value.toString();
      if (value && typeof value === 'object') {
        if (seen.has(value)) return '[circular]';
        seen.add(value);
      }
      return value;
    });
  } catch (err) {
    return JSON.stringify({ unloggable: String(err) });
  }
}

export function createFileLogger(opts: FileLoggerOptions): FileLogger {
  const threshold = LOG_LEVELS.indexOf(opts.level ?? 'info');
  const maxBytes = opts.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  const keep = opts.keep ?? DEFAULT_LOG_KEEP;
  let fd: number | undefined;
  let size = 0;
  // When the file cannot be written, stderr is the only place left (Chrome copies it to its own log).
  let useStderr = false;

  const open = () => {
    mkdirSync(dirname(opts.file), { recursive: true });
    fd = openSync(opts.file, 'a');
    size = statSync(opts.file).size;
  };

  const rotate = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
    rmSync(`${opts.file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(`${opts.file}.${i}`, `${opts.file}.${i + 1}`);
      } catch {
        // That generation does not exist yet.
      }
    }
    if (keep > 0) renameSync(opts.file, `${opts.file}.1`);
    else rmSync(opts.file, { force: true });
    open();
  };

  const write = (level: LogLevel, msg: string, fields?: LogFields) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const extra = fields && Object.keys(fields).length > 0 ? ` ${stringifyFields(fields)}` : '';
    const line = Buffer.from(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${msg}${extra}\n`);
    if (useStderr) {
      process.stderr.write(line);
      return;
    }
    try {
      if (fd === undefined) open();
      if (size > 0 && size + line.length > maxBytes) rotate();
      writeSync(fd as number, line);
      size += line.length;
    } catch (err) {
      useStderr = true;
      process.stderr.write(`deckhand-host: cannot write log file ${opts.file}: ${String(err)}\n`);
      process.stderr.write(line);
    }
  };

  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

/** Sends console.* to the logger; nothing may reach stdout except protocol frames. */
export function redirectConsole(log: Logger): void {
  const to =
    (fn: (msg: string) => void) =>
    (...args: unknown[]) =>
      fn(format(...args));
  console.log = to((m) => log.info(m));
  console.info = to((m) => log.info(m));
  console.warn = to((m) => log.warn(m));
  console.error = to((m) => log.error(m));
  console.debug = to((m) => log.debug(m));
  console.trace = to((m) => log.debug(m));
}
