"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.quoteIdent = quoteIdent;
exports.ensureApplicationRole = ensureApplicationRole;
exports.grantApplicationPrivileges = grantApplicationPrivileges;
exports.findRuntimeRoleProblems = findRuntimeRoleProblems;
/** Quotes a PostgreSQL identifier (role names come from configuration). */
function quoteIdent(identifier) {
    return `"${identifier.replace(/"/g, '""')}"`;
}
function quoteLiteral(value) {
    return `'${value.replace(/'/g, "''")}'`;
}
/**
 * Creates (or updates the password of) the role the API and worker log in as.
 * Run with the owner connection, before migrations. Roles are cluster-wide.
 */
async function ensureApplicationRole(owner, role, password) {
    const passwordClause = password ? ` PASSWORD ${quoteLiteral(password)}` : '';
    // CREATE ROLE has no IF NOT EXISTS; a concurrent creator is tolerated below.
    const exists = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (exists.rowCount === 0) {
        try {
            await owner.query(`CREATE ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB${passwordClause}`);
        }
        catch (error) {
            if (error.code !== '42710')
                throw error; // duplicate_object
        }
    }
    else if (password) {
        await owner.query(`ALTER ROLE ${quoteIdent(role)} LOGIN${passwordClause}`);
    }
    const database = (await owner.query('SELECT current_database() AS db')).rows[0].db;
    await owner.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${quoteIdent(database)} TO ${quoteIdent(role)}`);
    // BullMQ's PostgreSQL backend creates per-queue sequences at run time, so the
    // application role owns that schema (it holds no tenant data).
    await owner.query(`CREATE SCHEMA IF NOT EXISTS bullmq AUTHORIZATION ${quoteIdent(role)}`);
}
/** Grants the application role DML on everything migrations created (never DDL or ownership). */
async function grantApplicationPrivileges(owner, role) {
    const r = quoteIdent(role);
    await owner.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
    await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
    await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
    await owner.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${r}`);
    // Tables marked append-only in their comment (audit trails) lose UPDATE/DELETE.
    const appendOnly = await owner.query(`SELECT c.relname AS table_name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND obj_description(c.oid, 'pg_class') LIKE '%append-only%'`);
    for (const { table_name } of appendOnly.rows) {
        await owner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${quoteIdent(table_name)} FROM ${r}`);
    }
}
async function findRuntimeRoleProblems(query) {
    const problems = [];
    const [role] = await query('SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user');
    if (role.rolsuper)
        problems.push({ reason: `database role "${role.rolname}" is a superuser` });
    if (role.rolbypassrls)
        problems.push({ reason: `database role "${role.rolname}" has BYPASSRLS` });
    const owned = await query(`SELECT tablename FROM pg_tables
      WHERE schemaname = 'public' AND pg_has_role(current_user, tableowner, 'MEMBER') LIMIT 5`);
    if (owned.length > 0) {
        problems.push({
            reason: `database role "${role.rolname}" owns application tables (${owned.map((row) => row.tablename).join(', ')})`,
        });
    }
    return problems;
}
//# sourceMappingURL=database-roles.js.map