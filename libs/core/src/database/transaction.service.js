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
Object.defineProperty(exports, "__esModule", { value: true });
exports.TransactionService = void 0;
const node_async_hooks_1 = require("node:async_hooks");
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
const tenant_settings_1 = require("./tenant-settings");
/**
 * The one way application code reaches the database. `run(ctx, work)` opens a
 * transaction, pins the tenant with `set_config(…, true)` (transaction-local, so
 * a pooled connection never carries it into the next request), and hands `work`
 * an EntityManager bound to that transaction. Nested calls with the same context
 * reuse the open transaction, so a service calling another service stays atomic.
 */
let TransactionService = class TransactionService {
    dataSource;
    open = new node_async_hooks_1.AsyncLocalStorage();
    constructor(dataSource) {
        this.dataSource = dataSource;
    }
    async run(ctx, work) {
        const current = this.open.getStore();
        if (current) {
            if (current.ctx.consortiumId !== ctx.consortiumId) {
                // A nested call for another tenant would silently read under the outer tenant's setting.
                throw new Error(`Nested transaction for consortium ${ctx.consortiumId ?? '(none)'} inside one for ${current.ctx.consortiumId ?? '(none)'}`);
            }
            return work(current.manager);
        }
        return this.dataSource.transaction(async (manager) => {
            await manager.query(`SELECT set_config($1, $2, true), set_config($3, $4, true), set_config($5, $6, true)`, [
                tenant_settings_1.TENANT_SETTING,
                ctx.consortiumId ?? '',
                tenant_settings_1.ACTOR_SETTING,
                ctx.actor?.userId ?? '',
                tenant_settings_1.REQUEST_ID_SETTING,
                ctx.requestId,
            ]);
            return this.open.run({ ctx, manager }, () => work(manager));
        });
    }
    /** The transaction open for this async call chain; throws when there is none. */
    currentManager() {
        const current = this.open.getStore();
        if (!current) {
            throw new Error('No open transaction: wrap database work in TransactionService.run(ctx, …)');
        }
        return current.manager;
    }
};
exports.TransactionService = TransactionService;
exports.TransactionService = TransactionService = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource])
], TransactionService);
//# sourceMappingURL=transaction.service.js.map