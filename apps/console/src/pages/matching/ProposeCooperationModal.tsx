import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select, type ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { formFieldErrors } from '../../api/errors';
import { useConsortium } from '../../app/useConsortium';
import { useRules } from '../../forms/rules';
import { chinaToday } from '../../format/datetime';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { COOPERATION_LIMITS, explanationOf, type CooperationKind, type Match, type Posting } from './matching-rules';

interface ProposalForm {
  kind: CooperationKind;
  headcount: number;
  startDate: string;
  endDate?: string;
  note?: string;
}

const FIELDS = ['kind', 'headcount', 'startDate', 'endDate', 'note'];

const KIND_OF_EMPLOYMENT: Record<Posting['employmentType'], CooperationKind> = {
  order_class: 'order_class',
  apprenticeship: 'apprenticeship',
  internship: 'internship',
  full_time: 'recruitment',
};

/** The form's first values: the posting's kind of employment, its headcount (within what is available), its start date. */
function defaultsOf(match: Match, posting: Posting | undefined): ProposalForm {
  const capacity = explanationOf(match).capacity;
  const wanted = posting?.headcount ?? capacity?.headcount ?? 1;
  const available = capacity?.available ?? 0;
  const today = chinaToday();
  return {
    kind: posting ? KIND_OF_EMPLOYMENT[posting.employmentType] : 'order_class',
    headcount: Math.max(1, available > 0 ? Math.min(wanted, available) : wanted),
    startDate: posting?.startDate && posting.startDate >= today ? posting.startDate : today,
  };
}

/**
 * Proposes a cooperation (订单班, 学徒制, 实习, 招聘) from a match: the posting's enterprise or
 * the offering's school sends it, the other side answers on the cooperations page.
 */
export function ProposeCooperationModal({ match, onClose }: { match?: Match; onClose(): void }) {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const { options } = useEnumLabels();
  const rules = useRules();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProposalForm>();
  const posting = useQuery({
    queryKey: ['demand-postings', consortiumId, 'detail', match?.postingId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/demand-postings/{demandPostingId}', {
          params: { path: { consortiumId, demandPostingId: match?.postingId ?? '' } },
        }),
      ),
    enabled: !!match,
    staleTime: 30_000,
  });
  const propose = useMutation({
    mutationFn: (values: ProposalForm) =>
      unwrap(
        api.POST('/api/v1/consortia/{consortiumId}/cooperations', {
          params: { path: { consortiumId } },
          body: {
            postingId: match?.postingId ?? '',
            offeringId: match?.offeringId ?? '',
            kind: values.kind,
            headcount: values.headcount,
            startDate: values.startDate,
            endDate: values.endDate || undefined,
            note: values.note?.trim() || undefined,
          },
        }),
      ),
    onSuccess: async () => {
      message.success(t('coop.proposed'));
      await queryClient.invalidateQueries({ queryKey: ['cooperations', consortiumId] });
      onClose();
    },
    onError: (error) => {
      form.setFields(formFieldErrors(error, FIELDS) as Parameters<typeof form.setFields>[0]);
      message.error(describeError(error, t));
    },
  });
  if (!match) return null;
  const ready = !posting.isPending;
  const dateProps = {
    getValueProps: (value?: string) => ({ value: value ? dayjs(value) : undefined }),
    normalize: (value?: dayjs.Dayjs | null) => value?.format('YYYY-MM-DD'),
  };
  return (
    <Modal
      open
      title={t('coop.proposeTitle', { posting: match.postingTitle, school: match.schoolName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('coop.propose')}
      confirmLoading={propose.isPending}
      okButtonProps={{ 'data-testid': 'proposal-submit', disabled: !ready } as ButtonProps}
      destroyOnHidden
    >
      {ready ? (
        <Form<ProposalForm>
          form={form}
          layout="vertical"
          initialValues={defaultsOf(match, posting.data)}
          onFinish={(values) => propose.mutate(values)}
          data-testid="proposal-form"
        >
          <Form.Item name="kind" label={t('coop.kind')} rules={[rules.required()]}>
            <Select options={options('CooperationKind')} data-testid="proposal-kind" />
          </Form.Item>
          <Form.Item name="headcount" label={t('coop.headcount')} rules={[rules.required()]}>
            <InputNumber
              min={COOPERATION_LIMITS.headcount.min}
              max={COOPERATION_LIMITS.headcount.max}
              precision={0}
              style={{ width: '100%' }}
              data-testid="proposal-headcount"
            />
          </Form.Item>
          <Form.Item
            name="startDate"
            label={t('coop.startDate')}
            rules={[rules.required(), rules.dateOnly()]}
            {...dateProps}
          >
            <DatePicker style={{ width: '100%' }} data-testid="proposal-start" />
          </Form.Item>
          <Form.Item
            name="endDate"
            label={t('coop.endDate')}
            dependencies={['startDate']}
            rules={[
              rules.dateOnly(),
              ({ getFieldValue }) => ({
                validator: (_rule, value?: string) => {
                  const start = getFieldValue('startDate') as string | undefined;
                  return value && start && value < start
                    ? Promise.reject(new Error(t('coop.endBeforeStart')))
                    : Promise.resolve();
                },
              }),
            ]}
            {...dateProps}
          >
            <DatePicker style={{ width: '100%' }} data-testid="proposal-end" />
          </Form.Item>
          <Form.Item name="note" label={t('coop.note')}>
            <Input.TextArea rows={2} maxLength={COOPERATION_LIMITS.note.max} />
          </Form.Item>
          <Alert type="info" showIcon title={t('coop.cohortHint')} />
        </Form>
      ) : null}
    </Modal>
  );
}
