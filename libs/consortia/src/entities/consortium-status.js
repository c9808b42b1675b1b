"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CONSORTIUM_STATUS_LABELS = exports.ConsortiumStatus = void 0;
const core_1 = require("../../../core/src/index.js");
/** Lifecycle of a consortium in the Ministry's process (transitions arrive with the profile capability). */
var ConsortiumStatus;
(function (ConsortiumStatus) {
    ConsortiumStatus["Planning"] = "planning";
    ConsortiumStatus["Applied"] = "applied";
    ConsortiumStatus["ProvinciallyRecommended"] = "provincially_recommended";
    ConsortiumStatus["CultivationList"] = "cultivation_list";
    ConsortiumStatus["UnderConstruction"] = "under_construction";
    ConsortiumStatus["Accepted"] = "accepted";
    ConsortiumStatus["Revoked"] = "revoked";
})(ConsortiumStatus || (exports.ConsortiumStatus = ConsortiumStatus = {}));
exports.CONSORTIUM_STATUS_LABELS = (0, core_1.defineEnumLabels)('ConsortiumStatus', {
    [ConsortiumStatus.Planning]: { 'zh-CN': '筹建中', en: 'Planning' },
    [ConsortiumStatus.Applied]: { 'zh-CN': '已申报', en: 'Applied' },
    [ConsortiumStatus.ProvinciallyRecommended]: { 'zh-CN': '省级推荐', en: 'Provincially recommended' },
    [ConsortiumStatus.CultivationList]: { 'zh-CN': '列入培育名单', en: 'On the cultivation list' },
    [ConsortiumStatus.UnderConstruction]: { 'zh-CN': '建设中', en: 'Under construction' },
    [ConsortiumStatus.Accepted]: { 'zh-CN': '通过验收', en: 'Accepted' },
    [ConsortiumStatus.Revoked]: { 'zh-CN': '已撤销', en: 'Revoked' },
});
//# sourceMappingURL=consortium-status.js.map