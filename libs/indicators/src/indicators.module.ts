import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SpreadsheetUploads } from '@chanjiao/core';
import { IndicatorFramework } from './entities/indicator-framework.entity';
import { IndicatorNode } from './entities/indicator-node.entity';
import { FrameworksController } from './http/frameworks.controller';
import { FrameworksService } from './services/frameworks.service';
import './entities/indicator-enums';

/** The context's entities (its TypeORM feature, and what `migration:generate` diffs against). */
export const INDICATORS_ENTITIES = [IndicatorFramework, IndicatorNode];

/** The context's services, for its own HTTP and job modules. */
@Module({
  imports: [TypeOrmModule.forFeature(INDICATORS_ENTITIES)],
  providers: [FrameworksService],
  exports: [FrameworksService],
})
export class IndicatorsCoreModule {}

/** HTTP side of the indicators context (composed by the API app); ships the default framework at boot. */
@Module({
  imports: [IndicatorsCoreModule],
  controllers: [FrameworksController],
  providers: [SpreadsheetUploads],
})
export class IndicatorsHttpModule implements OnApplicationBootstrap {
  constructor(private readonly frameworks: FrameworksService) {}

  onApplicationBootstrap(): Promise<void> {
    return this.frameworks.ensureDefault();
  }
}
