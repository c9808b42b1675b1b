import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, List, Result, Space, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useConsortium } from '../../app/useConsortium';
import { OrganizationName } from '../../components/OrganizationName';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format/datetime';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { EXCLUSION_LABELS, type Posting } from './matching-rules';
import { MatchList } from './MatchList';
import { OfferingLabel } from './OfferingLabel';

/**
 * 需求匹配结果: a demand posting's summary and its ranked offerings (pinned first) with the
 * factor bars and explanation; "no match" names the nearest offerings and why they were left
 * out. While the matching job has not run yet the page waits for it.
 */
export default function PostingMatchesPage() {
  const { consortiumId } = useConsortium();
  const { demandPostingId = '' } = useParams();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const path = { consortiumId, demandPostingId };
  const posting = useQuery({
    queryKey: ['demand-postings', consortiumId, 'detail', demandPostingId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/consortia/{consortiumId}/demand-postings/{demandPostingId}', { params: { path } })),
  });
  const published = posting.data?.status === 'published';
  const matches = useQuery({
    queryKey: ['matching', consortiumId, 'posting', demandPostingId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/demand-postings/{demandPostingId}/matches', { params: { path } }),
      ),
    // The job matches a newly published posting within seconds: look again until it has.
    refetchInterval: (query) => (published && query.state.data && !query.state.data.matchedAt ? 1500 : false),
  });
  const error = posting.error ?? matches.error;
  const data = matches.data;

  return (
    <div data-testid="posting-matches-page">
      <PageHeader
        title={
          <Space wrap>
            {t('nav.postingMatches')}
            {posting.data ? <Typography.Text type="secondary">{posting.data.title}</Typography.Text> : null}
          </Space>
        }
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/c/${consortiumId}/demand-postings`)}>
            {t('match.back')}
          </Button>
        }
      />
      {error ? (
        <Result status="warning" subTitle={describeError(error, t)} />
      ) : (
        <>
          <Card style={{ marginBottom: 16 }} loading={posting.isPending} data-testid="posting-summary">
            {posting.data ? <PostingSummary posting={posting.data} /> : null}
            {data?.matchedAt ? (
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }} data-testid="matched-at">
                {t('match.matchedAt')} {formatDateTime(data.matchedAt, locale)} ·{' '}
                {t('match.version', { version: data.scoringVersion ?? '—' })}
              </Typography.Text>
            ) : null}
          </Card>
          {posting.data && !published ? (
            <Alert type="info" showIcon title={t('match.notPublished')} style={{ marginBottom: 16 }} />
          ) : null}
          {published && data && !data.matchedAt ? (
            <Alert type="info" showIcon title={t('match.pending')} data-testid="match-pending" />
          ) : null}
          {data?.noMatch ? (
            <Card title={t('match.noMatch')} style={{ marginBottom: 16 }} data-testid="no-match">
              <Typography.Text type="secondary">{t('match.nearest')}</Typography.Text>
              <List
                dataSource={data.noMatch.nearest}
                renderItem={(n) => (
                  <List.Item key={n.offeringId}>
                    <Space wrap>
                      <OfferingLabel id={n.offeringId} />
                      <Tag>{n.score.toFixed(1)}</Tag>
                      {n.reasons.map((r) => (
                        <Tag key={r} color="default">
                          {EXCLUSION_LABELS[r] ? t(EXCLUSION_LABELS[r]) : r}
                        </Tag>
                      ))}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          ) : null}
          {data?.matchedAt && (data.items.length > 0 || !data.noMatch) ? (
            <MatchList matches={data.items} of="posting" empty={t('match.noMatch')} />
          ) : null}
          {matches.isPending ? <Card loading /> : null}
        </>
      )}
    </div>
  );
}

function PostingSummary({ posting }: { posting: Posting }) {
  const { t } = useI18n();
  const { label } = useEnumLabels();
  const codes = [posting.occupationCode, ...posting.programmeCodes, ...posting.programmeClassCodes].filter(Boolean);
  const skills = [
    ...posting.requiredSkills.map((s) => ({ ...s, required: true })),
    ...posting.preferredSkills.map((s) => ({ ...s, required: false })),
  ];
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} title={posting.title}>
      <Descriptions.Item label={t('match.enterprise')}>
        <OrganizationName id={posting.organizationId} />
      </Descriptions.Item>
      <Descriptions.Item label={t('match.status')}>
        <Tag>{label('PostingStatus', posting.status)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('match.headcount')}>{posting.headcount}</Descriptions.Item>
      <Descriptions.Item label={t('match.employmentType')}>
        {label('EmploymentType', posting.employmentType)}
      </Descriptions.Item>
      <Descriptions.Item label={t('match.startDate')}>{posting.startDate ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('match.minLevel')}>
        {posting.minLevel ? label('TalentEducationLevel', posting.minLevel) : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('match.codes')}>{codes.join('、') || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('match.district')}>
        {[posting.district, posting.inPark ? t('match.inPark') : null].filter(Boolean).join(' · ') || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('match.skills')}>
        <Space size={[4, 4]} wrap>
          {skills.length
            ? skills.map((s) => (
                <Tag key={s.skill} color={s.required ? 'blue' : 'default'}>
                  {s.skill} ×{s.weight}
                </Tag>
              ))
            : '—'}
        </Space>
      </Descriptions.Item>
    </Descriptions>
  );
}
