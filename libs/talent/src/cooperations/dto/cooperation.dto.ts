import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CursorPageQueryDto, IsDateOnly, IsInt32 } from '@chanjiao/core';
import { Cooperation, CooperationKind, CooperationStatus } from '../entities/cooperation.entity';

export class ProposeCooperationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'postingId must be the id of a demand posting' })
  postingId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'offeringId must be the id of a programme offering' })
  offeringId: string;

  @ApiProperty({ enum: CooperationKind })
  @IsEnum(CooperationKind)
  kind: CooperationKind;

  @ApiProperty({ minimum: 1, maximum: 100000 })
  @IsInt32()
  @Min(1)
  @Max(100000)
  headcount: number;

  @ApiProperty({ format: 'date', description: 'Its year is the graduate cohort the cooperation commits' })
  @IsDateOnly()
  startDate: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsDateOnly()
  endDate?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CooperationTransitionDto {
  @ApiProperty({ enum: ['accept', 'decline', 'complete', 'cancel'] })
  @IsIn(['accept', 'decline', 'complete', 'cancel'])
  action: 'accept' | 'decline' | 'complete' | 'cancel';

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class CooperationListQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ enum: CooperationStatus })
  @IsOptional()
  @IsEnum(CooperationStatus)
  status?: CooperationStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'offeringId must be a uuid' })
  offeringId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'postingId must be a uuid' })
  postingId?: string;
}

export class CooperationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) postingId: string;
  @ApiProperty({ format: 'uuid' }) offeringId: string;
  @ApiProperty({ format: 'uuid' }) enterpriseId: string;
  @ApiProperty({ format: 'uuid' }) schoolId: string;
  @ApiProperty({ enum: CooperationKind }) kind: CooperationKind;
  @ApiProperty() headcount: number;
  @ApiProperty() cohortYear: number;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date' }) endDate: string | null;
  @ApiProperty({ enum: CooperationStatus }) status: CooperationStatus;
  @ApiProperty({ enum: ['enterprise', 'school'] }) proposedBySide: string;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time' }) decidedAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) note: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(c: Cooperation): CooperationDto {
    return {
      id: c.id,
      postingId: c.postingId,
      offeringId: c.offeringId,
      enterpriseId: c.enterpriseId,
      schoolId: c.schoolId,
      kind: c.kind,
      headcount: c.headcount,
      cohortYear: c.cohortYear,
      startDate: c.startDate,
      endDate: c.endDate,
      status: c.status,
      proposedBySide: c.proposedBySide,
      decidedAt: c.decidedAt ? c.decidedAt.toISOString() : null,
      note: c.note,
      reason: c.reason,
      createdAt: c.createdAt.toISOString(),
    };
  }
}

export class CooperationPageDto {
  @ApiProperty({ type: [CooperationDto] }) items: CooperationDto[];
  @ApiPropertyOptional({ type: String, nullable: true }) nextCursor: string | null;
}

export class CooperationCountDto {
  @ApiProperty() year: number;
  @ApiProperty({ enum: CooperationKind }) kind: CooperationKind;
  @ApiProperty({ description: 'Students (headcount) of active and completed cooperations' }) students: number;
  @ApiProperty() cooperations: number;
}
