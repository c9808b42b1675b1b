import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** Startup parameters of every application session. */
export const SESSION_OPTIONS = '-c TimeZone=UTC';

/** Options shared by the API, the worker and the migration CLI (schema never synchronized). */
export function buildDataSourceOptions(params: {
  url: string;
  poolSize: number;
  applicationName: string;
  entities?: DataSourceOptions['entities'];
  migrations?: DataSourceOptions['migrations'];
}): DataSourceOptions {
  return {
    type: 'postgres',
    url: params.url,
    entities: params.entities ?? [],
    migrations: params.migrations ?? [],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    // Sessions read and write in UTC, whatever the server's zone: a timestamp without
    // an offset never means the server's local time.
    extra: { max: params.poolSize, application_name: params.applicationName, options: SESSION_OPTIONS },
  };
}
