declare module 'm3u8-parser' {
  export class Parser {
    constructor(options?: Record<string, unknown>);
    push(chunk: string): void;
    end(): void;
    manifest: unknown;
  }
}
