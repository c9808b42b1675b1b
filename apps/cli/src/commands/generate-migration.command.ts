import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditLogEntry, buildDataSourceOptions, loadAppConfigOrExit, OutboxMessage } from '@chanjiao/core';
import { CONSORTIA_ENTITIES } from '@chanjiao/consortia';
import { IDENTITY_ENTITIES } from '@chanjiao/identity';
import { INDICATORS_ENTITIES } from '@chanjiao/indicators';
import { TRAINING_BASES_ENTITIES } from '@chanjiao/training-bases';
import { TRAINING_PLANS_ENTITIES } from '@chanjiao/training-plans';
import { PROGRAMMES_ENTITIES } from '@chanjiao/programmes';
import { MATCHING_ENTITIES, TALENT_ENTITIES } from '@chanjiao/talent';

/** Every entity of every context (each context exports its list); the schema diff is computed against these. */
const ENTITIES = [
  OutboxMessage,
  AuditLogEntry,
  ...CONSORTIA_ENTITIES,
  ...IDENTITY_ENTITIES,
  ...INDICATORS_ENTITIES,
  ...TRAINING_BASES_ENTITIES,
  ...TRAINING_PLANS_ENTITIES,
  ...PROGRAMMES_ENTITIES,
  ...TALENT_ENTITIES,
  ...MATCHING_ENTITIES,
];

/**
 * Writes `migrations/<timestamp>-<name>.ts` with the SQL TypeORM computes from
 * the entities against the migrated database. Review it like code: row-level
 * security policies and data moves are yours to add.
 */
export async function generateMigrationCommand(name: string | undefined): Promise<void> {
  if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
    throw new Error('Usage: migration:generate <kebab-case-name>');
  }
  const config = loadAppConfigOrExit();
  if (!config.database.ownerUrl) throw new Error('DATABASE_URL is required');
  const dataSource = new DataSource(
    buildDataSourceOptions({
      url: config.database.ownerUrl,
      poolSize: 1,
      applicationName: 'chanjiao-generate',
      entities: ENTITIES,
    }),
  );
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) {
      process.stdout.write('No changes: the schema matches the entities\n');
      return;
    }
    const timestamp = Date.now();
    const className = name.replace(/(^|-)([a-z0-9])/g, (_m, _dash, c: string) => c.toUpperCase()) + timestamp;
    const lines = (queries: Array<{ query: string }>) =>
      queries.map((q) => `    await q.query(${JSON.stringify(q.query)});`).join('\n');
    const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(q: QueryRunner): Promise<void> {
${lines(sql.upQueries)}
  }

  async down(q: QueryRunner): Promise<void> {
${lines([...sql.downQueries].reverse())}
  }
}
`;
    const file = join(process.cwd(), 'migrations', `${timestamp}-${name}.ts`);
    writeFileSync(file, source);
    process.stdout.write(`Wrote ${file}; add it to migrations/index.ts after review\n`);
  } finally {
    await dataSource.destroy();
  }
}
