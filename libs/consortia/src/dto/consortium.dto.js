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
exports.ConsortiumDto = void 0;
const swagger_1 = require("@nestjs/swagger");
const consortium_status_1 = require("../entities/consortium-status");
class ConsortiumDto {
    id;
    code;
    name;
    nameEn;
    province;
    city;
    status;
    createdAt;
    updatedAt;
    static from(entity) {
        return {
            id: entity.id,
            code: entity.code,
            name: entity.name,
            nameEn: entity.nameEn,
            province: entity.province,
            city: entity.city,
            status: entity.status,
            createdAt: entity.createdAt.toISOString(),
            updatedAt: entity.updatedAt.toISOString(),
        };
    }
}
exports.ConsortiumDto = ConsortiumDto;
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'uuid' }),
    __metadata("design:type", String)
], ConsortiumDto.prototype, "id", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'DEMO-SZ-ROBOTICS' }),
    __metadata("design:type", String)
], ConsortiumDto.prototype, "code", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: '苏州工业园区智能制造市域产教联合体' }),
    __metadata("design:type", String)
], ConsortiumDto.prototype, "name", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ nullable: true }),
    __metadata("design:type", Object)
], ConsortiumDto.prototype, "nameEn", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: '江苏省' }),
    __metadata("design:type", String)
], ConsortiumDto.prototype, "province", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: '苏州市' }),
    __metadata("design:type", String)
], ConsortiumDto.prototype, "city", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ enum: consortium_status_1.ConsortiumStatus }),
    __metadata("design:type", String)
], ConsortiumDto.prototype, "status", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time' }),
    __metadata("design:type", String)
], ConsortiumDto.prototype, "createdAt", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ format: 'date-time' }),
    __metadata("design:type", String)
], ConsortiumDto.prototype, "updatedAt", void 0);
//# sourceMappingURL=consortium.dto.js.map