import { ApiProperty } from '@nestjs/swagger';
import { Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { IsInt32 } from '@chanjiao/core';
import { PostingStatus } from '../entities/talent-enums';

export class StatusCountDto {
  @ApiProperty({ enum: PostingStatus }) status: PostingStatus;
  @ApiProperty({ type: 'integer' }) postings: number;
  @ApiProperty({ type: 'integer' }) headcount: number;
}

export class TalentStatsDto {
  @ApiProperty({ type: [StatusCountDto], description: 'Demand postings the caller can see, by status' })
  demand: StatusCountDto[];

  @ApiProperty({ type: [StatusCountDto], description: 'Supply postings the caller can see, by status' })
  supply: StatusCountDto[];

  @ApiProperty({ type: 'integer', description: 'Published demand headcount still open today' })
  openDemandHeadcount: number;

  @ApiProperty({ type: 'integer', description: 'Published supply headcount still open today' })
  openSupplyHeadcount: number;

  @ApiProperty({ type: 'integer', description: 'Enterprises with open published demand' })
  enterprisesWithOpenDemand: number;
}

export class BulletinQueryDto {
  @ApiProperty({ type: 'integer', example: 2026, description: 'China-time year the demand was published in' })
  @Type(() => Number)
  @IsInt32()
  @Min(2000)
  @Max(2100)
  year: number;
}

export class BulletinRowDto {
  @ApiProperty({ type: String, nullable: true, description: 'null: the unclassified row' }) code: string | null;
  @ApiProperty({ description: 'Name (zh-CN); 未分类 for the unclassified row' }) name: string;
  @ApiProperty({ type: 'integer' }) headcount: number;
  @ApiProperty({ type: 'integer', description: 'Distinct enterprises (each counted once per row)' }) enterprises: number;
  @ApiProperty({ type: 'integer' }) postings: number;
  @ApiProperty({ type: String, nullable: true, example: '8500.00', description: 'Median monthly salary, yuan' })
  salaryMedian: string | null;
}

export class BulletinOccupationLevelDto {
  @ApiProperty({ type: 'integer', enum: [1, 2, 3, 4], description: '1 大类, 2 中类, 3 小类, 4 细类' }) level: number;
  @ApiProperty({ type: [BulletinRowDto] }) rows: BulletinRowDto[];
}

export class BulletinDto {
  @ApiProperty({ type: 'integer' }) year: number;
  @ApiProperty({ format: 'date', description: 'China date the figures were computed' }) asOf: string;
  @ApiProperty({ type: BulletinRowDto }) total: BulletinRowDto;
  @ApiProperty({ type: [BulletinRowDto] }) programmeClasses: BulletinRowDto[];
  @ApiProperty({ type: [BulletinOccupationLevelDto] }) occupations: BulletinOccupationLevelDto[];
  @ApiProperty({ type: [BulletinRowDto] }) industries: BulletinRowDto[];
}
