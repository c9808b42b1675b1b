export { TALENT_ENTITIES, TalentCoreModule, TalentHttpModule, TalentJobsModule } from './talent.module';
export {
  MATCHING_ENTITIES,
  MatchingCoreModule,
  MatchingHttpModule,
  MatchingJobsModule,
  MatchingService,
  CooperationsService,
  TalentGapService,
  SCORING_VERSION,
} from './matching';
export { DemandPostingsService } from './services/demand-postings.service';
export { SupplyPostingsService } from './services/supply-postings.service';
export { SkillSynonymsService } from './services/skill-synonyms.service';
export { BulletinService } from './services/bulletin.service';
export { TalentDemoService } from './services/talent-demo.service';
export { EducationLevel, EmploymentType, PostingStatus, SupplyMode } from './entities/talent-enums';
export type { WeightedSkill } from './entities/talent-enums';
export { canonicalSkill, canonicalSkills } from './domain/skills';
