import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateBy,
} from 'class-validator';
import { CursorPageQueryDto } from '@chanjiao/core';
import { REPORT_TEXT_MAX_LENGTH, REPORT_VALUE_MAX_ABS } from '../domain/report-value';
import { ReportLockReason, ReportStatus } from '../entities/indicator-enums';

const POINT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** A reported value: a number (also percent, count, money), true/false, or text (≤ 4000 characters). */
const IsReportValue = () =>
  ValidateBy({
    name: 'isReportValue',
    validator: {
      validate: (value: unknown) =>
        value === null ||
        typeof value === 'boolean' ||
        (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= REPORT_VALUE_MAX_ABS) ||
        (typeof value === 'string' && value.length <= REPORT_TEXT_MAX_LENGTH),
      defaultMessage: () => 'value must be a number, true/false, text of at most 4000 characters, or null',
    },
  });

export class CreateReportDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'periodId must be the id of a reporting period' })
  periodId: string;

  @ApiProperty({ example: 'D2.5' })
  @Matches(POINT_CODE, { message: 'pointCode must be an observation point code' })
  pointCode: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The reporting organization (a member reports for its own; omit for the secretariat’s own points)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be an organization id' })
  organizationId?: string;

  @ApiPropertyOptional({ oneOf: [{ type: 'number' }, { type: 'boolean' }, { type: 'string' }], nullable: true })
  @IsOptional()
  @IsReportValue()
  value?: number | boolean | string | null;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class UpdateReportDto {
  @ApiPropertyOptional({ oneOf: [{ type: 'number' }, { type: 'boolean' }, { type: 'string' }], nullable: true })
  @IsOptional()
  @IsReportValue()
  value?: number | boolean | string | null;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ReviewCommentDto {
  @ApiProperty({ example: '佐证材料与填报数值不一致，请核实', description: 'Why (shown to the reporter)' })
  @IsString()
  @Length(1, 2000)
  comment: string;
}

export class BulkApprovalDto {
  @ApiProperty({ type: [String], description: 'Submitted reports to approve at once' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true, message: 'reportIds must be report ids' })
  reportIds: string[];
}

export class ReportListQueryDto extends CursorPageQueryDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'periodId must be the id of a reporting period' })
  periodId: string;

  @ApiPropertyOptional({ enum: ReportStatus })
  @IsOptional()
  @IsEnum(ReportStatus, { message: `status must be one of: ${Object.values(ReportStatus).join(', ')}` })
  status?: ReportStatus;

  @ApiPropertyOptional({ example: 'D2.5' })
  @IsOptional()
  @Matches(POINT_CODE, { message: 'pointCode must be an observation point code' })
  pointCode?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'organizationId must be an organization id' })
  organizationId?: string;
}

export class ReportLockDto {
  @ApiProperty({ enum: ReportLockReason }) reason: ReportLockReason;
  @ApiProperty() message: string;
}

export class ReportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) periodId: string;
  @ApiProperty() pointCode: string;
  @ApiProperty() pointName: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null: the secretariat' })
  organizationId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) organizationName: string | null;
  @ApiPropertyOptional({ oneOf: [{ type: 'number' }, { type: 'boolean' }, { type: 'string' }], nullable: true })
  value: number | boolean | string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ enum: ReportStatus }) status: ReportStatus;
  @ApiPropertyOptional({ type: String, nullable: true }) reviewComment: string | null;
  @ApiProperty() version: number;
  @ApiProperty() evidenceCount: number;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) submittedAt: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) approvedAt: string | null;
  @ApiPropertyOptional({
    type: ReportLockDto,
    nullable: true,
    description: 'Why it cannot be edited now; null: editable',
  })
  lock: ReportLockDto | null;
}

export class ReportPageDto {
  @ApiProperty({ type: [ReportDto] }) items: ReportDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ReportVersionDto {
  @ApiProperty() version: number;
  @ApiProperty({ enum: ReportStatus }) status: ReportStatus;
  @ApiPropertyOptional({ oneOf: [{ type: 'number' }, { type: 'boolean' }, { type: 'string' }], nullable: true })
  value: number | boolean | string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reviewComment: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) actorUserId: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class EvidenceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty() sha256: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
}

export class ReportDetailDto extends ReportDto {
  @ApiProperty({ type: [ReportVersionDto], description: 'Every version of the value, oldest first' })
  versions: ReportVersionDto[];
  @ApiProperty({ type: [EvidenceDto] }) evidence: EvidenceDto[];
}

export class BulkApprovalResultDto {
  @ApiProperty({ type: [String] }) approved: string[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', properties: { reportId: { type: 'string' }, reason: { type: 'string' } } },
  })
  refused: Array<{ reportId: string; reason: string }>;
}
