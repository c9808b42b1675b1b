export { MATCHING_ENTITIES, MatchingCoreModule, MatchingHttpModule, MatchingJobsModule } from './matching.module';
export { MatchingService } from './services/matching.service';
export { CooperationsService } from '../cooperations/services/cooperations.service';
export { TalentGapService } from '../gaps/services/talent-gap.service';
export { SCORING_VERSION } from './domain/scoring-model';
