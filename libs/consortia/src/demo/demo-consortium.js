"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEMO_CONSORTIUM = exports.DEMO_CONSORTIUM_ID = void 0;
const consortium_status_1 = require("../entities/consortium-status");
/** Fixed id, so seeding is an idempotent upsert even under row-level security. */
exports.DEMO_CONSORTIUM_ID = '00000000-0000-4000-8000-00000000c0de';
exports.DEMO_CONSORTIUM = {
    id: exports.DEMO_CONSORTIUM_ID,
    code: 'DEMO-SZ-ROBOTICS',
    name: '苏州工业园区智能制造市域产教联合体（演示）',
    nameEn: 'Suzhou Industrial Park Intelligent Manufacturing Consortium (demo)',
    province: '江苏省',
    city: '苏州市',
    status: consortium_status_1.ConsortiumStatus.UnderConstruction,
};
//# sourceMappingURL=demo-consortium.js.map