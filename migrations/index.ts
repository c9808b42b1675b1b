import { PlatformFoundation1764201600000 } from './1764201600000-platform-foundation';
import { IdentityAndTenancy1764288000000 } from './1764288000000-identity-and-tenancy';
import { ConsortiumProfileAndOrganizations1764374400000 } from './1764374400000-consortium-profile-and-organizations';
import { CouncilGovernance1764460800000 } from './1764460800000-council-governance';
import { CouncilTermsAndFinalOutcomes1764547200000 } from './1764547200000-council-terms-and-final-outcomes';
import { TenancyFailsClosed1764633600000 } from './1764633600000-tenancy-fails-closed';
import { OutboxLifecycle1764662400000 } from './1764662400000-outbox-lifecycle';
import { CouncilConventions1764720000000 } from './1764720000000-council-conventions';
import { IndicatorFrameworks1765411200000 } from './1765411200000-indicator-frameworks';
import { IndicatorPeriodsAndReports1765497600000 } from './1765497600000-indicator-periods-and-reports';
import { ProgrammeCatalogueAndOfferings1765584000000 } from './1765584000000-programme-catalogue-and-offerings';
import { TrainingBases1765843200000 } from './1765843200000-training-bases';
import { TrainingPlans1765929600000 } from './1765929600000-training-plans';
import { TalentPostings1765670400000 } from './1765670400000-talent-postings';
import { MatchingAndCooperations1765756800000 } from './1765756800000-matching-and-cooperations';
import { MatchingNightly1766102400000 } from './1766102400000-matching-nightly';
import { MatchingSetBasedWrites1766275200000 } from './1766275200000-matching-set-based-writes';

/** Every migration, in order. The only way the schema changes (synchronize is never on). */
export const MIGRATIONS = [
  PlatformFoundation1764201600000,
  IdentityAndTenancy1764288000000,
  ConsortiumProfileAndOrganizations1764374400000,
  CouncilGovernance1764460800000,
  CouncilTermsAndFinalOutcomes1764547200000,
  TenancyFailsClosed1764633600000,
  OutboxLifecycle1764662400000,
  CouncilConventions1764720000000,
  IndicatorFrameworks1765411200000,
  IndicatorPeriodsAndReports1765497600000,
  ProgrammeCatalogueAndOfferings1765584000000,
  TrainingBases1765843200000,
  TrainingPlans1765929600000,
  TalentPostings1765670400000,
  MatchingAndCooperations1765756800000,
  MatchingNightly1766102400000,
  MatchingSetBasedWrites1766275200000,
];
