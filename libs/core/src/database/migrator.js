"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MissingOwnerUrlError = void 0;
exports.ownerDataSource = ownerDataSource;
exports.migrateDatabase = migrateDatabase;
exports.revertLastMigration = revertLastMigration;
const pg_1 = require("pg");
const bullmq_1 = require("bullmq");
const typeorm_1 = require("typeorm");
const data_source_options_1 = require("./data-source-options");
const database_roles_1 = require("./database-roles");
class MissingOwnerUrlError extends Error {
    constructor() {
        super('DATABASE_URL (an owner connection) is required to run migrations');
    }
}
exports.MissingOwnerUrlError = MissingOwnerUrlError;
function ownerUrlOf(config) {
    if (!config.database.ownerUrl)
        throw new MissingOwnerUrlError();
    return config.database.ownerUrl;
}
async function withClient(url, work) {
    const client = new pg_1.Client({ connectionString: url, application_name: 'chanjiao-migrate' });
    await client.connect();
    try {
        return await work(client);
    }
    finally {
        await client.end();
    }
}
function ownerDataSource(config, migrations) {
    return new typeorm_1.DataSource((0, data_source_options_1.buildDataSourceOptions)({ url: ownerUrlOf(config), poolSize: 1, applicationName: 'chanjiao-migrate', migrations }));
}
/**
 * Brings a database up to date: the application role, the TypeORM migrations
 * (as the owner), the role's grants, and BullMQ's PostgreSQL schema (as the
 * application role, which owns that schema). Safe to run repeatedly.
 */
async function migrateDatabase(config, migrations, log = () => undefined) {
    const ownerUrl = ownerUrlOf(config);
    await withClient(ownerUrl, (owner) => (0, database_roles_1.ensureApplicationRole)(owner, config.database.appRole, config.database.appPassword));
    const dataSource = ownerDataSource(config, migrations);
    await dataSource.initialize();
    let applied;
    try {
        applied = (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    }
    finally {
        await dataSource.destroy();
    }
    for (const name of applied)
        log(`applied migration ${name}`);
    await withClient(ownerUrl, (owner) => (0, database_roles_1.grantApplicationPrivileges)(owner, config.database.appRole));
    await withClient(config.database.appUrl, async (app) => {
        const version = await (0, bullmq_1.runMigrations)(app, 'bullmq');
        log(`BullMQ PostgreSQL schema at version ${version}`);
    });
    return applied;
}
async function revertLastMigration(config, migrations) {
    const dataSource = ownerDataSource(config, migrations);
    await dataSource.initialize();
    try {
        await dataSource.undoLastMigration({ transaction: 'each' });
    }
    finally {
        await dataSource.destroy();
    }
}
//# sourceMappingURL=migrator.js.map