import 'reflect-metadata';
import { loadAppConfigOrExit, migrateDatabase, revertLastMigration } from '@chanjiao/core';
import { MIGRATIONS } from '../../../migrations';
import { keepEmbeddedPostgres } from './commands/embedded-postgres-keeper';
import { generateMigrationCommand } from './commands/generate-migration.command';
import { startCommand } from './commands/start.command';

const USAGE = `Usage: chanjiao <command>
  start                    embedded PostgreSQL (unless DATABASE_URL) + migrations + API + worker + demo
  migrate                  run pending migrations (needs DATABASE_URL, an owner connection)
  migrate:revert           revert the last migration
  migration:generate NAME  write a migration for entity changes the schema lacks`;

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  switch (command) {
    case 'start':
      return startCommand();
    case 'migrate': {
      const config = loadAppConfigOrExit();
      await migrateDatabase(config, MIGRATIONS, (line) => process.stdout.write(`${line}\n`));
      return;
    }
    case 'migrate:revert':
      return revertLastMigration(loadAppConfigOrExit(), MIGRATIONS);
    case 'migration:generate':
      return generateMigrationCommand(args[0]);
    case 'embedded-postgres':
      // Internal: the process that holds `start`'s embedded PostgreSQL.
      return keepEmbeddedPostgres();
    default:
      process.stderr.write(`${USAGE}\n`);
      process.exit(command ? 64 : 0);
  }
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
