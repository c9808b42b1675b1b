import { BadRequestException, PipeTransform, UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { assertAcceptableWorkbook, CSV_MEDIA_TYPE, readUpload, SPREADSHEET_BODY_LIMIT_BYTES, XLSX_MEDIA_TYPE } from '@chanjiao/core';
import { SheetFormat } from '../services/sheet-grid';

/** Reads an xlsx or csv upload (the raw body) once the guards let the caller in; refuses zip bombs. */
export async function readSpreadsheetUpload(request: FastifyRequest): Promise<{ content: Buffer; format: SheetFormat }> {
  const type = request.headers['content-type']?.split(';')[0].trim().toLowerCase();
  const format: SheetFormat | undefined = type === XLSX_MEDIA_TYPE ? 'xlsx' : type === CSV_MEDIA_TYPE ? 'csv' : undefined;
  if (!format) {
    throw new UnsupportedMediaTypeException(`Send the file as the body, as ${XLSX_MEDIA_TYPE} or ${CSV_MEDIA_TYPE}`);
  }
  const content = await readUpload(request, SPREADSHEET_BODY_LIMIT_BYTES);
  if (content.length === 0) throw new BadRequestException('The body is empty: send the file itself as the request body');
  if (format === 'xlsx') await assertAcceptableWorkbook(content);
  return { content, format };
}

/** A path parameter that must match a code pattern: 400 naming the parameter otherwise. */
export class CodeParamPipe implements PipeTransform<string, string> {
  constructor(
    private readonly name: string,
    private readonly pattern: RegExp,
    private readonly example: string,
  ) {}

  transform(value: string): string {
    if (typeof value !== 'string' || !this.pattern.test(value)) {
      const message = `${this.name} must be a code such as ${this.example}`;
      throw new BadRequestException({
        message,
        details: { code: 'validation_failed', fields: [{ field: this.name, problems: [message] }] },
      });
    }
    return value;
  }
}
