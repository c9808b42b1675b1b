import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { BadRequestException, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import busboy from 'busboy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ACCEPTED_CONTENT_TYPES } from '../errors/all-exceptions.filter';

/** Route config flag (`@RouteConfig(MULTIPART_ROUTE_CONFIG)`) of a route that takes a `multipart/form-data` file upload. */
export const MULTIPART_UPLOAD = 'multipartUpload';
export const MULTIPART_MEDIA_TYPE = 'multipart/form-data';
export const MULTIPART_ROUTE_CONFIG = {
  [MULTIPART_UPLOAD]: true,
  [ACCEPTED_CONTENT_TYPES]: [MULTIPART_MEDIA_TYPE],
};

/**
 * Teaches the API's Fastify instance `multipart/form-data`, for routes marked with
 * `MULTIPART_UPLOAD` only (elsewhere it answers 415 like any unknown type). As with
 * spreadsheet uploads, the body reaches the handler unread, as the request stream,
 * after the guards: `receiveMultipartFile` streams it to disk with its own limit.
 */
@Injectable()
export class MultipartUploads {
  constructor(adapterHost: HttpAdapterHost) {
    const fastify = adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (typeof fastify?.addContentTypeParser !== 'function' || fastify.hasContentTypeParser(MULTIPART_MEDIA_TYPE)) {
      return;
    }
    fastify.addContentTypeParser(MULTIPART_MEDIA_TYPE, (request: FastifyRequest, payload, done) => {
      if (
        (request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[MULTIPART_UPLOAD] !== true
      ) {
        done(
          Object.assign(new Error(`Unsupported Media Type: ${MULTIPART_MEDIA_TYPE}`), {
            code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
            statusCode: 415,
          }),
          undefined,
        );
        return;
      }
      done(null, payload);
    });
  }
}

/** What `receiveMultipartFile` wrote: the file's name and declared type as sent, its size, digest and first bytes. */
export interface ReceivedFile {
  /** The file name the client gave (without any path), or '' when it gave none. */
  fileName: string;
  declaredType: string;
  sizeBytes: number;
  sha256: string;
  /** The first 16 bytes, to recognise the real type by its signature. */
  head: Buffer;
  /** The file was larger than `maxBytes`: nothing is left at `destination`. */
  tooLarge: boolean;
}

/**
 * Streams the one file part named `field` of a multipart upload route to `destination`,
 * hashing it on the way, up to `maxBytes`. Whatever goes wrong (too large, a malformed
 * form, an aborted upload, no such part), nothing is left at `destination`: a file too
 * large answers `tooLarge: true`, a malformed or incomplete form throws a 400.
 */
export async function receiveMultipartFile(
  request: FastifyRequest,
  destination: string,
  options: { field: string; maxBytes: number },
): Promise<ReceivedFile> {
  const stream = request.body as Readable | undefined;
  const contentType = request.headers['content-type'] ?? '';
  if (!stream || typeof stream.pipe !== 'function' || !contentType.toLowerCase().startsWith(MULTIPART_MEDIA_TYPE)) {
    throw new BadRequestException(`Send the file as ${MULTIPART_MEDIA_TYPE} with a part named "${options.field}"`);
  }
  const declaredLength = Number(request.headers['content-length']);
  // The form's own overhead is small: a body far beyond the limit is refused unread.
  if (declaredLength > options.maxBytes + 64 * 1024) return tooLargeUnread(stream);

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: request.headers,
      // Browsers send file names as UTF-8 bytes, not RFC 2231 encoded.
      defParamCharset: 'utf8',
      limits: { files: 1, fileSize: options.maxBytes, fields: 20, fieldSize: 4096, parts: 25, headerPairs: 50 },
    });
  } catch {
    throw new BadRequestException(`The ${MULTIPART_MEDIA_TYPE} body has no valid boundary`);
  }

  return new Promise<ReceivedFile>((resolve, reject) => {
    let settled = false;
    let written: Promise<ReceivedFile> | undefined;
    let sawFile = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      stream.unpipe(parser);
      stream.resume();
      void (written ?? Promise.resolve()).catch(() => undefined).then(() => removeQuietly(destination));
      reject(error);
    };
    parser.on('file', (name, file, info) => {
      if (name !== options.field || sawFile) {
        file.resume();
        return;
      }
      sawFile = true;
      written = writeFile(file, destination, info);
      written.catch((error: unknown) => fail(error instanceof Error ? error : new Error(String(error))));
    });
    parser.on('error', () => fail(new BadRequestException(`The ${MULTIPART_MEDIA_TYPE} body is malformed`)));
    parser.on('close', () => {
      if (settled) return;
      if (!written) {
        fail(new BadRequestException(`The form has no file part named "${options.field}"`));
        return;
      }
      void written.then(
        async (received) => {
          if (settled) return;
          settled = true;
          if (received.tooLarge) await removeQuietly(destination);
          resolve(received);
        },
        () => undefined,
      );
    });
    stream.on('aborted', () => fail(new BadRequestException('The upload was interrupted')));
    stream.on('error', () => fail(new BadRequestException('The upload was interrupted')));
    stream.pipe(parser);
  });
}

function writeFile(file: Readable, destination: string, info: busboy.FileInfo): Promise<ReceivedFile> {
  return new Promise<ReceivedFile>((resolve, reject) => {
    const hash = createHash('sha256');
    const headChunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const out = createWriteStream(destination, { flags: 'wx', mode: 0o640 });
    file.on('data', (chunk: Buffer) => {
      size += chunk.length;
      hash.update(chunk);
      if (headChunks.reduce((n, c) => n + c.length, 0) < 16) headChunks.push(chunk.subarray(0, 16));
    });
    file.on('limit', () => {
      tooLarge = true;
    });
    out.on('error', reject);
    out.on('finish', () =>
      resolve({
        fileName: baseName(info.filename ?? ''),
        declaredType: (info.mimeType ?? '').toLowerCase(),
        sizeBytes: size,
        sha256: hash.digest('hex'),
        head: Buffer.concat(headChunks).subarray(0, 16),
        tooLarge: tooLarge || (file as Readable & { truncated?: boolean }).truncated === true,
      }),
    );
    file.pipe(out);
  });
}

function tooLargeUnread(stream: Readable): ReceivedFile {
  // Left flowing: the rest is discarded and the error response can still be sent.
  stream.resume();
  return { fileName: '', declaredType: '', sizeBytes: 0, sha256: '', head: Buffer.alloc(0), tooLarge: true };
}

/** The last path segment of a client's file name (browsers send a bare name; old ones a full path). */
function baseName(name: string): string {
  // The HTML form encoding escapes only these three in a file name.
  const unescaped = name.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
  return unescaped.split(/[\\/]/).pop() ?? '';
}

async function removeQuietly(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}
