import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Result, Space, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useConsortium } from '../../app/useConsortium';
import { OrganizationName } from '../../components/OrganizationName';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import type { Offering } from './matching-rules';
import { MatchList } from './MatchList';

/**
 * 专业匹配需求: the published postings a programme offering fits, best first, shown as a
 * posting's matches are (the same cards); its school proposes a cooperation from one.
 */
export default function OfferingMatchesPage() {
  const { consortiumId } = useConsortium();
  const { offeringId = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const path = { consortiumId, offeringId };
  const offering = useQuery({
    queryKey: ['programme-offerings', consortiumId, 'detail', offeringId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/consortia/{consortiumId}/programme-offerings/{offeringId}', { params: { path } })),
  });
  const matches = useQuery({
    queryKey: ['matching', consortiumId, 'offering', offeringId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/programme-offerings/{offeringId}/matches', { params: { path } }),
      ),
  });
  const error = offering.error ?? matches.error;
  return (
    <div data-testid="offering-matches-page">
      <PageHeader
        title={
          <Space wrap>
            {t('nav.offeringMatches')}
            {offering.data ? (
              <Typography.Text type="secondary">
                {offering.data.programmeCode} {offering.data.programmeName}
              </Typography.Text>
            ) : null}
          </Space>
        }
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/c/${consortiumId}/offerings`)}>
            {t('match.back')}
          </Button>
        }
      />
      {error ? (
        <Result status="warning" subTitle={describeError(error, t)} />
      ) : (
        <>
          <Card style={{ marginBottom: 16 }} loading={offering.isPending} data-testid="offering-summary">
            {offering.data ? <OfferingSummary offering={offering.data} /> : null}
          </Card>
          <MatchList
            matches={matches.data?.items ?? []}
            of="offering"
            loading={matches.isPending}
            empty={t('match.noneYet')}
          />
        </>
      )}
    </div>
  );
}

function OfferingSummary({ offering }: { offering: Offering }) {
  const { t } = useI18n();
  const { label } = useEnumLabels();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, lg: 3 }}
      title={`${offering.programmeCode} ${offering.programmeName}`}
    >
      <Descriptions.Item label={t('match.school')}>
        <OrganizationName id={offering.organizationId} />
      </Descriptions.Item>
      <Descriptions.Item label={t('prog.class')}>{offering.className}</Descriptions.Item>
      <Descriptions.Item label={t('prog.level')}>{label('ProgrammeLevel', offering.level)}</Descriptions.Item>
      <Descriptions.Item label={t('prog.status')}>
        <Tag>{label('OfferingStatus', offering.status)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('match.graduates')}>
        {offering.expectedGraduates.map((g) => `${g.year}: ${g.count}`).join(' / ') || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('match.modes')}>
        {offering.trainingModes.map((m) => label('TrainingMode', m)).join('、') || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('prog.skills')}>
        <Space size={[4, 4]} wrap>
          {offering.skills.length ? offering.skills.map((s) => <Tag key={s}>{s}</Tag>) : '—'}
        </Space>
      </Descriptions.Item>
    </Descriptions>
  );
}
