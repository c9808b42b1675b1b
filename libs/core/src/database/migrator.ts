import { Client } from 'pg';
import { runMigrations as runBullMqMigrations } from 'bullmq';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { buildDataSourceOptions, SESSION_OPTIONS } from './data-source-options';
import { ensureApplicationRole, grantApplicationPrivileges } from './database-roles';

type MigrationList = NonNullable<DataSourceOptions['migrations']>;

export class MissingOwnerUrlError extends Error {
  constructor() {
    super('DATABASE_URL (an owner connection) is required to run migrations');
  }
}

function ownerUrlOf(config: AppConfig): string {
  if (!config.database.ownerUrl) throw new MissingOwnerUrlError();
  return config.database.ownerUrl;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'chanjiao-migrate', options: SESSION_OPTIONS });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function ownerDataSource(config: AppConfig, migrations: MigrationList): DataSource {
  return new DataSource(
    buildDataSourceOptions({ url: ownerUrlOf(config), poolSize: 1, applicationName: 'chanjiao-migrate', migrations }),
  );
}

/**
 * Brings a database up to date: the application role, the TypeORM migrations
 * and BullMQ's PostgreSQL schema (as the owner), then the role's grants.
 * Safe to run repeatedly.
 */
export async function migrateDatabase(
  config: AppConfig,
  migrations: MigrationList,
  log: (line: string) => void = () => undefined,
): Promise<string[]> {
  const ownerUrl = ownerUrlOf(config);
  await withClient(ownerUrl, (owner) =>
    ensureApplicationRole(owner, config.database.appRole, config.database.appPassword),
  );

  const dataSource = ownerDataSource(config, migrations);
  await dataSource.initialize();
  let applied: string[];
  try {
    applied = (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
  for (const name of applied) log(`applied migration ${name}`);

  await withClient(ownerUrl, async (owner) => {
    const version = await runBullMqMigrations(owner, 'bullmq');
    log(`BullMQ PostgreSQL schema at version ${version}`);
    await grantApplicationPrivileges(owner, config.database.appRole);
  });
  return applied;
}

export async function revertLastMigration(config: AppConfig, migrations: MigrationList): Promise<void> {
  const dataSource = ownerDataSource(config, migrations);
  await dataSource.initialize();
  try {
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
