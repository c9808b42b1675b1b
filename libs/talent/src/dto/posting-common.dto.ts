import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsInt32 } from '@chanjiao/core';
import { PostingAction } from '../domain/posting-lifecycle';

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** NFKC: full-width letters and digits typed with a Chinese IME become ASCII. */
export const code = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.normalize('NFKC').trim().toUpperCase() : value;
export const codes = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v: unknown) => code({ value: v })) : value;
export const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;
/** A comma-separated query value as a list (`?status=draft,published`). */
export const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value;

/** Monthly salary in yuan, a decimal string with at most two decimals. */
export const MONEY = /^[0-9]{1,8}(\.[0-9]{1,2})?$/;
export const MONEY_MESSAGE = (field: string) => `${field} must be an amount in yuan such as "8000" or "8000.50"`;

export class WeightedSkillDto {
  @ApiProperty({ example: 'PLC编程' })
  @Transform(trim)
  @IsString()
  @Length(1, 60)
  skill: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 5, example: 3, description: 'Importance, 1 (nice) – 5 (essential)' })
  @IsInt32()
  @Min(1)
  @Max(5)
  weight: number;
}

export class PostingTransitionDto {
  @ApiProperty({ enum: PostingAction, description: 'publish (draft→published), close, fill (published→filled), reopen (closed|expired→draft)' })
  @IsEnum(PostingAction, { message: `action must be one of: ${Object.values(PostingAction).join(', ')}` })
  action: PostingAction;

  @ApiPropertyOptional({
    example: '岗位信息不实，经秘书处核实后关闭',
    description: 'Why; required when the secretariat closes another organization’s posting',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  reason?: string;
}
