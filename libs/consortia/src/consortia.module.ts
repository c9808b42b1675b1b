import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Consortium } from './entities/consortium.entity';
import { ConsortiaController } from './http/consortia.controller';
import { SeedDemoConsortiumHandler } from './jobs/seed-demo-consortium.handler';
import { ConsortiaService } from './services/consortia.service';
import { DemoSeedService } from './services/demo-seed.service';
import './entities/consortium-status';

const services = [ConsortiaService, DemoSeedService];

/** HTTP side of the consortia context (composed by the API app). */
@Module({
  imports: [TypeOrmModule.forFeature([Consortium])],
  controllers: [ConsortiaController],
  providers: services,
  exports: [ConsortiaService],
})
export class ConsortiaHttpModule {}

/** Job side of the consortia context (composed by the worker app). */
@Module({
  imports: [TypeOrmModule.forFeature([Consortium])],
  providers: [...services, SeedDemoConsortiumHandler],
  exports: [DemoSeedService],
})
export class ConsortiaJobsModule {}
