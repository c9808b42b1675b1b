import { Logger } from '@nestjs/common';
import { isTransactionConflict, postgresErrorOf } from './postgres-errors';

const logger = new Logger('TransactionRetry');

/**
 * Runs a whole transaction again once when PostgreSQL aborts it with a serialization
 * failure or a deadlock (40001/40P01): the other transaction has committed by then, so
 * the second attempt usually passes. A second conflict is thrown (the error filter
 * answers 503 with Retry-After). Only for the outermost transaction, whose `attempt`
 * opens it anew; its work must have no effect outside the database (jobs go through
 * the outbox, in the same transaction).
 */
export async function withSerializationRetry<T>(attempt: () => Promise<T>, retries = 1): Promise<T> {
  for (let tries = 0; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= retries || !isTransactionConflict(error)) throw error;
      logger.warn(
        { code: postgresErrorOf(error)?.code, attempt: tries + 1 },
        'transaction conflict (serialization failure or deadlock); running the transaction again',
      );
    }
  }
}
