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
Object.defineProperty(exports, "__esModule", { value: true });
exports.DemoSeedService = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("../../../core/src/index.js");
const demo_consortium_1 = require("../demo/demo-consortium");
const consortium_entity_1 = require("../entities/consortium.entity");
let DemoSeedService = class DemoSeedService {
    tx;
    outbox;
    constructor(tx, outbox) {
        this.tx = tx;
        this.outbox = outbox;
    }
    /** Asks the worker to seed (or complete) the demo consortium. */
    requestSeed(ctx) {
        return this.outbox.enqueue(ctx, core_1.JobName.SeedDemoConsortium, { consortiumId: demo_consortium_1.DEMO_CONSORTIUM_ID });
    }
    /** Idempotent: inserts the demo consortium once; later runs change nothing. */
    async seed(ctx) {
        return this.tx.run((0, core_1.forConsortium)(ctx, demo_consortium_1.DEMO_CONSORTIUM_ID), async (m) => {
            const inserted = await m
                .createQueryBuilder()
                .insert()
                .into(consortium_entity_1.Consortium)
                .values({ ...demo_consortium_1.DEMO_CONSORTIUM })
                .orIgnore()
                .returning('id')
                .execute();
            return { consortiumId: demo_consortium_1.DEMO_CONSORTIUM_ID, created: inserted.raw.length > 0 };
        });
    }
};
exports.DemoSeedService = DemoSeedService;
exports.DemoSeedService = DemoSeedService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.TransactionService,
        core_1.OutboxService])
], DemoSeedService);
//# sourceMappingURL=demo-seed.service.js.map