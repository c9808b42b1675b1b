import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Modal,
  Progress,
  Row,
  Space,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useConsortium } from '../../app/useConsortium';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { FactorBars } from './FactorBars';
import { MatchExplanation } from './MatchExplanation';
import { DECISION_REASON_MAX, sideOf, type Match, type MatchDecision } from './matching-rules';
import { ProposeCooperationModal } from './ProposeCooperationModal';

/**
 * Ranked matches as cards, the same for a posting's offerings and an offering's postings:
 * rank, the other party, the score, the factor bars and the explanation, with what the
 * signed-in user may do — the secretariat pins or hides (with a reason), the posting's
 * enterprise marks "not relevant", either side proposes a cooperation.
 */
export function MatchList({
  matches,
  of,
  loading,
  empty,
}: {
  matches: Match[];
  /** `posting`: the cards name the offering's school and programme; `offering`: the posting and its enterprise. */
  of: 'posting' | 'offering';
  loading?: boolean;
  empty?: string;
}) {
  const { consortiumId, organizationId, role, can } = useConsortium();
  const { t } = useI18n();
  const rules = useRules();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [proposing, setProposing] = useState<Match>();
  const [hiding, setHiding] = useState<Match>();
  const [form] = Form.useForm<{ reason: string }>();
  const secretariat = can('matching:manage');
  const decide = useMutation({
    mutationFn: ({ match, decision, reason }: { match: Match; decision: MatchDecision; reason?: string }) =>
      unwrap(
        api.PUT('/api/v1/consortia/{consortiumId}/demand-postings/{demandPostingId}/matches/{offeringId}/decision', {
          params: { path: { consortiumId, demandPostingId: match.postingId, offeringId: match.offeringId } },
          body: { decision, reason },
        }),
      ),
    onSuccess: async () => {
      message.success(t('match.decided'));
      setHiding(undefined);
      await queryClient.invalidateQueries({ queryKey: ['matching', consortiumId] });
    },
    onError: (error) => message.error(describeError(error, t)),
  });

  if (loading) return <Card loading />;
  if (matches.length === 0) return <Empty description={empty} data-testid="match-empty" />;

  return (
    <div data-testid="match-list">
      {matches.map((match) => {
        const side = sideOf(match, { organizationId, secretariat: false });
        const enterprise = side === 'enterprise' && can('matching:feedback');
        const canPropose = (side === 'enterprise' || side === 'school') && can('cooperations:write');
        // Only the enterprise, the secretariat and observers may open a posting's matches.
        const canOpenPosting = role !== 'member' || side === 'enterprise';
        const title =
          of === 'posting' ? (
            <Space size={4} wrap>
              <Typography.Text strong>{match.schoolName}</Typography.Text>
              <Typography.Text type="secondary">
                {match.programmeCode} {match.programmeName ?? ''}
              </Typography.Text>
            </Space>
          ) : (
            <Space size={4} wrap>
              {canOpenPosting ? (
                <Typography.Link
                  strong
                  onClick={() => navigate(`/c/${consortiumId}/demand-postings/${match.postingId}/matches`)}
                >
                  {match.postingTitle}
                </Typography.Link>
              ) : (
                <Typography.Text strong>{match.postingTitle}</Typography.Text>
              )}
              <Typography.Text type="secondary">{match.enterpriseName}</Typography.Text>
            </Space>
          );
        const actions = [
          secretariat ? (
            <Button
              key="pin"
              size="small"
              type={match.pinned ? 'default' : 'primary'}
              ghost={!match.pinned}
              onClick={() => decide.mutate({ match, decision: match.pinned ? 'none' : 'pinned' })}
              data-testid="match-pin"
            >
              {match.pinned ? t('match.unpin') : t('match.pin')}
            </Button>
          ) : null,
          secretariat ? (
            <Button
              key="hide"
              size="small"
              danger={!match.hidden}
              onClick={() => {
                if (match.hidden) return decide.mutate({ match, decision: 'none' });
                form.resetFields();
                setHiding(match);
              }}
              data-testid="match-hide"
            >
              {match.hidden ? t('match.unhide') : t('match.hide')}
            </Button>
          ) : null,
          enterprise ? (
            <Button
              key="not-relevant"
              size="small"
              onClick={() => decide.mutate({ match, decision: match.notRelevant ? 'none' : 'not_relevant' })}
              data-testid="match-not-relevant"
            >
              {match.notRelevant ? t('match.undoNotRelevant') : t('match.markNotRelevant')}
            </Button>
          ) : null,
          canPropose ? (
            <Button
              key="propose"
              size="small"
              type="primary"
              onClick={() => setProposing(match)}
              data-testid="match-propose"
            >
              {t('coop.propose')}
            </Button>
          ) : null,
        ].filter(Boolean);
        return (
          <Card
            key={`${match.postingId}/${match.offeringId}`}
            size="small"
            style={{ marginBottom: 12, opacity: match.hidden || match.notRelevant ? 0.65 : 1 }}
            data-testid="match-card"
            data-offering={match.offeringId}
            data-posting={match.postingId}
            title={
              <Space size={8} wrap style={{ whiteSpace: 'normal', padding: '8px 0' }}>
                <Tag color={match.rank === 1 ? 'gold' : 'blue'} data-testid="match-rank">
                  {typeof match.rank !== 'number'
                    ? t('match.unranked')
                    : of === 'posting'
                      ? t('match.rank', { rank: match.rank })
                      : t('match.rankInPosting', { rank: match.rank })}
                </Tag>
                {title}
                {match.pinned ? (
                  <Tag color="processing" data-testid="match-pinned">
                    {t('match.pinned')}
                  </Tag>
                ) : null}
                {match.hidden ? (
                  <Tag color="default" data-testid="match-hidden">
                    {t('match.hidden')}
                  </Tag>
                ) : null}
                {match.notRelevant ? (
                  <Tag color="warning" data-testid="match-marked-not-relevant">
                    {t('match.notRelevant')}
                  </Tag>
                ) : null}
              </Space>
            }
            extra={
              <Progress
                type="circle"
                size={48}
                percent={match.score}
                format={() => match.score.toFixed(1)}
                data-testid="match-score"
                aria-label={t('match.score')}
              />
            }
            actions={
              actions.length
                ? [
                    <Space key="actions" wrap>
                      {actions}
                    </Space>,
                  ]
                : undefined
            }
          >
            <Row gutter={[24, 12]}>
              <Col xs={24} md={12}>
                <FactorBars match={match} />
              </Col>
              <Col xs={24} md={12}>
                <MatchExplanation match={match} />
                {match.hidden && match.hiddenReason ? (
                  <Typography.Text type="secondary">
                    {t('match.hiddenReason', { reason: match.hiddenReason })}
                  </Typography.Text>
                ) : null}
              </Col>
            </Row>
          </Card>
        );
      })}
      <ProposeCooperationModal match={proposing} onClose={() => setProposing(undefined)} />
      <Modal
        open={!!hiding}
        title={t('match.hideTitle')}
        onCancel={() => setHiding(undefined)}
        onOk={() => form.submit()}
        confirmLoading={decide.isPending}
        okButtonProps={{ danger: true, 'data-testid': 'hide-submit' } as ButtonProps}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(values) => hiding && decide.mutate({ match: hiding, decision: 'hidden', reason: values.reason })}
        >
          <Form.Item
            name="reason"
            label={t('match.reason')}
            rules={[rules.required(), rules.length(1, DECISION_REASON_MAX)]}
          >
            <Input.TextArea rows={2} maxLength={DECISION_REASON_MAX} data-testid="hide-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
