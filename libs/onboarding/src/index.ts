export { OnboardingHttpModule } from './onboarding.module';
