import { Select, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import type { Period } from './indicator-rules';

/** The period a page works on (the same choice as on the periods page). */
export function PeriodSelect({
  periods,
  period,
  onChange,
}: {
  periods: Period[];
  period: Period | undefined;
  onChange(id: string): void;
}) {
  const { t } = useI18n();
  const { label } = useEnumLabels();
  return (
    <Space wrap>
      <Typography.Text type="secondary">{t('ind.period')}</Typography.Text>
      <Select
        style={{ minWidth: 240, maxWidth: '100%' }}
        value={period?.id}
        onChange={onChange}
        options={periods.map((p) => ({
          value: p.id,
          label: `${p.name}（${label('IndicatorPeriodStatus', p.status)}）`,
        }))}
        placeholder={t('ind.choosePeriod')}
        data-testid="period-select"
      />
    </Space>
  );
}
