"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadAppConfigOrExit = loadAppConfigOrExit;
const app_config_1 = require("./app-config");
const environment_1 = require("./environment");
/** Loads the configuration or stops the process with one line per problem. */
function loadAppConfigOrExit(raw = process.env) {
    try {
        return (0, app_config_1.loadAppConfig)(raw);
    }
    catch (error) {
        if (error instanceof environment_1.ConfigValidationError) {
            process.stderr.write(`${error.message}\n`);
            process.exit(78); // EX_CONFIG
        }
        throw error;
    }
}
//# sourceMappingURL=boot.js.map