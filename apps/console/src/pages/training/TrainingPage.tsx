import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { api, downloadFile, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useConsortium } from '../../app/useConsortium';
import { CursorTable, type CursorColumn } from '../../components/CursorTable';
import { ImportModal } from '../../components/ImportModal';
import { PageHeader } from '../../components/PageHeader';
import { useCursorList } from '../../components/useCursorList';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import {
  MONEY_PATTERN,
  NEED_STATUS_COLORS,
  percent,
  TRAINING_LIMITS,
  VERSION_STATUS_COLORS,
  type Delivery,
  type Item,
  type ItemInput,
  type Need,
  type Plan,
  type ProgressRow,
  type RosterResult,
} from './training-rules';

/**
 * 培训规划: the needs inbox, the annual plan editor (versions, items, differences from the
 * approved version, submit / approve / close), the sessions providers record, and progress
 * against plan. Actions appear only for the permissions that allow them; the API decides.
 */
export default function TrainingPage() {
  const { t } = useI18n();
  return (
    <div data-testid="training-page">
      <PageHeader title={t('nav.training')} />
      <Tabs
        items={[
          { key: 'needs', label: t('training.tab.needs'), children: <NeedsTab /> },
          { key: 'plan', label: t('training.tab.plan'), children: <PlanTab /> },
          { key: 'deliveries', label: t('training.tab.deliveries'), children: <DeliveriesTab /> },
          { key: 'progress', label: t('training.tab.progress'), children: <ProgressTab /> },
        ]}
      />
    </div>
  );
}

function useOrganizations() {
  const { consortiumId } = useConsortium();
  const query = useQuery({
    queryKey: ['organizations', consortiumId, 'all'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/organizations', {
          params: { path: { consortiumId }, query: { limit: 200 } },
        }),
      ),
  });
  const items = query.data?.items ?? [];
  return {
    options: items.map((o) => ({ value: o.id, label: o.name })),
    name: (id: string) => items.find((o) => o.id === id)?.name ?? id,
  };
}

