import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one error body every failing request answers with. */
export class ErrorBody {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request' })
  error: string;

  @ApiProperty({ example: 'name must be a string' })
  message: string;

  @ApiPropertyOptional({ description: 'Machine-readable detail: error code, offending fields, …' })
  details?: Record<string, unknown>;

  @ApiProperty({ example: '6f1c0a9e-3c1e-4a47-9a0c-0f3f5a0e2b1d' })
  requestId: string;
}
