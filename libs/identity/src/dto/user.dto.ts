import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ConsortiumRole, CursorPageQueryDto } from '@chanjiao/core';
import { User } from '../entities/user.entity';
import { Membership } from '../entities/membership.entity';
import { UserDto } from './auth.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    phone: user.phone,
    status: user.status,
    platformAdmin: user.platformAdmin,
    mustChangePassword: user.mustChangePassword,
    createdAt: user.createdAt.toISOString(),
  };
}

export class CreateUserDto {
  @ApiProperty({ example: 'li.hua@szpt.edu.cn' })
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: '李华' })
  @Transform(trim)
  @IsString()
  @Length(1, 60)
  displayName: string;

  @ApiPropertyOptional({ example: '+86 138 0000 0000' })
  @IsOptional()
  @Matches(/^\+?[0-9 -]{5,20}$/, { message: 'phone must be a phone number (digits, spaces, dashes, optional +)' })
  phone?: string;
}

export class CreateConsortiumUserDto extends CreateUserDto {
  @ApiProperty({ enum: ConsortiumRole })
  @IsEnum(ConsortiumRole, { message: `role must be one of: ${Object.values(ConsortiumRole).join(', ')}` })
  role: ConsortiumRole;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for role member: the member organization' })
  @ValidateIf((dto: CreateConsortiumUserDto) => dto.role === ConsortiumRole.Member || dto.organizationId !== undefined)
  @IsUUID('all', { message: 'organizationId must be a UUID (required for members)' })
  organizationId?: string;
}

export class ChangeMembershipDto {
  @ApiProperty({ enum: ConsortiumRole })
  @IsEnum(ConsortiumRole, { message: `role must be one of: ${Object.values(ConsortiumRole).join(', ')}` })
  role: ConsortiumRole;

  @ApiPropertyOptional({ format: 'uuid' })
  @ValidateIf((dto: ChangeMembershipDto) => dto.role === ConsortiumRole.Member || dto.organizationId !== undefined)
  @IsUUID('all', { message: 'organizationId must be a UUID (required for members)' })
  organizationId?: string;
}

/** `?q=&limit=&cursor=`; users are listed by email. */
export class UserListQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ description: 'Part of an email or a name (Chinese or English)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class ConsortiumUserDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ConsortiumRole }) role: ConsortiumRole;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) organizationId: string | null;
  @ApiProperty({ enum: ['active', 'disabled'] }) status: string;
  @ApiProperty({ enum: ['active', 'disabled'] }) accountStatus: string;
  @ApiProperty({ format: 'date-time' }) joinedAt: string;

  static from(membership: Membership & { user: User }): ConsortiumUserDto {
    return {
      userId: membership.userId,
      email: membership.user.email,
      displayName: membership.user.displayName,
      role: membership.role,
      organizationId: membership.organizationId,
      status: membership.status,
      accountStatus: membership.user.status,
      joinedAt: membership.createdAt.toISOString(),
    };
  }
}

export class CreatedUserDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'One-time initial password, shown once; null when the account already existed',
  })
  initialPassword: string | null;
}

export class CreatedConsortiumUserDto {
  @ApiProperty({ type: ConsortiumUserDto }) membership: ConsortiumUserDto;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'One-time initial password; null when the account already existed',
  })
  initialPassword: string | null;
}

export class ConsortiumUserPageDto {
  @ApiProperty({ type: [ConsortiumUserDto] }) items: ConsortiumUserDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
