export { ConsortiaCoreModule, ConsortiaHttpModule, ConsortiaJobsModule } from './consortia.module';
export { ConsortiaService } from './services/consortia.service';
export { DemoSeedService } from './services/demo-seed.service';
export { DEMO_CONSORTIUM, DEMO_CONSORTIUM_ID } from './demo/demo-consortium';
export { ConsortiumStatus } from './entities/consortium-status';
export { Consortium } from './entities/consortium.entity';
export { DEMO_ENTERPRISE_ORGANIZATION_ID, DEMO_ORGANIZATIONS } from './demo/demo-organizations';
export { OrganizationsService } from './services/organizations.service';
export { validateCreditCode } from './domain/credit-code';
