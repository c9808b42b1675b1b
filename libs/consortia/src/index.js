"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Consortium = exports.ConsortiumStatus = exports.DEMO_CONSORTIUM_ID = exports.DEMO_CONSORTIUM = exports.DemoSeedService = exports.ConsortiaService = exports.ConsortiaJobsModule = exports.ConsortiaHttpModule = void 0;
var consortia_module_1 = require("./consortia.module");
Object.defineProperty(exports, "ConsortiaHttpModule", { enumerable: true, get: function () { return consortia_module_1.ConsortiaHttpModule; } });
Object.defineProperty(exports, "ConsortiaJobsModule", { enumerable: true, get: function () { return consortia_module_1.ConsortiaJobsModule; } });
var consortia_service_1 = require("./services/consortia.service");
Object.defineProperty(exports, "ConsortiaService", { enumerable: true, get: function () { return consortia_service_1.ConsortiaService; } });
var demo_seed_service_1 = require("./services/demo-seed.service");
Object.defineProperty(exports, "DemoSeedService", { enumerable: true, get: function () { return demo_seed_service_1.DemoSeedService; } });
var demo_consortium_1 = require("./demo/demo-consortium");
Object.defineProperty(exports, "DEMO_CONSORTIUM", { enumerable: true, get: function () { return demo_consortium_1.DEMO_CONSORTIUM; } });
Object.defineProperty(exports, "DEMO_CONSORTIUM_ID", { enumerable: true, get: function () { return demo_consortium_1.DEMO_CONSORTIUM_ID; } });
var consortium_status_1 = require("./entities/consortium-status");
Object.defineProperty(exports, "ConsortiumStatus", { enumerable: true, get: function () { return consortium_status_1.ConsortiumStatus; } });
var consortium_entity_1 = require("./entities/consortium.entity");
Object.defineProperty(exports, "Consortium", { enumerable: true, get: function () { return consortium_entity_1.Consortium; } });
//# sourceMappingURL=index.js.map