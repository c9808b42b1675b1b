import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { RequestContext } from '../context/request-context';
import { CoreErrorCode, CoreException } from '../errors/domain.exception';
import { logScope } from '../logging/logger';
import { withSerializationRetry } from './serialization-retry';
import {
  ACTOR_SETTING,
  CROSS_TENANT_SETTING,
  QUEUE_ACCESS_SETTING,
  REQUEST_ID_SETTING,
  TENANT_SETTING,
} from './tenant-settings';

interface OpenTransaction {
  ctx: RequestContext;
  manager: EntityManager;
}

/**
 * The transaction the access guard opened for a request: it ran the access check and
 * waits, connection checked out and tenant pinned, for the handler's first `run` with the
 * same tenant and user, which continues it instead of checking out another connection.
 * Any other transaction the request starts first ends it (commit, release) before it
 * checks out its own, so a request never holds two connections because of it.
 */
class RequestTransaction {
  state: 'waiting' | 'adopted' | 'closed' = 'waiting';

  constructor(
    readonly runner: QueryRunner,
    readonly consortiumId: string | undefined,
    readonly userId: string | undefined,
  ) {}

  /** Ends it unless a `run` adopted it (that run commits it): commit (the check wrote nothing) and release. */
  async close(): Promise<void> {
    if (this.state !== 'waiting') return;
    this.state = 'closed';
    try {
      if (this.runner.isTransactionActive) await this.runner.commitTransaction();
    } catch {
      await this.runner.rollbackTransaction().catch(() => undefined);
    } finally {
      await this.runner.release();
    }
  }
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
    return this.begin(ctx, false, work);
  }

  /**
   * For the access guard: opens the request's transaction (one pool checkout, tenant and
   * user of `ctx` pinned) and runs the access `check` in it (nested runs join it). When the
   * check passes, the transaction waits in the request's scope: the handler's first `run`
   * with the same tenant and user continues it and commits it when its work ends, so an
   * authenticated request costs one checkout and one transaction. A first transaction of
   * another kind ends it before checking out its own. `close()` ends it when nothing took
   * it over (the guard calls it when the response ends); a failed check rolls it back.
   */
  async openForRequest<T>(
    ctx: RequestContext,
    check: (manager: EntityManager) => Promise<T>,
  ): Promise<{ result: T; close: () => Promise<void> }> {
    const scope = logScope.getStore();
    if (scope) await this.endWaiting(scope);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const open = new RequestTransaction(runner, ctx.consortiumId, ctx.actor?.userId);
    try {
      await runner.startTransaction();
      await this.pin(runner.manager, ctx, false);
      const result = await this.open.run({ ctx, manager: runner.manager }, () => check(runner.manager));
      // Without a request scope (no HTTP request around) nothing could take it over: it ends at once.
      if (scope) scope.waitingTransaction = open;
      else await open.close();
      return { result, close: () => open.close() };
    } catch (error) {
      open.state = 'closed';
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
      throw error;
    }
  }

  /**
   * Before a new outermost transaction: the request's waiting transaction when `ctx` may
   * continue it (same tenant and user, no cross-tenant switch), else ends it (and returns
   * nothing) so the request holds one connection at a time.
   */
  private async adoptOrEndWaiting(ctx: RequestContext, crossTenant: boolean): Promise<RequestTransaction | undefined> {
    const scope = logScope.getStore();
    const waiting = scope?.waitingTransaction as RequestTransaction | undefined;
    if (!scope || !waiting || waiting.state !== 'waiting') return undefined;
    if (!crossTenant && waiting.consortiumId === ctx.consortiumId && waiting.userId === ctx.actor?.userId) {
      waiting.state = 'adopted';
      scope.waitingTransaction = undefined;
      return waiting;
    }
    await this.endWaiting(scope);
    return undefined;
  }

  private async endWaiting(scope: { waitingTransaction?: unknown }): Promise<void> {
    const waiting = scope.waitingTransaction as RequestTransaction | undefined;
    scope.waitingTransaction = undefined;
    await waiting?.close();
  }

  /**
   * Runs `work` with the job outbox opened (its policy admits app.queue_access):
   * for the outbox service, relay, job runner and job-status reader only. Inside
   * an open transaction the setting is switched on just around `work`.
   */
  async runWithQueueAccess<T>(ctx: RequestContext, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.run(ctx, async (manager) => {
      await manager.query(`SELECT set_config($1, 'on', true)`, [QUEUE_ACCESS_SETTING]);
      // Switched off after success only: after a failed statement the transaction is aborted
      // (nothing more runs in it), and a reset would hide the real error behind 25P02.
      const result = await work(manager);
      await manager.query(`SELECT set_config($1, '', true)`, [QUEUE_ACCESS_SETTING]);
      return result;
    });
  }

  /**
   * The one path that reads across consortia: platform administrators only, and
   * every use is written to the audit log (platform-level entry) in the same
   * transaction. Row-level security policies admit reads (never writes) while
   * `app.cross_tenant` is on.
   */
  async runAcrossConsortia<T>(
    ctx: RequestContext,
    purpose: string,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    if (!ctx.actor?.platformAdmin) {
      throw new CoreException(CoreErrorCode.Forbidden, 'Only platform administrators may read across consortia');
    }
    if (this.open.getStore()) throw new Error('runAcrossConsortia cannot nest inside another transaction');
    const scope = logScope.getStore();
    if (scope) await this.endWaiting(scope);
    return this.begin(ctx, true, async (manager) => {
      await manager.query(
        `INSERT INTO audit_log (consortium_id, actor_user_id, action, entity_type, changes, request_id, ip)
         VALUES (NULL, $1, 'platform.cross_consortium_read', 'platform', $2, $3, $4)`,
        [ctx.actor?.userId, JSON.stringify({ purpose }), ctx.requestId, ctx.ip ?? null],
      );
      return work(manager);
    });
  }

  /**
   * For the job runner: like `run`, on one connection, but `checkpoint()` commits what
   * was written so far and goes on in a new transaction (same tenant settings), so a
   * long job can commit in parts without a second pooled connection. Everything after
   * the last checkpoint, and whatever `work` writes last, commits or rolls back together.
   */
  async runWithCheckpoints<T>(ctx: RequestContext, work: (checkpoint: () => Promise<void>) => Promise<T>): Promise<T> {
    if (this.open.getStore()) throw new Error('runWithCheckpoints cannot nest inside another transaction');
    const scope = logScope.getStore();
    if (scope) await this.endWaiting(scope);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await this.pin(runner.manager, ctx, false);
      const checkpoint = async () => {
        await runner.commitTransaction();
        await runner.startTransaction();
        await this.pin(runner.manager, ctx, false);
      };
      const result = await this.open.run({ ctx, manager: runner.manager }, () => work(checkpoint));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** The outermost transaction (nested runs join it): a serialization failure or deadlock reruns all of it once. */
  private begin<T>(
    ctx: RequestContext,
    crossTenant: boolean,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return withSerializationRetry(() => this.beginOnce(ctx, crossTenant, work));
  }

  private async beginOnce<T>(
    ctx: RequestContext,
    crossTenant: boolean,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    const adopted = await this.adoptOrEndWaiting(ctx, crossTenant);
    if (adopted) {
      // The access check's transaction, settings already pinned: continue it, then commit.
      const { runner } = adopted;
      try {
        const result = await this.open.run({ ctx, manager: runner.manager }, () => work(runner.manager));
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      } finally {
        await runner.release();
      }
    }
    return this.dataSource.transaction(async (manager) => {
      await this.pin(manager, ctx, crossTenant);
      return this.open.run({ ctx, manager }, () => work(manager));
    });
  }

  /** Sets the transaction-local settings the row-level security policies read. */
  private async pin(manager: EntityManager, ctx: RequestContext, crossTenant: boolean): Promise<void> {
    await manager.query(
      `SELECT set_config($1, $2, true), set_config($3, $4, true), set_config($5, $6, true), set_config($7, $8, true)`,
      [
        TENANT_SETTING,
        ctx.consortiumId ?? '',
        ACTOR_SETTING,
        ctx.actor?.userId ?? '',
        REQUEST_ID_SETTING,
        ctx.requestId,
        CROSS_TENANT_SETTING,
        crossTenant ? 'on' : '',
      ],
    );
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
