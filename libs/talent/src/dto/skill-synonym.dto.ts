import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { SkillSynonym } from '../entities/skill-synonym.entity';
import { trim } from './posting-common.dto';

export class CreateSkillSynonymDto {
  @ApiProperty({ example: '可编程控制器', description: 'A spelling people use (normalised when stored)' })
  @Transform(trim)
  @IsString()
  @Length(1, 60)
  variant: string;

  @ApiProperty({ example: 'PLC', description: 'The one spelling it stands for (normalised when stored)' })
  @Transform(trim)
  @IsString()
  @Length(1, 60)
  skill: string;
}

export class SkillSynonymDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() variant: string;
  @ApiProperty() skill: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(s: SkillSynonym): SkillSynonymDto {
    return { id: s.id, variant: s.variant, skill: s.skill, createdAt: s.createdAt.toISOString() };
  }
}

export class NormalizedSkillDto {
  @ApiProperty() input: string;
  @ApiProperty() skill: string;
}
