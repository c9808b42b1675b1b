/**
 * Names of the per-transaction settings row-level security policies read.
 * They are persisted in migrations' policy definitions: never rename casually.
 */
export const TENANT_SETTING = 'app.consortium_id';
export const ACTOR_SETTING = 'app.user_id';
export const REQUEST_ID_SETTING = 'app.request_id';
/** On only inside TransactionService.runAcrossConsortia (platform admins, audited). */
export const CROSS_TENANT_SETTING = 'app.cross_tenant';
/** On only while queue plumbing (outbox relay, job runner, job status) reads or writes the outbox. */
export const QUEUE_ACCESS_SETTING = 'app.queue_access';
