import { AuditTrail } from './AuditTrail';

/** 平台审计日志 (platform admins): accounts, platform-admin grants and cross-consortium reads. */
export default function PlatformAuditLogPage() {
  return <AuditTrail scope={{ kind: 'platform' }} title="nav.platformAudit" />;
}
