import { Body, Controller, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ErrorBody, PlatformAdminOnly, requestContextOf } from '@chanjiao/core';
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
  async create(@Req() request: FastifyRequest, @Body() body: OnboardConsortiumDto): Promise<OnboardedConsortiumDto> {
    const { consortium, secretariat } = await this.onboarding.onboard(requestContextOf(request), body);
    return {
      consortium: ConsortiumDto.from(consortium),
      secretariat: {
        membership: ConsortiumUserDto.from(secretariat.membership),
        initialPassword: secretariat.initialPassword,
      },
    };
  }
}
