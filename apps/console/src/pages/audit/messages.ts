/** The audit log page's texts. */
export const auditZhCN = {
  'nav.audit': '审计日志',
  'audit.actionPlaceholder': '操作或其前缀，如 consortia.council',
  'audit.entityType': '对象类型',
  'audit.entityId': '对象编号',
  'audit.actor': '操作人',
  'audit.range': '日期范围',
  'audit.changes': '变更内容',
  'audit.requestId': '请求编号',
  'audit.ip': 'IP 地址',
  'audit.system': '系统',
};

export const auditEn: Record<keyof typeof auditZhCN, string> = {
  'nav.audit': 'Audit log',
  'audit.actionPlaceholder': 'An action or its prefix, e.g. consortia.council',
  'audit.entityType': 'Entity type',
  'audit.entityId': 'Entity id',
  'audit.actor': 'By',
  'audit.range': 'Dates',
  'audit.changes': 'Changes',
  'audit.requestId': 'Request id',
  'audit.ip': 'IP address',
  'audit.system': 'System',
};
