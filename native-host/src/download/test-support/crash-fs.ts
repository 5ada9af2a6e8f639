/**
 * TEST-ONLY: node:fs/promises with a simulated SIGKILL. Once armed, the disk operations that change
 * something (open, write, datasync, truncate, writeFile, rename, link, rm, mkdir...) are counted;
 * at operation number `crashAt` the "process dies": that operation and every later one (reads too)
 * never happen and never settle, so the disk stays exactly as a kill at that moment leaves it.
 * Use with `vi.mock('node:fs/promises', () => crashingFsPromises())`.
 */
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';

export const crash = {
  armed: false,
  count: 0,
  crashAt: -1,
  crashed: false,
  /** The operations counted since arming, e.g. "link final.tmp x.m4a". */
  ops: [] as string[],
  /** Files opened so far: a dead process's files are closed by the kernel, here by reset(). */
  handles: new Set<FileHandle>(),
  /** Disarm and forget: the next run is a fresh process. */
  async reset(crashAt = -1): Promise<void> {
    const open = [...this.handles];
    Object.assign(this, { armed: false, count: 0, crashAt, crashed: false, ops: [], handles: new Set() });
    await Promise.all(open.map((h) => h.close().catch(() => undefined)));
  },
};

const HANDLE_WRITES = new Set(['write', 'writev', 'writeFile', 'appendFile', 'datasync', 'sync', 'truncate']);
const MUTATING = ['open', 'writeFile', 'appendFile', 'rename', 'rm', 'rmdir', 'unlink', 'link', 'mkdir', 'copyFile', 'truncate'] as const;

function never(): Promise<never> {
  return new Promise<never>(() => undefined);
}

/** True when the operation must not happen (the process is dead, or dies right now). */
function mayNot(op: string): boolean {
  if (crash.crashed) return true;
  if (!crash.armed) return false;
  crash.count++;
  crash.ops.push(op);
  if (crash.count === crash.crashAt) crash.crashed = true;
  return crash.crashed;
}

function opName(name: string, args: unknown[]): string {
  return [name, ...args.filter((a): a is string => typeof a === 'string').map((a) => path.basename(a).slice(0, 60))].join(' ');
}

function crashingHandle(handle: FileHandle, file: string): FileHandle {
  return new Proxy(handle, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...a: unknown[]) => unknown;
      const name = String(prop);
      if (HANDLE_WRITES.has(name)) return (...a: unknown[]) => (mayNot(`handle.${name} ${path.basename(file)}`) ? never() : method.apply(target, a));
      // Closing is what the kernel does for a dead process too.
      return (...a: unknown[]) => (crash.crashed && name !== 'close' ? never() : method.apply(target, a));
    },
  });
}

export async function crashingFsPromises(): Promise<typeof import('node:fs/promises')> {
  const { vi } = await import('vitest');
  const real = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
  const wrapped: Record<string, unknown> = { ...real };
  for (const [name, fn] of Object.entries(real)) {
    if (typeof fn !== 'function' || name === 'constants') continue;
    const mutating = (MUTATING as readonly string[]).includes(name);
    wrapped[name] = (...a: unknown[]) => {
      if (mutating ? mayNot(opName(name, a)) : crash.crashed) return never();
      const result = (fn as (...x: unknown[]) => unknown)(...a);
      if (name !== 'open') return result;
      return (result as Promise<FileHandle>).then((h) => {
        crash.handles.add(h);
        return crashingHandle(h, String(a[0]));
      });
    };
  }
  return { ...wrapped, default: wrapped } as unknown as typeof import('node:fs/promises');
}
