"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JOB_STATE_LABELS = exports.CONSORTIUM_ROLE_LABELS = void 0;
const request_context_1 = require("../context/request-context");
const enum_labels_1 = require("./enum-labels");
exports.CONSORTIUM_ROLE_LABELS = (0, enum_labels_1.defineEnumLabels)('ConsortiumRole', {
    [request_context_1.ConsortiumRole.Secretariat]: { 'zh-CN': '秘书处', en: 'Secretariat' },
    [request_context_1.ConsortiumRole.Member]: { 'zh-CN': '成员单位用户', en: 'Member' },
    [request_context_1.ConsortiumRole.Observer]: { 'zh-CN': '观察员', en: 'Observer' },
});
exports.JOB_STATE_LABELS = (0, enum_labels_1.defineEnumLabels)('JobState', {
    pending_dispatch: { 'zh-CN': '待派发', en: 'Pending dispatch' },
    waiting: { 'zh-CN': '排队中', en: 'Waiting' },
    delayed: { 'zh-CN': '延迟执行', en: 'Delayed' },
    active: { 'zh-CN': '执行中', en: 'Active' },
    completed: { 'zh-CN': '已完成', en: 'Completed' },
    failed: { 'zh-CN': '失败', en: 'Failed' },
    unknown: { 'zh-CN': '未知', en: 'Unknown' },
});
//# sourceMappingURL=core-enum-labels.js.map