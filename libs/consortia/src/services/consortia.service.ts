import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditService, forConsortium, RequestContext, TransactionService } from '@chanjiao/core';
import { UpdateConsortiumDto } from '../dto/update-consortium.dto';
import { Consortium } from '../entities/consortium.entity';
import { ConsortiaErrorCode, ConsortiaException } from '../exceptions/consortia.exception';

@Injectable()
export class ConsortiaService {
  constructor(
    private readonly tx: TransactionService,
    private readonly audit: AuditService,
  ) {}

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

  /**
   * The consortia the caller may see: a platform admin sees all of them through
   * the audited cross-consortium path; anyone else sees those they are a member
   * of (the row-level security policy admits a user's own consortia).
   */
  async listVisible(ctx: RequestContext): Promise<Consortium[]> {
    const read = (m: EntityManager) => m.find(Consortium, { order: { name: 'ASC' } });
    return ctx.actor?.platformAdmin
      ? this.tx.runAcrossConsortia(ctx, 'list all consortia', read)
      : this.tx.run(ctx, read);
  }

  /** Whether a consortium exists, whoever asks (used to answer 404 for unknown tenants). */
  async exists(ctx: RequestContext, consortiumId: string): Promise<boolean> {
    const found = await this.tx.run(forConsortium(ctx, consortiumId), (m) =>
      m.exists(Consortium, { where: { id: consortiumId } }),
    );
    return found;
  }

  async update(ctx: RequestContext, consortiumId: string, changes: UpdateConsortiumDto): Promise<Consortium> {
    return this.tx.run(forConsortium(ctx, consortiumId), async (m) => {
      const current = await this.get(ctx, consortiumId);
      const patch = Object.fromEntries(
        Object.entries(changes).filter(
          ([key, value]) => value !== undefined && value !== current[key as keyof Consortium],
        ),
      );
      if (Object.keys(patch).length === 0) return current;
      await m.update(Consortium, { id: consortiumId }, patch);
      await this.audit.record(forConsortium(ctx, consortiumId), {
        action: 'consortia.consortium.updated',
        entityType: 'consortium',
        entityId: consortiumId,
        changes: Object.fromEntries(
          Object.entries(patch).map(([key, to]) => [key, { from: current[key as keyof Consortium], to }]),
        ),
      });
      return this.get(ctx, consortiumId);
    });
  }
}
