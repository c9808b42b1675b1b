import type { Readable } from 'node:stream';
import { BadRequestException, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ACCEPTED_CONTENT_TYPES } from '../errors/all-exceptions.filter';
import { CoreErrorCode, CoreException } from '../errors/domain.exception';
import { CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE } from './media-types';
import { inspectXlsxArchive } from './xlsx-archive';

/** Route config flag (`@RouteConfig({ [SPREADSHEET_UPLOAD]: true })`) of a route that takes a raw spreadsheet body. */
export const SPREADSHEET_UPLOAD = 'spreadsheetUpload';
/** Route config of a spreadsheet upload route: the flag, and the types its 415 answers name. */
export const SPREADSHEET_ROUTE_CONFIG = {
  [SPREADSHEET_UPLOAD]: true,
  [ACCEPTED_CONTENT_TYPES]: [XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE],
};
/** Body limit of spreadsheet uploads (instead of BODY_LIMIT_BYTES): a 5,000-row xlsx is about 0.4 MiB. */
export const SPREADSHEET_BODY_LIMIT_BYTES = 20 * 1024 * 1024;

/**
 * Teaches the API's Fastify instance the xlsx and csv media types, for routes marked
 * with the `SPREADSHEET_UPLOAD` route config only (elsewhere they answer 415 like any
 * unknown type). The body is handed to the route unread, as the request stream: the
 * guards run first, and only then does the handler read it with `readUpload` and
 * its own limit. A refused caller's upload is never buffered (Node discards it).
 * Registered when the application is created, before it listens.
 */
@Injectable()
export class SpreadsheetUploads {
  constructor(adapterHost: HttpAdapterHost) {
    const fastify = adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (typeof fastify?.addContentTypeParser !== 'function') return;
    for (const type of [XLSX_MEDIA_TYPE, CSV_MEDIA_TYPE]) {
      if (fastify.hasContentTypeParser(type)) continue;
      fastify.addContentTypeParser(type, (request: FastifyRequest, payload, done) => {
        if (
          (request.routeOptions.config as unknown as Record<string, unknown> | undefined)?.[SPREADSHEET_UPLOAD] !== true
        ) {
          done(unsupported(type), undefined);
          return;
        }
        done(null, payload);
      });
    }
  }
}

/** Reads the body stream of a spreadsheet upload route, up to `limit` bytes (413 beyond). */
export function readUpload(request: FastifyRequest, limit = SPREADSHEET_BODY_LIMIT_BYTES): Promise<Buffer> {
  const stream = request.body as Readable | undefined;
  if (!stream || typeof stream.on !== 'function') return Promise.resolve(Buffer.alloc(0));
  const tooLarge = () => new PayloadTooLargeException(`The file is larger than ${limit / 1024 / 1024} MiB`);
  if (Number(request.headers['content-length']) > limit) return Promise.reject(tooLarge());
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error?: Error) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('aborted', onAborted);
      // Left flowing without listeners: the rest is discarded, and the error response can still be sent.
      if (error) reject(error);
      else resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) stop(tooLarge());
      else chunks.push(chunk);
    };
    const onEnd = () => stop();
    const onError = () => stop(new BadRequestException('The upload was interrupted'));
    const onAborted = () => stop(new BadRequestException('The upload was interrupted'));
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
    stream.once('aborted', onAborted);
  });
}

/**
 * Refuses, before anything is stored or queued, an xlsx upload that is not a zip (400)
 * or that would unpack beyond the archive bounds (413 `workbook_too_large`, with the
 * reason in zh-CN in `details.reasonZh`): the worker never gets to unpack a zip bomb.
 */
export async function assertAcceptableWorkbook(content: Buffer): Promise<void> {
  if (content.subarray(0, 4).toString('latin1') !== 'PK\u0003\u0004') {
    throw new BadRequestException('The body is not an xlsx workbook');
  }
  const problem = await inspectXlsxArchive(content);
  if (problem?.kind === 'unreadable')
    throw new BadRequestException(`The body is not an xlsx workbook: ${problem.reason}`);
  if (problem) {
    throw new CoreException(CoreErrorCode.WorkbookTooLarge, `The workbook is refused: ${problem.reason}`, {
      problem: problem.kind,
      reasonZh: `工作簿被拒绝：${problem.reasonZh}`,
    });
  }
}

/** Fastify's own 415, so the error filter answers it like any unsupported type. */
function unsupported(type: string): Error {
  return Object.assign(new Error(`Unsupported Media Type: ${type}`), {
    code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
    statusCode: 415,
  });
}
