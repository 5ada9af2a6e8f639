import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, removeTempDirs } from '../test/host-process';
import { createFileLogger } from './log';

afterAll(() => removeTempDirs());

describe('file logger', () => {
  it('writes one line per entry above the level, with fields and error stacks', () => {
    const file = join(tempDir(), 'sub', 'host.log');
    const log = createFileLogger({ file, level: 'info' });
    log.debug('hidden');
    log.info('started', { pid: 1 });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    log.error('failed', { err: new Error('boom'), cyclic, big: 1n });
    log.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT.* INFO  started \{"pid":1\}$/);
    expect(lines[1]).toContain('"message":"boom"');
    expect(lines[1]).toContain('"stack":"Error: boom');
    expect(lines[1]).toContain('[circular]');
  });

  it('rotates by size and keeps the configured number of old files', () => {
    const file = join(tempDir(), 'host.log');
    const log = createFileLogger({ file, maxBytes: 1000, keep: 2 });
    for (let i = 0; i < 100; i++) log.info(`line ${i} ${'x'.repeat(50)}`);
    log.close();
    expect(statSync(file).size).toBeLessThanOrEqual(1000);
    expect(statSync(`${file}.1`).size).toBeLessThanOrEqual(1000);
    expect(existsSync(`${file}.2`)).toBe(true);
    expect(existsSync(`${file}.3`)).toBe(false);
    expect(readFileSync(file, 'utf8')).toContain('line 99 ');
    const lineNumber = (text: string | undefined) => Number(/ line (\d+) /.exec(text ?? '')?.[1] ?? -1);
    const rotated = readFileSync(`${file}.1`, 'utf8').trim().split('\n');
    const current = readFileSync(file, 'utf8').trim().split('\n');
    // Nothing is lost between the newest rotated file and the live one.
    expect(lineNumber(rotated.at(-1))).toBeGreaterThan(0);
    expect(lineNumber(current[0])).toBe(lineNumber(rotated.at(-1)) + 1);
  });
});
