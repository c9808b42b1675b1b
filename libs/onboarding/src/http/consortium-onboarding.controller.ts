import { Body, Controller, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Ctx, ErrorBody, PlatformAdminOnly, RequestContext } from '@chanjiao/core';
import { ConsortiumDto } from '@chanjiao/consortia';
import { ConsortiumUserDto } from '@chanjiao/identity';
import { OnboardConsortiumDto, OnboardedConsortiumDto } from '../dto/onboard-consortium.dto';
import { ConsortiumOnboardingService } from '../services/consortium-onboarding.service';

@ApiTags('consortia')
@Controller('consortia')
export class ConsortiumOnboardingController {
  constructor(private readonly onboarding: ConsortiumOnboardingService) {}

  @Post()
  @PlatformAdminOnly()
  @ApiOperation({
    summary: 'Create a consortium (in planning) with its lead units and first secretariat user — platform admins',
  })
  @ApiCreatedResponse({ type: OnboardedConsortiumDto })
  @ApiBadRequestResponse({ type: ErrorBody })
  @ApiConflictResponse({ type: ErrorBody, description: 'Code already used, or the person is already in it' })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'A lead unit of the wrong type' })
  async create(@Ctx() ctx: RequestContext, @Body() body: OnboardConsortiumDto): Promise<OnboardedConsortiumDto> {
    const { consortium, secretariat } = await this.onboarding.onboard(ctx, body);
    return {
      consortium: ConsortiumDto.from(consortium),
      secretariat: {
        membership: ConsortiumUserDto.from(secretariat.membership),
        initialPassword: secretariat.initialPassword,
      },
    };
  }
}
