import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { ConsortiumDto, CreateConsortiumDto } from '@chanjiao/consortia';
import { CreatedConsortiumUserDto, CreateUserDto } from '@chanjiao/identity';

/** A new consortium with the person who will run its secretariat (秘书处). */
export class OnboardConsortiumDto extends CreateConsortiumDto {
  @ApiProperty({
    type: CreateUserDto,
    description: 'First secretariat user: an existing account (by email) joins; a new one gets a one-time password',
  })
  @IsObject({ message: 'secretariat must be an object with email and displayName' })
  @ValidateNested()
  @Type(() => CreateUserDto)
  secretariat: CreateUserDto;
}

export class OnboardedConsortiumDto {
  @ApiProperty({ type: ConsortiumDto }) consortium: ConsortiumDto;
  @ApiProperty({ type: CreatedConsortiumUserDto }) secretariat: CreatedConsortiumUserDto;
}
