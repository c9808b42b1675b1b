"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.flattenValidationErrors = flattenValidationErrors;
exports.createValidationPipe = createValidationPipe;
const common_1 = require("@nestjs/common");
/** Flattens nested class-validator errors into dotted field paths (`contacts.0.email`). */
function flattenValidationErrors(errors, parent = '') {
    return errors.flatMap((error) => {
        const field = parent ? `${parent}.${error.property}` : error.property;
        const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
        return [...own, ...flattenValidationErrors(error.children ?? [], field)];
    });
}
/** Global pipe: strips nothing silently — unknown fields are rejected and named. */
function createValidationPipe() {
    return new common_1.ValidationPipe({
        whitelist: true,
        forbidNonWhitelisted: true,
        transform: true,
        transformOptions: { enableImplicitConversion: false },
        exceptionFactory: (errors) => {
            const fields = flattenValidationErrors(errors);
            const message = fields.flatMap((f) => f.problems).join('; ') || 'Validation failed';
            return new common_1.BadRequestException({ message, details: { code: 'validation_failed', fields } });
        },
    });
}
//# sourceMappingURL=validation.js.map