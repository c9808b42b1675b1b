export {
  INDICATORS_ENTITIES,
  IndicatorsCoreModule,
  IndicatorsHttpModule,
  IndicatorsJobsModule,
} from './indicators.module';
export { FrameworksService } from './services/frameworks.service';
export { RollupService } from './services/rollup.service';
export { DEFAULT_FRAMEWORK, DEFAULT_FRAMEWORK_CODE } from './domain/default-framework';
export type { FrameworkDocument, FrameworkNode, PointDefinition } from './domain/framework-document';
