import { Module } from '@nestjs/common';
import { ConsortiaCoreModule } from '@chanjiao/consortia';
import { IdentityCoreModule } from '@chanjiao/identity';
import { ConsortiumOnboardingController } from './http/consortium-onboarding.controller';
import { ConsortiumOnboardingService } from './services/consortium-onboarding.service';

/** Use cases that span contexts (consortia + identity); composed by the API app. */
@Module({
  imports: [ConsortiaCoreModule, IdentityCoreModule],
  controllers: [ConsortiumOnboardingController],
  providers: [ConsortiumOnboardingService],
})
export class OnboardingHttpModule {}
