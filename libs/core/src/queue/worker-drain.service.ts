import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { OutboxMaintenance } from './outbox-maintenance.service';
import { OutboxRelay } from './outbox-relay.service';

/**
 * On shutdown, stops taking work and lets active jobs finish while the database
 * is still open (BullMQ workers would otherwise close alongside TypeORM). The
 * process entry point bounds the wait; a job cut off there is retried by another
 * worker once its lock expires.
 */
@Injectable()
export class WorkerDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WorkerDrain.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly relay: OutboxRelay,
    private readonly maintenance: OutboxMaintenance,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.relay.stop(), this.maintenance.stop()]);
    const workers = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is WorkerHost => instance instanceof WorkerHost)
      .map((host) => host.worker);
    this.logger.log(`Draining ${workers.length} queue workers`);
    await Promise.all(workers.map((worker) => worker.close()));
    this.logger.log('Queue workers drained');
  }
}
