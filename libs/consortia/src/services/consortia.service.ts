import { Injectable } from '@nestjs/common';
import { forConsortium, RequestContext, TransactionService } from '@chanjiao/core';
import { UpdateConsortiumDto } from '../dto/update-consortium.dto';
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

  async update(ctx: RequestContext, consortiumId: string, changes: UpdateConsortiumDto): Promise<Consortium> {
    return this.tx.run(forConsortium(ctx, consortiumId), async (m) => {
      const current = await this.get(ctx, consortiumId);
      const patch = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      if (Object.keys(patch).length === 0) return current;
      await m.update(Consortium, { id: consortiumId }, patch);
      return this.get(ctx, consortiumId);
    });
  }
}
