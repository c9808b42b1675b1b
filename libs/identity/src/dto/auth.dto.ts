import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { ConsortiumRole } from '@chanjiao/core';

export class LoginDto {
  @ApiProperty({ example: 'admin@demo.chanjiao.cn' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(20)
  @MaxLength(200)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 10, description: 'At least 10 characters, not a common password' })
  @IsString()
  @MaxLength(200)
  newPassword: string;
}

export class TokenPairDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Access token lifetime in seconds' }) expiresIn: number;
  @ApiProperty({ description: 'Single-use: each refresh returns a new one' }) refreshToken: string;
  @ApiProperty({ format: 'date-time' }) refreshExpiresAt: string;
  @ApiProperty({ description: 'The account still has its one-time initial password' }) mustChangePassword: boolean;
}

export class MeMembershipDto {
  @ApiProperty({ format: 'uuid' }) consortiumId: string;
  @ApiProperty() consortiumName: string;
  @ApiProperty({ enum: ConsortiumRole }) role: ConsortiumRole;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) organizationId: string | null;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiPropertyOptional({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ enum: ['active', 'disabled'] }) status: string;
  @ApiProperty() platformAdmin: boolean;
  @ApiProperty() mustChangePassword: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MeDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiProperty({ type: [MeMembershipDto] }) memberships: MeMembershipDto[];
}
