import { Injectable } from '@nestjs/common';
import { forConsortium, RequestContext, TransactionService } from '@chanjiao/core';
import { Consortium } from '../entities/consortium.entity';
import { ConsortiaErrorCode, ConsortiaException } from '../exceptions/consortia.exception';

@Injectable()
export class ConsortiaService {
  constructor(private readonly tx: TransactionService) {}

  /** Reads a consortium under its own tenant setting: row-level security decides visibility. */
  async get(ctx: RequestContext, consortiumId: string): Promise<Consortium> {
    const found = await this.tx.run(forConsortium(ctx, consortiumId), (m) =>
      m.findOne(Consortium, { where: { id: consortiumId } }),
    );
    if (!found) {
      throw new ConsortiaException(ConsortiaErrorCode.ConsortiumNotFound, `Consortium ${consortiumId} not found`);
    }
    return found;
  }
}
