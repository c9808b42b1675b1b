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
exports.MetaController = void 0;
const common_1 = require("@nestjs/common");
const swagger_1 = require("@nestjs/swagger");
const enum_labels_1 = require("./enum-labels");
require("./core-enum-labels");
let MetaController = class MetaController {
    enums() {
        return { enums: (0, enum_labels_1.listEnumLabels)() };
    }
};
exports.MetaController = MetaController;
__decorate([
    (0, common_1.Get)('enums'),
    (0, swagger_1.ApiOperation)({ summary: 'Display labels (zh-CN, en) of every enum the API uses' }),
    (0, swagger_1.ApiOkResponse)({ description: '{ enums: [{ name, values: [{ value, labels: { "zh-CN", en } }] }] }' }),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], MetaController.prototype, "enums", null);
exports.MetaController = MetaController = __decorate([
    (0, swagger_1.ApiTags)('meta'),
    (0, common_1.Controller)('meta')
], MetaController);
//# sourceMappingURL=meta.controller.js.map