import { Client } from 'pg';

export interface RoleProblem {
  reason: string;
}

/** Quotes a PostgreSQL identifier (role names come from configuration). */
export function quoteIdent(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Creates (or updates the password of) the role the API and worker log in as.
 * Run with the owner connection, before migrations. Roles are cluster-wide.
 */
export async function ensureApplicationRole(owner: Client, role: string, password?: string): Promise<void> {
  const passwordClause = password ? ` PASSWORD ${quoteLiteral(password)}` : '';
  // CREATE ROLE has no IF NOT EXISTS; a concurrent creator is tolerated below.
  const exists = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (exists.rowCount === 0) {
    try {
      await owner.query(
        `CREATE ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB${passwordClause}`,
      );
    } catch (error) {
      if ((error as { code?: string }).code !== '42710') throw error; // duplicate_object
    }
  } else if (password) {
    await owner.query(`ALTER ROLE ${quoteIdent(role)} LOGIN${passwordClause}`);
  }
  const database = (await owner.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
  await owner.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${quoteIdent(database)} TO ${quoteIdent(role)}`);
}

/** Grants the application role DML on everything migrations created (never DDL or ownership). */
export async function grantApplicationPrivileges(owner: Client, role: string): Promise<void> {
  const r = quoteIdent(role);
  await owner.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
  await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
  await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
  await owner.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${r}`);
  // BullMQ's PostgreSQL backend (schema created by its own migrations, run as the
  // owner) creates per-queue id sequences at run time, hence CREATE on that schema.
  const bullmq = await owner.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'bullmq'`);
  if (bullmq.rowCount) {
    await owner.query(`GRANT USAGE, CREATE ON SCHEMA bullmq TO ${r}`);
    await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA bullmq TO ${r}`);
    await owner.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA bullmq TO ${r}`);
    await owner.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA bullmq TO ${r}`);
  }
  // Tables marked append-only in their comment (audit trails) lose UPDATE/DELETE.
  const appendOnly = await owner.query<{ table_name: string }>(
    `SELECT c.relname AS table_name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' AND obj_description(c.oid, 'pg_class') LIKE '%append-only%'`,
  );
  for (const { table_name } of appendOnly.rows) {
    await owner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${quoteIdent(table_name)} FROM ${r}`);
  }
}

/**
 * Row-level security only protects us if the runtime role is subject to it:
 * not a superuser, not BYPASSRLS, and not the owner of (or a member of the owner
 * of) any application table. Returns the problems; empty means safe.
 */
export type RowsQuery = <R>(sql: string) => Promise<R[]>;

export async function findRuntimeRoleProblems(query: RowsQuery): Promise<RoleProblem[]> {
  const problems: RoleProblem[] = [];
  const [role] = await query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>(
    'SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user',
  );
  if (role.rolsuper) problems.push({ reason: `database role "${role.rolname}" is a superuser` });
  if (role.rolbypassrls) problems.push({ reason: `database role "${role.rolname}" has BYPASSRLS` });
  const owned = await query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables
      WHERE schemaname = 'public' AND pg_has_role(current_user, tableowner, 'MEMBER') LIMIT 5`,
  );
  if (owned.length > 0) {
    problems.push({
      reason: `database role "${role.rolname}" owns application tables (${owned.map((row) => row.tablename).join(', ')})`,
    });
  }
  return problems;
}
