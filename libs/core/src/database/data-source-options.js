"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.buildDataSourceOptions = buildDataSourceOptions;
const snake_naming_strategy_1 = require("./snake-naming.strategy");
/** Options shared by the API, the worker and the migration CLI (schema never synchronized). */
function buildDataSourceOptions(params) {
    return {
        type: 'postgres',
        url: params.url,
        entities: params.entities ?? [],
        migrations: params.migrations ?? [],
        migrationsTableName: 'schema_migrations',
        migrationsTransactionMode: 'each',
        synchronize: false,
        migrationsRun: false,
        namingStrategy: new snake_naming_strategy_1.SnakeNamingStrategy(),
        extra: { max: params.poolSize, application_name: params.applicationName },
    };
}
//# sourceMappingURL=data-source-options.js.map