import { useConsortium } from '../../app/useConsortium';
import { AuditTrail } from './AuditTrail';

/** 审计日志: the consortium's trail. */
export default function AuditLogPage() {
  const { consortiumId, can } = useConsortium();
  return (
    <AuditTrail scope={{ kind: 'consortium', consortiumId, canListPeople: can('users:read') }} title="nav.audit" />
  );
}
