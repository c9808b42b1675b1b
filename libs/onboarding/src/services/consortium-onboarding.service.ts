import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConsortiumRole, forConsortium, RequestContext, TransactionService } from '@chanjiao/core';
import { Consortium, ConsortiaService } from '@chanjiao/consortia';
import { Membership, User, UsersService } from '@chanjiao/identity';
import { OnboardConsortiumDto } from '../dto/onboard-consortium.dto';

export interface OnboardedConsortium {
  consortium: Consortium;
  secretariat: { membership: Membership & { user: User }; initialPassword: string | null };
}

/**
 * Platform onboarding: a consortium and its first secretariat user are created
 * together or not at all. It spans the consortia and identity contexts, so it
 * lives above both rather than making either import the other.
 */
@Injectable()
export class ConsortiumOnboardingService {
  constructor(
    private readonly tx: TransactionService,
    private readonly consortia: ConsortiaService,
    private readonly users: UsersService,
  ) {}

  async onboard(ctx: RequestContext, dto: OnboardConsortiumDto): Promise<OnboardedConsortium> {
    const { secretariat, ...profile } = dto;
    // The id is chosen first: the one transaction runs under the new tenant's setting.
    const tenant = forConsortium(ctx, randomUUID());
    return this.tx.run(tenant, async () => {
      const consortium = await this.consortia.create(tenant, profile);
      const added = await this.users.addMember(tenant, { ...secretariat, role: ConsortiumRole.Secretariat });
      return { consortium, secretariat: added };
    });
  }
}
