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
exports.ErrorBody = void 0;
const swagger_1 = require("@nestjs/swagger");
/** The one error body every failing request answers with. */
class ErrorBody {
    statusCode;
    error;
    message;
    details;
    requestId;
}
exports.ErrorBody = ErrorBody;
__decorate([
    (0, swagger_1.ApiProperty)({ example: 400 }),
    __metadata("design:type", Number)
], ErrorBody.prototype, "statusCode", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'Bad Request' }),
    __metadata("design:type", String)
], ErrorBody.prototype, "error", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: 'name must be a string' }),
    __metadata("design:type", String)
], ErrorBody.prototype, "message", void 0);
__decorate([
    (0, swagger_1.ApiPropertyOptional)({ description: 'Machine-readable detail: error code, offending fields, …' }),
    __metadata("design:type", Object)
], ErrorBody.prototype, "details", void 0);
__decorate([
    (0, swagger_1.ApiProperty)({ example: '6f1c0a9e-3c1e-4a47-9a0c-0f3f5a0e2b1d' }),
    __metadata("design:type", String)
], ErrorBody.prototype, "requestId", void 0);
//# sourceMappingURL=error-body.js.map