"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SnakeNamingStrategy = void 0;
exports.snakeCase = snakeCase;
const typeorm_1 = require("typeorm");
function snakeCase(value) {
    return value
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
        .toLowerCase();
}
/** Maps camelCase properties to snake_case columns (`consortiumId` → `consortium_id`). */
class SnakeNamingStrategy extends typeorm_1.DefaultNamingStrategy {
    tableName(className, customName) {
        return customName ?? snakeCase(className);
    }
    columnName(propertyName, customName, prefixes) {
        return snakeCase(prefixes.concat('').join('_')) + (customName ?? snakeCase(propertyName));
    }
    relationName(propertyName) {
        return snakeCase(propertyName);
    }
    joinColumnName(relationName, referencedColumnName) {
        return snakeCase(`${relationName}_${referencedColumnName}`);
    }
    joinTableName(firstTableName, secondTableName, firstPropertyName) {
        return snakeCase(`${firstTableName}_${firstPropertyName.replace(/\./g, '_')}_${secondTableName}`);
    }
    joinTableColumnName(tableName, propertyName, columnName) {
        return snakeCase(`${tableName}_${columnName ?? propertyName}`);
    }
}
exports.SnakeNamingStrategy = SnakeNamingStrategy;
//# sourceMappingURL=snake-naming.strategy.js.map