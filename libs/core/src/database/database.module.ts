import { Global, Inject, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { buildDataSourceOptions } from './data-source-options';
import { findRuntimeRoleProblems } from './database-roles';
import { TransactionService } from './transaction.service';

export class UnsafeDatabaseRoleError extends Error {}

/**
 * The application's single DataSource, connected as the runtime role. Boot stops
 * when that role could bypass row-level security.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions({
          url: config.database.appUrl,
          poolSize: config.database.poolSize,
          applicationName: 'chanjiao',
        }),
        autoLoadEntities: true,
        retryAttempts: 3,
        retryDelay: 500,
      }),
    }),
  ],
  providers: [TransactionService],
  exports: [TransactionService],
})
export class DatabaseModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(DatabaseModule.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const problems = await findRuntimeRoleProblems((sql) => this.dataSource.query(sql));
    if (problems.length > 0) {
      throw new UnsafeDatabaseRoleError(
        `Refusing to start: ${problems.map((p) => p.reason).join('; ')}. Connect as the application role (${this.config.database.appRole}).`,
      );
    }
    this.logger.log(`Connected as a row-level-security-bound role`);
  }
}
