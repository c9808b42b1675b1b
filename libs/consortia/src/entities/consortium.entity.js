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
exports.Consortium = void 0;
const typeorm_1 = require("typeorm");
const consortium_status_1 = require("./consortium-status");
/** The tenant: one municipal industry–education consortium (市域产教联合体). */
let Consortium = class Consortium {
    id;
    /** Short code, unique on the platform (e.g. `SZ-IEC-01`). */
    code;
    /** Official (Chinese) name. */
    name;
    nameEn;
    province;
    city;
    status;
    createdAt;
    updatedAt;
};
exports.Consortium = Consortium;
__decorate([
    (0, typeorm_1.PrimaryColumn)('uuid'),
    __metadata("design:type", String)
], Consortium.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)('citext'),
    __metadata("design:type", String)
], Consortium.prototype, "code", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], Consortium.prototype, "name", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { nullable: true }),
    __metadata("design:type", Object)
], Consortium.prototype, "nameEn", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], Consortium.prototype, "province", void 0);
__decorate([
    (0, typeorm_1.Column)('text'),
    __metadata("design:type", String)
], Consortium.prototype, "city", void 0);
__decorate([
    (0, typeorm_1.Column)('text', { default: consortium_status_1.ConsortiumStatus.Planning }),
    __metadata("design:type", String)
], Consortium.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.CreateDateColumn)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], Consortium.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.UpdateDateColumn)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], Consortium.prototype, "updatedAt", void 0);
exports.Consortium = Consortium = __decorate([
    (0, typeorm_1.Entity)({ name: 'consortium' })
], Consortium);
//# sourceMappingURL=consortium.entity.js.map