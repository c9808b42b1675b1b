"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
var DatabaseModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.DatabaseModule = exports.UnsafeDatabaseRoleError = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
const config_module_1 = require("../config/config.module");
const data_source_options_1 = require("./data-source-options");
const database_roles_1 = require("./database-roles");
const transaction_service_1 = require("./transaction.service");
class UnsafeDatabaseRoleError extends Error {
}
exports.UnsafeDatabaseRoleError = UnsafeDatabaseRoleError;
/**
 * The application's single DataSource, connected as the runtime role. Boot stops
 * when that role could bypass row-level security.
 */
let DatabaseModule = DatabaseModule_1 = class DatabaseModule {
    dataSource;
    config;
    logger = new common_1.Logger(DatabaseModule_1.name);
    constructor(dataSource, config) {
        this.dataSource = dataSource;
        this.config = config;
    }
    async onApplicationBootstrap() {
        const problems = await (0, database_roles_1.findRuntimeRoleProblems)((sql) => this.dataSource.query(sql));
        if (problems.length > 0) {
            throw new UnsafeDatabaseRoleError(`Refusing to start: ${problems.map((p) => p.reason).join('; ')}. Connect as the application role (${this.config.database.appRole}).`);
        }
        this.logger.log(`Connected as a row-level-security-bound role`);
    }
};
exports.DatabaseModule = DatabaseModule;
exports.DatabaseModule = DatabaseModule = DatabaseModule_1 = __decorate([
    (0, common_1.Global)(),
    (0, common_1.Module)({
        imports: [
            typeorm_1.TypeOrmModule.forRootAsync({
                inject: [config_module_1.APP_CONFIG],
                useFactory: (config) => ({
                    ...(0, data_source_options_1.buildDataSourceOptions)({
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
        providers: [transaction_service_1.TransactionService],
        exports: [transaction_service_1.TransactionService],
    }),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __param(1, (0, common_1.Inject)(config_module_1.APP_CONFIG)),
    __metadata("design:paramtypes", [typeorm_2.DataSource, Object])
], DatabaseModule);
//# sourceMappingURL=database.module.js.map