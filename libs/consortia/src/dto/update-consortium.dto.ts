import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';

/** Profile fields the secretariat may edit (status changes go through status transitions). */
export class UpdateConsortiumDto {
  @ApiPropertyOptional({ example: '苏州工业园区智能制造市域产教联合体', minLength: 2, maxLength: 120 })
  @IsOptional()
  @IsString()
  @Length(2, 120)
  name?: string;

  @ApiPropertyOptional({ example: 'Suzhou Industrial Park Intelligent Manufacturing Consortium', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nameEn?: string;

  @ApiPropertyOptional({ example: '江苏省', maxLength: 20 })
  @IsOptional()
  @IsString()
  @Length(2, 20)
  province?: string;

  @ApiPropertyOptional({ example: '苏州市', maxLength: 30 })
  @IsOptional()
  @IsString()
  @Length(2, 30)
  city?: string;
}
