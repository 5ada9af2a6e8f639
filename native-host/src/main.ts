/**
 * Entry point of the bundled host (native-host/dist/deckhand-host.cjs). Started by a browser it
 * checks the caller, then speaks the framed protocol on stdin/stdout until stdin ends; started with
 * a command (install, uninstall, doctor, --help, --version) it runs the CLI instead.
 */
import { MAX_BROWSER_TO_HOST } from '../../shared/native-protocol';
import { registerCoreActions } from './actions';
import { checkCaller } from './caller';
import { isCliCommand, runCli, USAGE } from './cli';
import { loadConfig, type HostConfig } from './config';
import { registerDebugActions } from './debug-actions';
import { registerDownloadActions } from './download/index';
import { FrameDecoder, FrameWriter } from './framing';
import { currentInstallEnv } from './install/env';
import { createFileLogger, redirectConsole, type FileLogger } from './log';
import { Rpc } from './rpc';

/** After stdin ends, running handlers and the stdout flush get this long before the process exits. */
const EXIT_GRACE_MS = 5_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function exitAfterLog(log: FileLogger, code: number): never {
  log.close();
  process.exit(code);
}

function runHost(args: string[], config: HostConfig): void {
  const log = createFileLogger({ file: config.logFile, level: config.logLevel });
  redirectConsole(log);
  for (const warning of config.warnings) log.warn(warning);

  const check = checkCaller(args, config.allowedIds);
  if (!check.ok) {
    log.error(`refusing to start: ${check.reason}`);
    log.close();
    // stderr to a pipe may be asynchronous: exit once the line is out. stdin is never read.
    process.stderr.write(`deckhand-host: refusing to start: ${check.reason}\n`, () => process.exit(1));
    return;
  }
  log.info('host started', { version: config.hostVersion, pid: process.pid, node: process.version, caller: check.caller });

  // stdout carries frames only: keep the real write for the frame writer and divert anything else.
  // (Node's stdio is binary on every OS, so Windows needs no text-mode switch.)
  const stdout = process.stdout;
  const rawWrite = stdout.write.bind(stdout) as (chunk: Buffer, cb: (err?: Error | null) => void) => boolean;
  stdout.write = ((chunk: unknown) => {
    log.warn('blocked a stray write to stdout', { text: String(chunk).slice(0, 200) });
    return true;
  }) as typeof stdout.write;

  let shuttingDown = false;
  const shutdown = async (reason: string, code = 0) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info('shutting down', { reason });
    rpc.close();
    await Promise.race([rpc.settled(), sleep(EXIT_GRACE_MS)]);
    await Promise.race([writer.flush(), sleep(EXIT_GRACE_MS)]);
    log.info('exit', { code });
    exitAfterLog(log, code);
  };

  const writer = new FrameWriter({ write: rawWrite, once: (event, listener) => stdout.once(event, listener) }, (err) => {
    log.warn('stdout failed: the browser is gone', { err });
    void shutdown('stdout closed');
  });
  // EPIPE also arrives as an 'error' event; the write callback above already handles it.
  stdout.on('error', () => {});

  const rpc = new Rpc(writer, log);
  registerCoreActions(rpc, config);
  if (config.testActions) registerDebugActions(rpc);
  registerDownloadActions(rpc, config);

  const decoder = new FrameDecoder(MAX_BROWSER_TO_HOST, {
    onFrame: (body) => rpc.receive(body),
    onOversize: (declaredBytes) =>
      rpc.protocolError(
        'protocol.too-large',
        `A frame of ${declaredBytes} bytes was refused (limit ${MAX_BROWSER_TO_HOST}); its bytes are discarded.`,
        { declaredBytes, limit: MAX_BROWSER_TO_HOST },
      ),
  });
  process.stdin.on('data', (chunk: Buffer) => decoder.push(chunk));
  process.stdin.on('end', () => {
    if (decoder.midFrame) log.warn('stdin ended in the middle of a frame', { state: decoder.describeState() });
    void shutdown('stdin ended');
  });
  process.stdin.on('error', (err) => {
    log.warn('stdin failed', { err });
    void shutdown('stdin failed');
  });
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('unhandledRejection', (reason) => log.error('unhandled rejection', { reason }));
  process.on('uncaughtException', (err) => {
    // A bug outside any handler: state may be inconsistent, so stop cleanly rather than limp on.
    log.error('uncaught exception', { err });
    process.stderr.write(`deckhand-host: internal error, see ${config.logFile}\n`);
    void shutdown('uncaught exception', 70);
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const config = loadConfig();
  if (isCliCommand(args[0])) {
    for (const warning of config.warnings) process.stderr.write(`warning: ${warning}\n`);
    process.exitCode = await runCli(args, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
      env: currentInstallEnv(),
      config,
      bundlePath: process.argv[1] ?? '',
    });
    return;
  }
  if (args.length === 0 && process.stdin.isTTY) {
    process.stderr.write(USAGE);
    return;
  }
  runHost(args, config);
}

void main();
