import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { ScoresQueryDto } from './rollup.dto';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ReportEntryQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The reporting organization (members: their own, the default; the secretariat: any, or none for its own points)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be an organization id' })
  organizationId?: string;
}

export class ReportImportQueryDto extends ReportEntryQueryDto {
  @ApiPropertyOptional({ default: false, description: 'Also submit every imported report for review' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'submit must be true or false' })
  submit?: boolean;
}

export const SELF_ASSESSMENT_FORMATS = ['xlsx', 'pdf'] as const;
export const SELF_ASSESSMENT_LANGUAGES = ['zh-CN', 'en'] as const;

export class SelfAssessmentQueryDto extends ScoresQueryDto {
  @ApiPropertyOptional({ enum: SELF_ASSESSMENT_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(SELF_ASSESSMENT_FORMATS, { message: `format must be one of: ${SELF_ASSESSMENT_FORMATS.join(', ')}` })
  format?: (typeof SELF_ASSESSMENT_FORMATS)[number];

  @ApiPropertyOptional({ enum: SELF_ASSESSMENT_LANGUAGES, default: 'zh-CN' })
  @IsOptional()
  @IsIn(SELF_ASSESSMENT_LANGUAGES, { message: `lang must be one of: ${SELF_ASSESSMENT_LANGUAGES.join(', ')}` })
  lang?: (typeof SELF_ASSESSMENT_LANGUAGES)[number];
}
