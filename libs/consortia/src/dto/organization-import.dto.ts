import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { OrganizationListQueryDto } from './organization.dto';

export const IMPORT_MODES = ['all_or_nothing', 'valid_rows_only'] as const;

export class OrganizationImportQueryDto {
  @ApiPropertyOptional({
    enum: IMPORT_MODES,
    default: 'all_or_nothing',
    description: 'all_or_nothing: any bad row and nothing is written; valid_rows_only: the good rows are written',
  })
  @IsOptional()
  @IsIn(IMPORT_MODES, { message: `mode must be one of: ${IMPORT_MODES.join(', ')}` })
  mode?: (typeof IMPORT_MODES)[number];
}

/** The list filters, without paging: an export holds every match. */
export class OrganizationExportQueryDto extends OmitType(OrganizationListQueryDto, ['cursor', 'limit'] as const) {}