/** The current year's plan (else the newest), with its approved and open versions. */
function useCurrentPlan() {
  const { consortiumId } = useConsortium();
  const plans = useQuery({
    queryKey: ['training-plans', consortiumId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/consortia/{consortiumId}/training-plans', { params: { path: { consortiumId } } })),
  });
  const year = dayjs().year();
  const plan: Plan | undefined = plans.data?.find((p) => p.year === year) ?? plans.data?.[0];
  return { plan, loading: plans.isLoading };
}

function NeedsTab() {
  const { consortiumId, can } = useConsortium();
  const { t } = useI18n();
  const { label, options } = useEnumLabels();
  const { message } = App.useApp();
  const rules = useRules();
  const queryClient = useQueryClient();
  const organizations = useOrganizations();
  const { plan } = useCurrentPlan();
  const [creating, setCreating] = useState(false);
  const [deciding, setDeciding] = useState<{ need: Need; decision: 'accepted' | 'declined' }>();
  const [form] = Form.useForm();
  const [decisionForm] = Form.useForm();
  const versionId = plan?.openVersionId ?? plan?.approvedVersionId ?? undefined;
  const version = useQuery({
    queryKey: ['training-version', consortiumId, versionId],
    enabled: !!plan && !!versionId && can('training_plans:manage'),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/training-plans/{planId}/versions/{versionId}', {
          params: { path: { consortiumId, planId: plan!.id, versionId: versionId! } },
        }),
      ),
  });
  const list = useCursorList<Need>({
    queryKey: ['training-needs', consortiumId],
    defaultSort: '-createdAt',
    fetchPage: ({ limit, cursor }) =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/training-needs', {
          params: { path: { consortiumId }, query: { limit, cursor } },
        }),
      ),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['training-needs', consortiumId] });
  const create = useMutation({
    mutationFn: (body: { topic: string; type: Need['type']; trainees: number }) =>
      unwrap(api.POST('/api/v1/consortia/{consortiumId}/training-needs', { params: { path: { consortiumId } }, body })),
    onSuccess: () => {
      setCreating(false);
      form.resetFields();
      message.success(t('training.saved'));
      void refresh();
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  const decide = useMutation({
    mutationFn: (body: { decision: 'accepted' | 'declined'; itemId?: string; reason?: string }) =>
      unwrap(
        api.POST('/api/v1/consortia/{consortiumId}/training-needs/{needId}/decision', {
          params: { path: { consortiumId, needId: deciding!.need.id } },
          body,
        }),
      ),
    onSuccess: () => {
      setDeciding(undefined);
      decisionForm.resetFields();
      void refresh();
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  const columns: Array<CursorColumn<Need>> = [
    { title: t('training.need.topic'), dataIndex: 'topic' },
    { title: t('training.need.type'), dataIndex: 'type', render: (v: string) => label('TrainingType', v) },
    { title: t('training.need.organization'), dataIndex: 'organizationId', render: organizations.name },
    { title: t('training.need.trainees'), dataIndex: 'trainees' },
    {
      title: t('training.need.status'),
      dataIndex: 'status',
      render: (v: string) => <Tag color={NEED_STATUS_COLORS[v]}>{label('TrainingNeedStatus', v)}</Tag>,
    },
    ...(can('training_plans:manage')
      ? [
          {
            title: '',
            key: 'actions',
            render: (_: unknown, need: Need) =>
              need.status === 'submitted' ? (
                <Space>
                  <Button
                    size="small"
                    onClick={() => setDeciding({ need, decision: 'accepted' })}
                    data-testid="need-accept"
                  >
                    {t('training.need.accept')}
                  </Button>
                  <Button size="small" onClick={() => setDeciding({ need, decision: 'declined' })}>
                    {t('training.need.decline')}
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Card>
      {can('training_needs:write') ? (
        <Space style={{ marginBottom: 16 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="need-create">
            {t('training.need.create')}
          </Button>
        </Space>
      ) : null}
      <CursorTable<Need> list={list} columns={columns} rowKey="id" testId="needs-table" />
      <Modal
        open={creating}
        title={t('training.need.create')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        okButtonProps={{ 'data-testid': 'need-save' } as ButtonProps}
      >
        <Form form={form} layout="vertical" onFinish={(values) => create.mutate(values)}>
          <Form.Item
            name="topic"
            label={t('training.need.topic')}
            rules={[rules.required(), rules.length(TRAINING_LIMITS.topic.min, TRAINING_LIMITS.topic.max)]}
          >
            <Input data-testid="need-topic" />
          </Form.Item>
          <Form.Item name="type" label={t('training.need.type')} rules={[rules.required()]}>
            <Select options={options('TrainingType')} data-testid="need-type" />
          </Form.Item>
          <Form.Item name="trainees" label={t('training.need.trainees')} rules={[rules.required()]}>
            <InputNumber
              min={TRAINING_LIMITS.trainees.min}
              max={TRAINING_LIMITS.trainees.max}
              precision={0}
              style={{ width: '100%' }}
              data-testid="need-trainees"
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!deciding}
        title={deciding?.decision === 'accepted' ? t('training.need.accept') : t('training.need.decline')}
        onCancel={() => setDeciding(undefined)}
        onOk={() => decisionForm.submit()}
        confirmLoading={decide.isPending}
      >
        <Form
          form={decisionForm}
          layout="vertical"
          onFinish={(values: { itemId?: string; reason?: string }) =>
            decide.mutate({ decision: deciding!.decision, ...values })
          }
        >
          {deciding?.decision === 'accepted' ? (
            <Form.Item name="itemId" label={t('training.need.item')} rules={[rules.required()]}>
              <Select options={(version.data?.items ?? []).map((i) => ({ value: i.id, label: i.title }))} />
            </Form.Item>
          ) : (
            <Form.Item
              name="reason"
              label={t('training.need.reason')}
              rules={[rules.required(), rules.length(1, 2000)]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}

function PlanTab() {
  const { consortiumId, can } = useConsortium();
  const { t } = useI18n();
  const { label, options } = useEnumLabels();
  const { message } = App.useApp();
  const rules = useRules();
  const queryClient = useQueryClient();
  const organizations = useOrganizations();
  const { plan, loading } = useCurrentPlan();
  const [chosen, setChosen] = useState<string>();
  const [adding, setAdding] = useState(false);
  const [creatingPlan, setCreatingPlan] = useState(false);
  const [itemForm] = Form.useForm();
  const [planForm] = Form.useForm();
  const manage = can('training_plans:manage');
  const versionId = chosen ?? plan?.openVersionId ?? plan?.approvedVersionId ?? plan?.versions.at(-1)?.id;
  const path = plan && versionId ? { consortiumId, planId: plan.id, versionId } : undefined;
  const version = useQuery({
    queryKey: ['training-version', consortiumId, versionId],
    enabled: !!path,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/training-plans/{planId}/versions/{versionId}', {
          params: { path: path! },
        }),
      ),
  });
  const diff = useQuery({
    queryKey: ['training-diff', consortiumId, versionId],
    enabled: !!path,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/training-plans/{planId}/versions/{versionId}/diff', {
          params: { path: path! },
        }),
      ),
  });
  const refresh = () =>
    Promise.all(
      ['training-plans', 'training-version', 'training-diff', 'training-progress'].map((key) =>
        queryClient.invalidateQueries({ queryKey: [key, consortiumId] }),
      ),
    );
  const fail = (error: unknown) => message.error(describeError(error, t));
  const transition = useMutation({
    mutationFn: (to: 'submitted' | 'approved' | 'draft' | 'closed') =>
      unwrap(
        api.POST('/api/v1/consortia/{consortiumId}/training-plans/{planId}/versions/{versionId}/status-transitions', {
          params: { path: path! },
          body: { to },
        }),
      ),
    onSuccess: () => void refresh(),
    onError: fail,
  });
  const newVersion = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/consortia/{consortiumId}/training-plans/{planId}/versions', {
          params: { path: { consortiumId, planId: plan!.id } },
        }),
      ),
    onSuccess: (created) => {
      setChosen(created.id);
      void refresh();
    },
    onError: fail,
  });
  const addItem = useMutation({
    mutationFn: (body: ItemInput) =>
      unwrap(
        api.POST('/api/v1/consortia/{consortiumId}/training-plans/{planId}/versions/{versionId}/items', {
          params: { path: path! },
          body,
        }),
      ),
    onSuccess: () => {
      setAdding(false);
      itemForm.resetFields();
      void refresh();
    },
    onError: fail,
  });
  const removeItem = useMutation({
    mutationFn: (itemId: string) =>
      unwrap(
        api.DELETE('/api/v1/consortia/{consortiumId}/training-plans/{planId}/versions/{versionId}/items/{itemId}', {
          params: { path: { ...path!, itemId } },
        }),
      ),
    onSuccess: () => void refresh(),
    onError: fail,
  });
  const createPlan = useMutation({
    mutationFn: (body: { year: number; title: string }) =>
      unwrap(api.POST('/api/v1/consortia/{consortiumId}/training-plans', { params: { path: { consortiumId } }, body })),
    onSuccess: () => {
      setCreatingPlan(false);
      void refresh();
    },
    onError: fail,
  });
  if (loading) return <Card loading />;
  if (!plan) {
    return (
      <Card>
        <Empty description={t('training.plan.none')}>
          {manage ? (
            <Button type="primary" onClick={() => setCreatingPlan(true)}>
              {t('training.plan.create')}
            </Button>
          ) : null}
        </Empty>
        <Modal
          open={creatingPlan}
          title={t('training.plan.create')}
          onCancel={() => setCreatingPlan(false)}
          onOk={() => planForm.submit()}
        >
          <Form
            form={planForm}
            layout="vertical"
            initialValues={{ year: dayjs().year() }}
            onFinish={(values) => createPlan.mutate(values)}
          >
            <Form.Item name="year" label={t('training.plan.year')} rules={[rules.required()]}>
              <InputNumber min={2000} max={2100} precision={0} />
            </Form.Item>
            <Form.Item name="title" label={t('training.plan.title')} rules={[rules.required(), rules.length(1, 200)]}>
              <Input />
            </Form.Item>
          </Form>
        </Modal>
      </Card>
    );
  }
  const current = version.data;
  const draft = current?.status === 'draft';
  const columns = [
    { title: t('training.item.title'), dataIndex: 'title' },
    { title: t('training.need.type'), dataIndex: 'type', render: (v: string) => label('TrainingType', v) },
    { title: t('training.item.provider'), dataIndex: 'providerOrganizationId', render: organizations.name },
    { title: t('training.item.sessions'), dataIndex: 'plannedSessions' },
    { title: t('training.item.participantTimes'), dataIndex: 'plannedParticipantTimes' },
    { title: t('training.item.hours'), dataIndex: 'plannedHours' },
    { title: t('training.item.budget'), dataIndex: 'budget' },
    {
      title: t('training.item.funding'),
      dataIndex: 'fundingSource',
      render: (v: string) => label('TrainingFundingSource', v),
    },
    ...(manage && draft
      ? [
          {
            title: '',
            key: 'remove',
            render: (_: unknown, item: Item) => (
              <Button size="small" danger onClick={() => removeItem.mutate(item.id)}>
                {t('training.item.remove')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card data-testid="plan-editor" title={`${plan.year} · ${plan.title}`}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          value={versionId}
          onChange={setChosen}
          style={{ minWidth: 200 }}
          data-testid="version-select"
          options={plan.versions.map((v) => ({
            value: v.id,
            label: `${t('training.plan.version', { n: v.version })} · ${label('PlanVersionStatus', v.status)}`,
          }))}
        />
        {current ? (
          <Tag color={VERSION_STATUS_COLORS[current.status]}>{label('PlanVersionStatus', current.status)}</Tag>
        ) : null}
        {manage && draft ? (
          <>
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="item-add">
              {t('training.item.create')}
            </Button>
            <Button type="primary" onClick={() => transition.mutate('submitted')} data-testid="version-submit">
              {t('training.plan.submit')}
            </Button>
          </>
        ) : null}
        {manage && current?.status === 'submitted' ? (
          <>
            <Button type="primary" onClick={() => transition.mutate('approved')} data-testid="version-approve">
              {t('training.plan.approve')}
            </Button>
            <Button onClick={() => transition.mutate('draft')}>{t('training.plan.return')}</Button>
          </>
        ) : null}
        {manage && current?.status === 'approved' && !plan.openVersionId ? (
          <>
            <Button onClick={() => newVersion.mutate()} data-testid="version-new">
              {t('training.plan.newVersion')}
            </Button>
            <Button onClick={() => transition.mutate('closed')}>{t('training.plan.close')}</Button>
          </>
        ) : null}
        {path ? (
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              void downloadFile(
                `/api/v1/consortia/${consortiumId}/training-plans/${plan.id}/versions/${versionId}/export`,
                'training-plan.xlsx',
              ).catch(fail)
            }
          >
            {t('training.plan.export')}
          </Button>
        ) : null}
      </Space>
      {diff.data?.basedOnVersion ? (
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          data-testid="version-diff"
          message={t('training.plan.diff', { n: diff.data.basedOnVersion })}
          description={
            diff.data.added.length + diff.data.removed.length + diff.data.changed.length === 0 ? (
              t('training.plan.noChanges')
            ) : (
              <Space orientation="vertical" size={2}>
                {diff.data.added.map((e) => (
                  <span key={`a${e.itemKey}`}>
                    <Tag color="green">{t('training.plan.added')}</Tag>
                    {e.title}
                  </span>
                ))}
                {diff.data.removed.map((e) => (
                  <span key={`r${e.itemKey}`}>
                    <Tag color="red">{t('training.plan.removed')}</Tag>
                    {e.title}
                  </span>
                ))}
                {diff.data.changed.map((e) => (
                  <span key={`c${e.itemKey}`}>
                    <Tag color="orange">{t('training.plan.changed')}</Tag>
                    {e.title}：{e.changes.map((c) => `${c.field} ${String(c.from)} → ${String(c.to)}`).join('；')}
                  </span>
                ))}
              </Space>
            )
          }
        />
      ) : null}
      <div data-testid="items-table">
        <Table<Item>
          rowKey="id"
          columns={columns}
          dataSource={current?.items ?? []}
          loading={version.isLoading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          size="middle"
        />
      </div>
      <Modal
        open={adding}
        title={t('training.item.create')}
        onCancel={() => setAdding(false)}
        onOk={() => itemForm.submit()}
        confirmLoading={addItem.isPending}
        okButtonProps={{ 'data-testid': 'item-save' } as ButtonProps}
      >
        <Form
          form={itemForm}
          layout="vertical"
          initialValues={{ openToPublic: false, fundingSource: 'fiscal', budget: '0.00' }}
          onFinish={(values: ItemInput) =>
            addItem.mutate({ ...values, targetOrganizationIds: values.targetOrganizationIds ?? [] })
          }
        >
          <Form.Item
            name="title"
            label={t('training.item.title')}
            rules={[rules.required(), rules.length(1, TRAINING_LIMITS.title.max)]}
          >
            <Input data-testid="item-title" />
          </Form.Item>
          <Form.Item name="type" label={t('training.need.type')} rules={[rules.required()]}>
            <Select options={options('TrainingType')} data-testid="item-type" />
          </Form.Item>
          <Form.Item name="providerOrganizationId" label={t('training.item.provider')} rules={[rules.required()]}>
            <Select showSearch optionFilterProp="label" options={organizations.options} data-testid="item-provider" />
          </Form.Item>
          <Form.Item name="openToPublic" label={t('training.item.public')} valuePropName="checked">
            <Switch data-testid="item-public" />
          </Form.Item>
          <Form.Item name="targetOrganizationIds" label={t('training.item.targets')}>
            <Select mode="multiple" optionFilterProp="label" options={organizations.options} />
          </Form.Item>
          <Row gutter={12}>
            <Col xs={24} sm={8}>
              <Form.Item name="plannedSessions" label={t('training.item.sessions')} rules={[rules.required()]}>
                <InputNumber
                  min={1}
                  max={TRAINING_LIMITS.plannedSessions.max}
                  precision={0}
                  style={{ width: '100%' }}
                  data-testid="item-sessions"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item
                name="plannedParticipantTimes"
                label={t('training.item.participantTimes')}
                rules={[rules.required()]}
              >
                <InputNumber
                  min={1}
                  max={TRAINING_LIMITS.plannedParticipantTimes.max}
                  precision={0}
                  style={{ width: '100%' }}
                  data-testid="item-participants"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="plannedHours" label={t('training.item.hours')} rules={[rules.required()]}>
                <InputNumber min={0.5} step={0.5} precision={1} style={{ width: '100%' }} data-testid="item-hours" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="budget"
            label={t('training.item.budget')}
            rules={[rules.required(), { pattern: MONEY_PATTERN, message: t('training.item.budget') }]}
          >
            <Input data-testid="item-budget" />
          </Form.Item>
          <Form.Item name="fundingSource" label={t('training.item.funding')} rules={[rules.required()]}>
            <Select options={options('TrainingFundingSource')} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function DeliveriesTab() {
  const { consortiumId, can, role, organizationId } = useConsortium();
  const { t } = useI18n();
  const { message } = App.useApp();
  const rules = useRules();
  const queryClient = useQueryClient();
  const organizations = useOrganizations();
  const { plan } = useCurrentPlan();
  const [recording, setRecording] = useState(false);
  const [roster, setRoster] = useState<Delivery>();
  const [form] = Form.useForm();
  const approvedId = plan?.approvedVersionId ?? undefined;
  const approved = useQuery({
    queryKey: ['training-version', consortiumId, approvedId],
    enabled: !!plan && !!approvedId,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/training-plans/{planId}/versions/{versionId}', {
          params: { path: { consortiumId, planId: plan!.id, versionId: approvedId! } },
        }),
      ),
  });
  const deliveries = useQuery({
    queryKey: ['training-deliveries', consortiumId, plan?.id],
    enabled: !!plan,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/training-plans/{planId}/deliveries', {
          params: { path: { consortiumId, planId: plan!.id }, query: { limit: 200 } },
        }),
      ),
  });
  // A member records the sessions of its own organization's items only.
  const own = role === 'member' ? organizationId : null;
  const items = (approved.data?.items ?? []).filter((i) => !own || i.providerOrganizationId === own);
  const titleOf = useMemo(
    () => new Map((approved.data?.items ?? []).map((i) => [i.itemKey, i.title])),
    [approved.data],
  );
  // The secretariat uploads any session's roster, a provider its own sessions'.
  const mayUploadRoster = (d: Delivery) => can('training:deliver') && (!own || d.providerOrganizationId === own);
  const refreshDeliveries = () => {
    void queryClient.invalidateQueries({ queryKey: ['training-deliveries', consortiumId] });
    void queryClient.invalidateQueries({ queryKey: ['training-progress', consortiumId] });
  };
  const record = useMutation({
    mutationFn: (body: {
      itemKey: string;
      heldOn: string;
      hours: number;
      participantCount: number;
      fundsReceived?: string;
    }) =>
      unwrap(
        api.POST('/api/v1/consortia/{consortiumId}/training-plans/{planId}/deliveries', {
          params: { path: { consortiumId, planId: plan!.id } },
          body,
        }),
      ),
    onSuccess: () => {
      setRecording(false);
      form.resetFields();
      message.success(t('training.saved'));
      refreshDeliveries();
    },
    onError: (error) => message.error(describeError(error, t)),
  });
  if (!plan)
    return (
      <Card>
        <Empty description={t('training.plan.none')} />
      </Card>
    );
  return (
    <Card>
      {!approvedId ? (
        <Alert type="warning" message={t('training.delivery.noApproved')} style={{ marginBottom: 16 }} />
      ) : null}
      {can('training:deliver') && approvedId && items.length > 0 ? (
        <Space style={{ marginBottom: 16 }}>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setRecording(true)}
            data-testid="delivery-create"
          >
            {t('training.delivery.create')}
          </Button>
        </Space>
      ) : null}
      <div data-testid="deliveries-table">
        <Table<Delivery>
          rowKey="id"
          dataSource={deliveries.data?.items ?? []}
          loading={deliveries.isLoading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          size="middle"
          columns={[
            { title: t('training.delivery.heldOn'), dataIndex: 'heldOn' },
            {
              title: t('training.delivery.item'),
              dataIndex: 'itemKey',
              render: (key: string) => titleOf.get(key) ?? key,
            },
            { title: t('training.item.provider'), dataIndex: 'providerOrganizationId', render: organizations.name },
            { title: t('training.delivery.hours'), dataIndex: 'hours' },
            { title: t('training.delivery.participants'), dataIndex: 'participantCount' },
            { title: t('training.delivery.funds'), dataIndex: 'fundsReceived' },
            { title: t('training.delivery.roster'), dataIndex: 'rosterSize' },
            {
              title: '',
              key: 'actions',
              render: (_: unknown, d: Delivery) =>
                mayUploadRoster(d) ? (
                  <Button
                    type="link"
                    icon={<UploadOutlined />}
                    onClick={() => setRoster(d)}
                    data-testid="roster-upload"
                  >
                    {t('training.roster.upload')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </div>
      {roster ? (
        <ImportModal
          title={t('training.roster.title', {
            item: titleOf.get(roster.itemKey) ?? roster.itemKey,
            heldOn: roster.heldOn,
          })}
          hint={t('training.roster.hint')}
          templatePath={`/api/v1/consortia/${consortiumId}/training-plans/${plan.id}/deliveries/roster-template`}
          templateName="training-roster-template.xlsx"
          target={{
            kind: 'direct',
            method: 'PUT',
            path: `/api/v1/consortia/${consortiumId}/training-plans/${plan.id}/deliveries/${roster.id}/roster`,
            summary: (answer) => {
              const result = answer as RosterResult;
              return t('training.roster.summary', {
                rows: result.rows,
                withIdNumber: result.withIdNumber,
                participantCount: result.participantCount,
              });
            },
          }}
          accept=".xlsx"
          maxMegabytes={5}
          dropHint={t('training.roster.dropHint')}
          onClose={() => setRoster(undefined)}
          onImported={refreshDeliveries}
        />
      ) : null}
      <Modal
        open={recording}
        title={t('training.delivery.create')}
        onCancel={() => setRecording(false)}
        onOk={() => form.submit()}
        confirmLoading={record.isPending}
        okButtonProps={{ 'data-testid': 'delivery-save' } as ButtonProps}
      >
        <Form form={form} layout="vertical" onFinish={(values) => record.mutate(values)}>
          <Form.Item name="itemKey" label={t('training.delivery.item')} rules={[rules.required()]}>
            <Select options={items.map((i) => ({ value: i.itemKey, label: i.title }))} data-testid="delivery-item" />
          </Form.Item>
          <Form.Item
            name="heldOn"
            label={t('training.delivery.heldOn')}
            rules={[rules.required(), rules.dateOnly()]}
            getValueProps={(value?: string) => ({ value: value ? dayjs(value) : undefined })}
            normalize={(value?: dayjs.Dayjs) => value?.format('YYYY-MM-DD')}
          >
            <DatePicker style={{ width: '100%' }} data-testid="delivery-date" />
          </Form.Item>
          <Form.Item name="hours" label={t('training.delivery.hours')} rules={[rules.required()]}>
            <InputNumber
              min={0.5}
              max={TRAINING_LIMITS.sessionHours.max}
              step={0.5}
              precision={1}
              style={{ width: '100%' }}
              data-testid="delivery-hours"
            />
          </Form.Item>
          <Form.Item name="participantCount" label={t('training.delivery.participants')} rules={[rules.required()]}>
            <InputNumber
              min={1}
              max={TRAINING_LIMITS.participantCount.max}
              precision={0}
              style={{ width: '100%' }}
              data-testid="delivery-participants"
            />
          </Form.Item>
          <Form.Item
            name="fundsReceived"
            label={t('training.delivery.funds')}
            rules={[{ pattern: MONEY_PATTERN, message: t('training.delivery.funds') }]}
          >
            <Input data-testid="delivery-funds" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function ProgressTab() {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const { label } = useEnumLabels();
  const { message } = App.useApp();
  const { plan } = useCurrentPlan();
  const progress = useQuery({
    queryKey: ['training-progress', consortiumId, plan?.id],
    enabled: !!plan && !!(plan.approvedVersionId || plan.versions.some((v) => v.status === 'closed')),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/training-plans/{planId}/progress', {
          params: { path: { consortiumId, planId: plan!.id }, query: {} },
        }),
      ),
  });
  if (!plan || !progress.data)
    return (
      <Card loading={progress.isLoading}>
        <Empty description={t('training.delivery.noApproved')} />
      </Card>
    );
  const total = progress.data.total;
  const columns = (group: (row: ProgressRow) => string) => [
    { title: t('training.progress.group'), key: 'group', render: (_: unknown, row: ProgressRow) => group(row) },
    { title: t('training.progress.planned'), dataIndex: 'plannedParticipantTimes' },
    { title: t('training.progress.participantTimes'), dataIndex: 'participantTimes' },
    { title: t('training.progress.rate'), dataIndex: 'participantTimesRate', render: percent },
    { title: t('training.item.hours'), dataIndex: 'plannedHours' },
    { title: t('training.progress.hours'), dataIndex: 'hours' },
    { title: t('training.item.budget'), dataIndex: 'budget' },
    { title: t('training.progress.funds'), dataIndex: 'fundsReceived' },
    { title: t('training.progress.persons'), dataIndex: 'distinctPersons' },
  ];
  const base = `/api/v1/consortia/${consortiumId}/training-plans/${plan.id}`;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16} data-testid="progress-dashboard">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card>
            <Statistic
              title={t('training.progress.participantTimes')}
              value={total.participantTimes}
              suffix={`/ ${total.plannedParticipantTimes}`}
              data-testid="progress-participant-times"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('training.progress.hours')} value={total.hours} suffix={`/ ${total.plannedHours}`} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('training.progress.funds')} value={total.fundsReceived} suffix={`/ ${total.budget}`} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('training.progress.persons')} value={total.distinctPersons} />
          </Card>
        </Col>
      </Row>
      <Space wrap>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            void downloadFile(`${base}/progress/export`, 'training-progress.xlsx').catch((e) =>
              message.error(describeError(e, t)),
            )
          }
        >
          {t('training.progress.export')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            void downloadFile(`${base}/annual-report`, 'annual-training-report.html').catch((e) =>
              message.error(describeError(e, t)),
            )
          }
        >
          {t('training.progress.report')}
        </Button>
      </Space>
      {(
        [
          ['byType', progress.data.byType, (row: ProgressRow) => label('TrainingType', row.key)],
          ['byProvider', progress.data.byProvider, (row: ProgressRow) => row.label],
          ['byItem', progress.data.byItem, (row: ProgressRow) => row.label],
        ] as const
      ).map(([key, rows, group]) => (
        <Card key={key} title={t(`training.progress.${key}`)} data-testid={`progress-${key}`}>
          <Table<ProgressRow>
            rowKey="key"
            dataSource={[...rows]}
            columns={columns(group)}
            pagination={false}
            scroll={{ x: 'max-content' }}
            size="small"
          />
        </Card>
      ))}
    </Space>
  );
}
