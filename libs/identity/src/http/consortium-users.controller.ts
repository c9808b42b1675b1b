import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Ctx, Permission, RequestContext, RequirePermission } from '@chanjiao/core';
import {
  ChangeMembershipDto,
  ConsortiumUserDto,
  ConsortiumUserPageDto,
  CreateConsortiumUserDto,
  CreatedConsortiumUserDto,
  UserListQueryDto,
} from '../dto/user.dto';
import { UserStatus } from '../entities/user.entity';
import { UsersService } from '../services/users.service';

/** The consortium's people and their roles: the secretariat manages them. */
@ApiTags('consortium users')
@Controller('consortia/:consortiumId/users')
export class ConsortiumUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission(Permission.UsersRead)
  @ApiOperation({ summary: 'People in the consortium with their roles' })
  @ApiOkResponse({ type: ConsortiumUserPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: UserListQueryDto): Promise<ConsortiumUserPageDto> {
    const page = await this.users.listMembers(ctx, query);
    return { items: page.items.map(ConsortiumUserDto.from), nextCursor: page.nextCursor };
  }

  @Post()
  @RequirePermission(Permission.UsersWrite)
  @ApiOperation({ summary: 'Add a person (new accounts get a one-time initial password)' })
  @ApiCreatedResponse({ type: CreatedConsortiumUserDto })
  async add(@Ctx() ctx: RequestContext, @Body() body: CreateConsortiumUserDto): Promise<CreatedConsortiumUserDto> {
    const added = await this.users.addMember(ctx, body);
    return { membership: ConsortiumUserDto.from(added.membership), initialPassword: added.initialPassword };
  }

  @Get(':userId')
  @RequirePermission(Permission.UsersRead)
  @ApiOperation({ summary: 'One person of the consortium' })
  @ApiOkResponse({ type: ConsortiumUserDto })
  async get(
    @Ctx() ctx: RequestContext,
    @Param('userId', new ParseUUIDPipe()) userId: string,
  ): Promise<ConsortiumUserDto> {
    return ConsortiumUserDto.from(await this.users.getMember(ctx, userId));
  }

  @Patch(':userId')
  @RequirePermission(Permission.UsersWrite)
  @ApiOperation({ summary: 'Change a person’s role (never your own)' })
  @ApiOkResponse({ type: ConsortiumUserDto })
  async change(
    @Ctx() ctx: RequestContext,
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Body() body: ChangeMembershipDto,
  ): Promise<ConsortiumUserDto> {
    return ConsortiumUserDto.from(await this.users.changeMembership(ctx, userId, body));
  }

  @Post(':userId/disable')
  @RequirePermission(Permission.UsersWrite)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Remove a person’s access to this consortium' })
  @ApiOkResponse({ type: ConsortiumUserDto })
  async disable(
    @Ctx() ctx: RequestContext,
    @Param('userId', new ParseUUIDPipe()) userId: string,
  ): Promise<ConsortiumUserDto> {
    return ConsortiumUserDto.from(await this.users.setMembershipStatus(ctx, userId, UserStatus.Disabled));
  }

  @Post(':userId/enable')
  @RequirePermission(Permission.UsersWrite)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Restore a person’s access to this consortium' })
  @ApiOkResponse({ type: ConsortiumUserDto })
  async enable(
    @Ctx() ctx: RequestContext,
    @Param('userId', new ParseUUIDPipe()) userId: string,
  ): Promise<ConsortiumUserDto> {
    return ConsortiumUserDto.from(await this.users.setMembershipStatus(ctx, userId, UserStatus.Active));
  }
}
