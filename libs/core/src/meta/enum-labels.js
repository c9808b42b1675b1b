"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.defineEnumLabels = defineEnumLabels;
exports.listEnumLabels = listEnumLabels;
const registry = new Map();
/**
 * Declares the zh-CN and en display labels of an enum, served by
 * `GET /api/v1/meta/enums`. The label map is keyed by the enum's values, so a
 * value without labels fails to compile.
 */
function defineEnumLabels(name, labels) {
    if (registry.has(name))
        throw new Error(`Enum labels "${name}" defined twice`);
    registry.set(name, {
        name,
        values: Object.entries(labels).map(([value, label]) => ({ value, labels: label })),
    });
    return labels;
}
function listEnumLabels() {
    return [...registry.values()].sort((a, b) => a.name.localeCompare(b.name));
}
//# sourceMappingURL=enum-labels.js.map