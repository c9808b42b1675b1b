import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MultipartUploads, SpreadsheetUploads } from '@chanjiao/core';
import { ConsortiaCoreModule } from '@chanjiao/consortia';
import { IndicatorEvidence } from './entities/indicator-evidence.entity';
import { IndicatorFramework } from './entities/indicator-framework.entity';
import { IndicatorNode } from './entities/indicator-node.entity';
import { IndicatorPeriod } from './entities/indicator-period.entity';
import { IndicatorReport } from './entities/indicator-report.entity';
import { IndicatorRollup } from './entities/indicator-rollup.entity';
import { FrameworksController } from './http/frameworks.controller';
import { IndicatorEvidenceController } from './http/indicator-evidence.controller';
import { IndicatorOverviewController } from './http/indicator-overview.controller';
import { IndicatorReportEntryController } from './http/indicator-report-entry.controller';
import { IndicatorSelfAssessmentController } from './http/indicator-self-assessment.controller';
import { IndicatorPeriodsController } from './http/indicator-periods.controller';
import { IndicatorReportsController } from './http/indicator-reports.controller';
import { IndicatorRollupsController } from './http/indicator-rollups.controller';
import { DemoIndicatorsService } from './demo/demo-indicators.service';
import { ImportReportsHandler } from './jobs/import-reports.handler';
import { SeedDemoIndicatorsHandler } from './jobs/seed-demo-indicators.handler';
import { IncrementalRollupHandler, RollupHandler } from './jobs/rollup.handler';
import { EvidenceService } from './services/evidence.service';
import { FrameworksService } from './services/frameworks.service';
import { IndicatorSourcesRegistry } from './services/indicator-sources.registry';
import { OverviewService } from './services/overview.service';
import { PeriodsService } from './services/periods.service';
import { ReportImportService } from './services/report-import.service';
import { ReportsService } from './services/reports.service';
import { RollupService } from './services/rollup.service';
import { ScoresService } from './services/scores.service';
import { SelfAssessmentService } from './services/self-assessment.service';
import './entities/indicator-enums';

/** The context's entities (its TypeORM feature, and what `migration:generate` diffs against). */
export const INDICATORS_ENTITIES = [
  IndicatorFramework,
  IndicatorNode,
  IndicatorPeriod,
  IndicatorReport,
  IndicatorEvidence,
  IndicatorRollup,
];

/** The context's services, for its own HTTP and job modules. Auto points read the sources other contexts register. */
@Module({
  imports: [TypeOrmModule.forFeature(INDICATORS_ENTITIES), DiscoveryModule, ConsortiaCoreModule],
  providers: [
    FrameworksService,
    PeriodsService,
    ReportsService,
    RollupService,
    ScoresService,
    EvidenceService,
    ReportImportService,
    SelfAssessmentService,
    OverviewService,
    IndicatorSourcesRegistry,
  ],
  exports: [
    FrameworksService,
    PeriodsService,
    ReportsService,
    RollupService,
    ScoresService,
    EvidenceService,
    ReportImportService,
    SelfAssessmentService,
    OverviewService,
  ],
})
export class IndicatorsCoreModule {}

/** HTTP side of the indicators context (composed by the API app); ships the default framework at boot. */
@Module({
  imports: [IndicatorsCoreModule],
  controllers: [
    FrameworksController,
    IndicatorPeriodsController,
    IndicatorReportsController,
    IndicatorRollupsController,
    IndicatorEvidenceController,
    IndicatorReportEntryController,
    IndicatorSelfAssessmentController,
    IndicatorOverviewController,
  ],
  providers: [SpreadsheetUploads, MultipartUploads],
})
export class IndicatorsHttpModule implements OnApplicationBootstrap {
  constructor(private readonly frameworks: FrameworksService) {}

  onApplicationBootstrap(): Promise<void> {
    return this.frameworks.ensureDefault();
  }
}

/** Job side (composed by the worker): the roll-ups. */
@Module({
  imports: [IndicatorsCoreModule],
  providers: [
    RollupHandler,
    IncrementalRollupHandler,
    ImportReportsHandler,
    DemoIndicatorsService,
    SeedDemoIndicatorsHandler,
  ],
})
export class IndicatorsJobsModule {}
