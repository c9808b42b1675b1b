import { ConsortiaErrorCode, ConsortiaException } from '../exceptions/consortia.exception';

/** Opaque `nextCursor` for lists sorted by several keys: the offset of the next page. */
export function encodeOffset(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match)
    throw new ConsortiaException(
      ConsortiaErrorCode.InvalidCursor,
      'cursor must be a nextCursor value from a previous page',
      { field: 'cursor' },
    );
  return Number(match[1]);
}
