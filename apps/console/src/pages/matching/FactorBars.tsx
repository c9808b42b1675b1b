import { Progress, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { FACTOR_LABELS, FACTORS, type Match } from './matching-rules';

const BAR_COLORS: Record<string, string> = {
  programme: '#1677ff',
  text: '#13c2c2',
  skills: '#52c41a',
  capacity: '#fa8c16',
  mode: '#722ed1',
  locality: '#eb2f96',
};

/**
 * A match's score breakdown: one bar per factor (its value 0–100 %), with the points it
 * contributed and the weight used; a factor the posting does not ask for says so.
 */
export function FactorBars({ match }: { match: Match }) {
  const { t } = useI18n();
  return (
    <div data-testid="factor-bars">
      {FACTORS.map((name) => {
        const factor = match.factors[name];
        return (
          <div
            key={name}
            data-testid={`factor-${name}`}
            style={{ display: 'grid', gridTemplateColumns: '72px minmax(0, 1fr)', columnGap: 8, alignItems: 'center' }}
          >
            <Typography.Text type={factor ? undefined : 'secondary'}>{t(FACTOR_LABELS[name])}</Typography.Text>
            {factor ? (
              <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
                <Progress
                  percent={Math.round(factor.value * 100)}
                  status="normal"
                  format={(percent) => `${percent}%`}
                  strokeColor={BAR_COLORS[name]}
                  size="small"
                  style={{ flex: 1, margin: 0, minWidth: 60 }}
                />
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
                  {t('match.points', { points: factor.points, weight: factor.weight })}
                </Typography.Text>
              </div>
            ) : (
              <Typography.Text type="secondary">{t('match.notApplied')}</Typography.Text>
            )}
          </div>
        );
      })}
    </div>
  );
}
