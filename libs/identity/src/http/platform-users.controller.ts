import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, PlatformAdminOnly, RequestContext } from '@chanjiao/core';
import { UserDto } from '../dto/auth.dto';
import { CreatedUserDto, CreateUserDto, toUserDto, UserListQueryDto, UserPageDto } from '../dto/user.dto';
import { UserStatus } from '../entities/user.entity';
import { UsersService } from '../services/users.service';

/** Accounts across the platform: platform administrators only. */
@ApiTags('users')
@Controller('users')
export class PlatformUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @PlatformAdminOnly()
  @ApiOperation({ summary: 'List accounts (search by email or name)' })
  @ApiOkResponse({ type: UserPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: UserListQueryDto): Promise<UserPageDto> {
    const page = await this.users.list(ctx, query);
    return { items: page.items.map(toUserDto), nextCursor: page.nextCursor };
  }

  @Post()
  @PlatformAdminOnly()
  @ApiOperation({ summary: 'Create an account with a one-time initial password' })
  @ApiCreatedResponse({ type: CreatedUserDto })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateUserDto): Promise<CreatedUserDto> {
    const created = await this.users.create(ctx, body);
    return { user: toUserDto(created.user), initialPassword: created.initialPassword };
  }

  @Post(':userId/disable')
  @PlatformAdminOnly()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Disable an account (ends its sessions)' })
  @ApiOkResponse({ type: UserDto })
  async disable(@Ctx() ctx: RequestContext, @Param('userId', new ParseUUIDPipe()) userId: string): Promise<UserDto> {
    return toUserDto(await this.users.setStatus(ctx, userId, UserStatus.Disabled));
  }

  @Post(':userId/enable')
  @PlatformAdminOnly()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Enable a disabled account' })
  @ApiOkResponse({ type: UserDto })
  async enable(@Ctx() ctx: RequestContext, @Param('userId', new ParseUUIDPipe()) userId: string): Promise<UserDto> {
    return toUserDto(await this.users.setStatus(ctx, userId, UserStatus.Active));
  }

  @Post(':userId/platform-admin')
  @PlatformAdminOnly()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Grant platform administration' })
  @ApiOkResponse({ type: UserDto })
  async grantPlatformAdmin(
    @Ctx() ctx: RequestContext,
    @Param('userId', new ParseUUIDPipe()) userId: string,
  ): Promise<UserDto> {
    return toUserDto(await this.users.setPlatformAdmin(ctx, userId, true));
  }
}
