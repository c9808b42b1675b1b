import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Authenticated, AuthRateLimited, Ctx, ErrorBody, Public, RequestContext } from '@chanjiao/core';
import { ChangePasswordDto, LoginDto, MeDto, RefreshDto, TokenPairDto } from '../dto/auth.dto';
import { toUserDto } from '../dto/user.dto';
import { AuthService } from '../services/auth.service';
import { UsersService } from '../services/users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('login')
  @Public()
  @AuthRateLimited()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in: a short-lived access token and a rotating refresh token' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ type: ErrorBody, description: 'Invalid email or password (never says which)' })
  @ApiTooManyRequestsResponse({ type: ErrorBody, description: 'Too many failed attempts (Retry-After)' })
  login(@Ctx() ctx: RequestContext, @Body() body: LoginDto): Promise<TokenPairDto> {
    return this.auth.login(ctx, body.email, body.password);
  }

  @Post('refresh')
  @Public()
  @AuthRateLimited()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair (the old one is spent; reuse revokes the session)',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiUnauthorizedResponse({ type: ErrorBody })
  refresh(@Ctx() ctx: RequestContext, @Body() body: RefreshDto): Promise<TokenPairDto> {
    return this.auth.refresh(ctx, body.refreshToken);
  }

  @Post('logout')
  @Authenticated({ allowPendingPasswordChange: true })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End this session (its refresh and access tokens stop working)' })
  @ApiNoContentResponse()
  async logout(@Ctx() ctx: RequestContext): Promise<void> {
    await this.auth.logout(ctx);
  }

  @Get('me')
  @Authenticated({ allowPendingPasswordChange: true })
  @ApiOperation({ summary: 'The signed-in user and their consortium memberships' })
  @ApiOkResponse({ type: MeDto })
  async me(@Ctx() ctx: RequestContext): Promise<MeDto> {
    const [user, memberships] = await Promise.all([
      this.users.get(ctx, ctx.actor!.userId),
      this.users.myMemberships(ctx),
    ]);
    return { user: toUserDto(user), memberships };
  }

  @Post('change-password')
  @Authenticated({ allowPendingPasswordChange: true })
  @AuthRateLimited()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Change the password; other sessions end' })
  @ApiNoContentResponse()
  async changePassword(@Ctx() ctx: RequestContext, @Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(ctx, body.currentPassword, body.newPassword);
  }
}
