import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsString, Matches } from 'class-validator';
import { TrainingType } from '../entities/training-enums';

/** Yuan as a decimal string, up to 12 digits and 2 decimals. */
export const MONEY = /^\d{1,12}(\.\d{1,2})?$/;

export function IsMoney(field: string, optional = false): PropertyDecorator {
  const doc = { type: String, example: '12000.00', description: 'Yuan, decimal string (≤ 2 decimals)' };
  return applyDecorators(
    optional ? ApiPropertyOptional({ ...doc, nullable: true }) : ApiProperty(doc),
    ...(optional ? [IsOptional()] : []),
    IsString({ message: `${field} must be a decimal string of yuan, e.g. "12000.00"` }),
    Matches(MONEY, { message: `${field} must be a decimal string of yuan with at most 2 decimals, e.g. "12000.00"` }),
  );
}

export function IsTrainingType(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ enum: TrainingType }),
    IsEnum(TrainingType, { message: `type must be one of: ${Object.values(TrainingType).join(', ')}` }),
  );
}

export function iso(value: Date | null | undefined): string | null {
  return value ? value.toISOString() : null;
}
