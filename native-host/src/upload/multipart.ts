/**
 * A multipart/form-data body laid out ahead of sending: small parts as bytes, the library file as a
 * (path, size) read from disk while sending. The whole length is known up front (Content-Length),
 * so no chunked encoding, and the file is never held in memory.
 */
import { randomBytes } from 'node:crypto';
import type { UploadRequest } from '../../../shared/native-protocol';

export type BodyPiece = Buffer | { path: string; size: number };

export interface MultipartBody {
  boundary: string;
  pieces: BodyPiece[];
  length: number;
}

/** Quotes in names as the HTML form serialisation does (", CR and LF percent-encoded). */
function quoted(value: string): string {
  return `"${value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;
}

function head(boundary: string, name: string, file?: { filename: string; contentType: string }): Buffer {
  const disposition = `Content-Disposition: form-data; name=${quoted(name)}${file ? `; filename=${quoted(file.filename)}` : ''}`;
  return Buffer.from(`--${boundary}\r\n${disposition}\r\n${file ? `Content-Type: ${file.contentType}\r\n` : ''}\r\n`, 'utf8');
}

const CRLF = Buffer.from('\r\n');

export function contentTypeOf(fileName: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const known: Record<string, string> = {
    mp3: 'audio/mpeg', m4a: 'audio/mp4', aac: 'audio/aac', wav: 'audio/wav', flac: 'audio/flac', ogg: 'audio/ogg', aif: 'audio/aiff', aiff: 'audio/aiff',
  };
  return known[ext] ?? 'application/octet-stream';
}

export function buildMultipart(request: Pick<UploadRequest, 'fields' | 'fileField'>, file: { path: string; size: number; name: string }): MultipartBody {
  const boundary = `----DeckhandHost${randomBytes(12).toString('hex')}`;
  const pieces: BodyPiece[] = [];
  const { fileField } = request;
  const position = Math.min(fileField.position ?? request.fields.length, request.fields.length);
  const fileParts: BodyPiece[] = [
    head(boundary, fileField.name, { filename: fileField.filename ?? file.name, contentType: fileField.contentType ?? contentTypeOf(file.name) }),
    { path: file.path, size: file.size },
    CRLF,
  ];
  request.fields.forEach((field, i) => {
    if (i === position) pieces.push(...fileParts);
    if ('value' in field) pieces.push(head(boundary, field.name), Buffer.from(field.value, 'utf8'), CRLF);
    else pieces.push(head(boundary, field.name, { filename: field.filename, contentType: field.contentType }), Buffer.from(field.base64, 'base64'), CRLF);
  });
  if (position >= request.fields.length) pieces.push(...fileParts);
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  const length = pieces.reduce((n, p) => n + (Buffer.isBuffer(p) ? p.length : p.size), 0);
  return { boundary, pieces, length };
}
