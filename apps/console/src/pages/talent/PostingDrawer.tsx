import { Alert, Descriptions, Drawer, Grid, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../format/datetime';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { STATUS_COLORS, type DemandPosting, type SupplyPosting, type WeightedSkill } from './talent-rules';

/** Skills as tags, the weight as a superscript count of stars. */
export function SkillTags({ skills }: { skills: readonly WeightedSkill[] }) {
  if (skills.length === 0) return <>—</>;
  return (
    <Space size={[0, 4]} wrap>
      {skills.map((s) => (
        <Tag key={s.skill}>
          {s.skill} {'★'.repeat(s.weight)}
        </Tag>
      ))}
    </Space>
  );
}

export function PostingStatusTag({ status }: { status: DemandPosting['status'] }) {
  const { label } = useEnumLabels();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="posting-status">
      {label('PostingStatus', status)}
    </Tag>
  );
}

/** One posting read-only — its fields, status, dates, a moderation reason — with the actions the caller may take. */
export function PostingDrawer({
  posting,
  fields,
  actions,
  onClose,
  testId,
}: {
  posting: DemandPosting | SupplyPosting | undefined;
  fields: Array<{ label: string; value: ReactNode }>;
  actions: ReactNode;
  onClose(): void;
  testId: string;
}) {
  const { t, locale } = useI18n();
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={posting !== undefined}
      onClose={onClose}
      size={screens.md ? 640 : '100%'}
      title={posting?.title}
      data-testid={testId}
    >
      {posting ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space wrap>
            <PostingStatusTag status={posting.status} />
            {posting.publishedAt ? (
              <Typography.Text type="secondary">
                {t('talent.publishedAt')} {formatDateTime(posting.publishedAt, locale)}
              </Typography.Text>
            ) : null}
          </Space>
          {posting.closeReason ? (
            <Alert
              type="warning"
              showIcon
              title={t('talent.closedBecause', { reason: posting.closeReason })}
              data-testid="close-reason-shown"
            />
          ) : null}
          {actions}
          <Descriptions column={1} bordered size="small">
            {fields.map((f) => (
              <Descriptions.Item key={f.label} label={f.label}>
                {f.value ?? '—'}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Space>
      ) : null}
    </Drawer>
  );
}
