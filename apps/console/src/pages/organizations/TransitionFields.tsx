import { DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import type { MembershipStatus } from './organization-rules';

/** 变更为 / 生效日期 / 原因: the fields of a membership change (one organization or a batch). */
export function TransitionFields({ targets }: { targets: readonly MembershipStatus[] }) {
  const { t } = useI18n();
  const { label } = useEnumLabels();
  const rules = useRules();
  return (
    <>
      <Form.Item name="to" label={t('org.transitionTo')} rules={[rules.required()]}>
        <Select
          options={targets.map((s) => ({ value: s, label: label('MembershipStatus', s) }))}
          data-testid="transition-to"
        />
      </Form.Item>
      <Form.Item
        name="effectiveOn"
        label={t('org.effectiveOn')}
        rules={[rules.required(), rules.dateOnly()]}
        getValueProps={(value?: string) => ({ value: value ? dayjs(value) : undefined })}
        normalize={(value?: dayjs.Dayjs) => value?.format('YYYY-MM-DD')}
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="reason" label={t('org.reason')} rules={[rules.length(0, 500)]}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </>
  );
}
