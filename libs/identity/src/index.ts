export { IDENTITY_ENTITIES, IdentityCoreModule, IdentityHttpModule, IdentityJobsModule } from './identity.module';
export { UsersService } from './services/users.service';
export { passwordProblem } from './services/password.service';
export { DEMO_USERS } from './demo/demo-users';
export { User, UserStatus } from './entities/user.entity';
export { Membership } from './entities/membership.entity';
export { CreateUserDto, ConsortiumUserDto, CreatedConsortiumUserDto } from './dto/user.dto';
