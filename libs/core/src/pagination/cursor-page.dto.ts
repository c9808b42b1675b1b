import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsInt32 } from '../validation/number-validators';

/** The one list convention: `?limit=&cursor=`, answered with `{ items, nextCursor }`. */
export class CursorPageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt32()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class CursorPage<T> {
  @ApiProperty({ isArray: true })
  items: T[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Pass as ?cursor= for the next page; null on the last page',
  })
  nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
