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
exports.ConsortiaService = void 0;
const common_1 = require("@nestjs/common");
const core_1 = require("../../../core/src/index.js");
const consortium_entity_1 = require("../entities/consortium.entity");
const consortia_exception_1 = require("../exceptions/consortia.exception");
let ConsortiaService = class ConsortiaService {
    tx;
    constructor(tx) {
        this.tx = tx;
    }
    /** Reads a consortium under its own tenant setting: row-level security decides visibility. */
    async get(ctx, consortiumId) {
        const found = await this.tx.run((0, core_1.forConsortium)(ctx, consortiumId), (m) => m.findOne(consortium_entity_1.Consortium, { where: { id: consortiumId } }));
        if (!found) {
            throw new consortia_exception_1.ConsortiaException(consortia_exception_1.ConsortiaErrorCode.ConsortiumNotFound, `Consortium ${consortiumId} not found`);
        }
        return found;
    }
};
exports.ConsortiaService = ConsortiaService;
exports.ConsortiaService = ConsortiaService = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [core_1.TransactionService])
], ConsortiaService);
//# sourceMappingURL=consortia.service.js.map