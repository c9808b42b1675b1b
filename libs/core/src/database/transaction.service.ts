import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { ACTOR_SETTING, REQUEST_ID_SETTING, TENANT_SETTING } from './tenant-settings';

interface OpenTransaction {
  ctx: RequestContext;
  manager: EntityManager;
}

/**
 * The one way application code reaches the database. `run(ctx, work)` opens a
 * transaction, pins the tenant with `set_config(…, true)` (transaction-local, so
 * a pooled connection never carries it into the next request), and hands `work`
 * an EntityManager bound to that transaction. Nested calls with the same context
 * reuse the open transaction, so a service calling another service stays atomic.
 */
@Injectable()
export class TransactionService {
  private readonly open = new AsyncLocalStorage<OpenTransaction>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(ctx: RequestContext, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.open.getStore();
    if (current) {
      if (current.ctx.consortiumId !== ctx.consortiumId) {
        // A nested call for another tenant would silently read under the outer tenant's setting.
        throw new Error(
          `Nested transaction for consortium ${ctx.consortiumId ?? '(none)'} inside one for ${current.ctx.consortiumId ?? '(none)'}`,
        );
      }
      return work(current.manager);
    }
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `SELECT set_config($1, $2, true), set_config($3, $4, true), set_config($5, $6, true)`,
        [
          TENANT_SETTING,
          ctx.consortiumId ?? '',
          ACTOR_SETTING,
          ctx.actor?.userId ?? '',
          REQUEST_ID_SETTING,
          ctx.requestId,
        ],
      );
      return this.open.run({ ctx, manager }, () => work(manager));
    });
  }

  /** The transaction open for this async call chain; throws when there is none. */
  currentManager(): EntityManager {
    const current = this.open.getStore();
    if (!current) {
      throw new Error('No open transaction: wrap database work in TransactionService.run(ctx, …)');
    }
    return current.manager;
  }
}
