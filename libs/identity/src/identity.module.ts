import { Global, Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembershipResolver } from '@chanjiao/core';
import { ConsortiaCoreModule } from '@chanjiao/consortia';
import { Membership } from './entities/membership.entity';
import { RefreshToken } from './entities/refresh-token.entity';
import { User } from './entities/user.entity';
import { AuthController } from './http/auth.controller';
import { ConsortiumUsersController } from './http/consortium-users.controller';
import { PlatformUsersController } from './http/platform-users.controller';
import { SeedDemoUsersHandler } from './jobs/seed-demo-users.handler';
import { AuthService } from './services/auth.service';
import { DemoUsersService } from './services/demo-users.service';
import { IdentityMembershipResolver } from './services/identity-membership.resolver';
import { LoginThrottle } from './services/login-throttle.service';
import { PasswordService } from './services/password.service';
import { UsersService } from './services/users.service';

/** The context's entities (its TypeORM feature, and what `migration:generate` diffs against). */
export const IDENTITY_ENTITIES = [User, Membership, RefreshToken];

const entities = TypeOrmModule.forFeature(IDENTITY_ENTITIES);

/** The context's services, for its own HTTP module and for use cases that span contexts. */
@Module({
  imports: [entities, ConsortiaCoreModule],
  providers: [PasswordService, UsersService],
  exports: [PasswordService, UsersService],
})
export class IdentityCoreModule {}

/** HTTP side of identity; also supplies the access guard's MembershipResolver. */
@Global()
@Module({
  imports: [entities, ConsortiaCoreModule, IdentityCoreModule],
  controllers: [AuthController, PlatformUsersController, ConsortiumUsersController],
  providers: [LoginThrottle, AuthService, { provide: MembershipResolver, useClass: IdentityMembershipResolver }],
  exports: [MembershipResolver],
})
export class IdentityHttpModule implements OnApplicationBootstrap {
  constructor(private readonly users: UsersService) {}

  /** The first platform administrator comes from PLATFORM_ADMIN_EMAIL / _PASSWORD. */
  onApplicationBootstrap(): Promise<void> {
    return this.users.bootstrapPlatformAdmin();
  }
}

/** Job side of identity (composed by the worker app). */
@Module({
  imports: [entities],
  providers: [PasswordService, DemoUsersService, SeedDemoUsersHandler],
})
export class IdentityJobsModule {}
