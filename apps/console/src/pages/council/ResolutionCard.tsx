import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { formFieldErrors } from '../../api/errors';
import { useConsortium } from '../../app/useConsortium';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import {
  COUNCIL_LIMITS as L,
  OUTCOME_COLORS,
  TASK_STATUS_COLORS,
  type Meeting,
  type Resolution,
  type ResolutionInput,
  type Task,
  type TaskInput,
  type TaskStatus,
} from './council-rules';
import { OrganizationSelect } from '../../components/OrganizationSelect';

type Choice = Resolution['votes'][number]['choice'];

/** A resolution: outcome and tally, each seat's vote (recorded while the meeting is held), its tasks. */
export function ResolutionCard({ meeting, resolution }: { meeting: Meeting; resolution: Resolution }) {
  const { consortiumId, can } = useConsortium();
  const { t } = useI18n();
  const { label, options } = useEnumLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const writable = can('council:write');
  const seats = new Map(meeting.council.map((seat) => [seat.id, seat]));
  const votes = new Map(resolution.votes.map((vote) => [vote.seatId, vote.choice]));
  // Seats that may vote: present, or represented by a present proxy holder.
  const voters = meeting.attendance.filter((row) => row.status !== 'absent').map((row) => row.seatId);
  const voting = writable && meeting.status === 'held' && !resolution.final;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['council', consortiumId, 'meeting', meeting.id] });

  const vote = async (seatId: string, choice: Choice) => {
    try {
      await unwrap(
        api.POST('/api/v1/consortia/{consortiumId}/council/resolutions/{resolutionId}/votes', {
          params: { path: { consortiumId, resolutionId: resolution.id } },
          body: { seatId, choice },
        }),
      );
      message.success(t('council.voteSaved', { person: seats.get(seatId)?.personName ?? '' }));
      await refresh();
    } catch (error) {
      message.error(describeError(error, t));
    }
  };
  const setTaskStatus = async (task: Task, status: TaskStatus) => {
    try {
      await unwrap(
        api.PATCH('/api/v1/consortia/{consortiumId}/council/tasks/{taskId}', {
          params: { path: { consortiumId, taskId: task.id } },
          body: { status },
        }),
      );
      message.success(t('council.taskUpdated'));
      await refresh();
    } catch (error) {
      message.error(describeError(error, t));
    }
  };

  return (
    <Card
      size="small"
      data-testid="resolution"
      data-title={resolution.title}
      title={
        <Space wrap>
          <span>{resolution.title}</span>
          <Tag>{label('CouncilResolutionKind', resolution.kind)}</Tag>
        </Space>
      }
      extra={
        <Space>
          <Tag color={OUTCOME_COLORS[resolution.outcome]} data-testid="resolution-outcome">
            {label('CouncilResolutionOutcome', resolution.outcome)}
          </Tag>
          <Typography.Text type="secondary">
            {resolution.final ? t('council.final') : t('council.live')}
          </Typography.Text>
        </Space>
      }
    >
      {resolution.text ? <Typography.Paragraph>{resolution.text}</Typography.Paragraph> : null}
      <Typography.Paragraph data-testid="resolution-tally">
        {t('council.tally', { ...resolution.tally })}
        {resolution.votesNeeded !== null && resolution.votesNeeded !== undefined
          ? ` · ${t('council.votesNeeded', { n: resolution.votesNeeded })}`
          : ''}
      </Typography.Paragraph>
      {voting ? <Typography.Paragraph type="secondary">{t('council.voteHint')}</Typography.Paragraph> : null}
      <div data-testid="votes">
        <Table
          rowKey="seatId"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={voters.map((seatId) => ({ seatId, choice: votes.get(seatId) }))}
          columns={[
            {
              title: t('council.person'),
              dataIndex: 'seatId',
              render: (seatId: string) => {
                const seat = seats.get(seatId);
                return seat ? `${seat.personName} · ${seat.organizationName}` : seatId;
              },
            },
            {
              title: t('council.votes'),
              dataIndex: 'choice',
              render: (choice: Choice | undefined, row: { seatId: string }) =>
                voting ? (
                  <Select
                    value={choice}
                    placeholder={t('council.notVoted')}
                    style={{ width: 120 }}
                    options={options('CouncilVoteChoice')}
                    onChange={(next: Choice) => void vote(row.seatId, next)}
                    data-testid="vote-choice"
                  />
                ) : choice ? (
                  label('CouncilVoteChoice', choice)
                ) : (
                  t('council.notVoted')
                ),
            },
          ]}
        />
      </div>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('council.tasks')}
      </Typography.Title>
      <div data-testid="tasks">
        <Table<Task>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={resolution.tasks}
          locale={{ emptyText: t('council.noTasks') }}
          columns={[
            { title: t('council.taskTitle'), dataIndex: 'title' },
            { title: t('council.assignee'), dataIndex: 'assigneeName' },
            { title: t('council.dueOn'), dataIndex: 'dueOn' },
            {
              title: t('council.taskStatus'),
              dataIndex: 'status',
              render: (status: TaskStatus, task) =>
                writable ? (
                  <Select
                    value={status}
                    style={{ width: 120 }}
                    options={options('CouncilTaskStatus')}
                    onChange={(next: TaskStatus) => void setTaskStatus(task, next)}
                    data-testid="task-status"
                  />
                ) : (
                  <Tag color={TASK_STATUS_COLORS[status]}>{label('CouncilTaskStatus', status)}</Tag>
                ),
            },
          ]}
        />
      </div>
      {writable ? <TaskForm resolution={resolution} onAdded={() => void refresh()} /> : null}
    </Card>
  );
}

function TaskForm({ resolution, onAdded }: { resolution: Resolution; onAdded(): void }) {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const rules = useRules();
  const { message } = App.useApp();
  const [form] = Form.useForm<TaskInput>();
  const [busy, setBusy] = useState(false);
  const add = async (values: TaskInput) => {
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/v1/consortia/{consortiumId}/council/resolutions/{resolutionId}/tasks', {
          params: { path: { consortiumId, resolutionId: resolution.id } },
          body: { ...values, title: values.title.trim() },
        }),
      );
      message.success(t('council.taskAdded', { title: values.title }));
      form.resetFields();
      onAdded();
    } catch (failure) {
      const fields = formFieldErrors(failure, ['title', 'assigneeOrganizationId', 'dueOn']);
      if (fields.length > 0) form.setFields(fields as Parameters<typeof form.setFields>[0]);
      else message.error(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={add} style={{ marginTop: 12 }} data-testid="task-form">
      <Row gutter={8} align="bottom">
        <Col xs={24} md={9}>
          <Form.Item
            name="title"
            label={t('council.taskTitle')}
            rules={[rules.required(), rules.length(L.taskTitle.min, L.taskTitle.max)]}
          >
            <Input data-testid="task-title" />
          </Form.Item>
        </Col>
        <Col xs={24} md={7}>
          <Form.Item name="assigneeOrganizationId" label={t('council.assignee')} rules={[rules.required()]}>
            <OrganizationSelect testId="task-assignee" />
          </Form.Item>
        </Col>
        <Col xs={24} md={5}>
          <Form.Item
            name="dueOn"
            label={t('council.dueOn')}
            rules={[rules.required(), rules.dateOnly()]}
            getValueProps={(value?: string) => ({ value: value ? dayjs(value) : undefined })}
            normalize={(value?: dayjs.Dayjs) => value?.format('YYYY-MM-DD')}
          >
            <DatePicker style={{ width: '100%' }} data-testid="task-due" />
          </Form.Item>
        </Col>
        <Col xs={24} md={3}>
          <Form.Item>
            <Button htmlType="submit" loading={busy} block data-testid="task-add">
              {t('council.addTask')}
            </Button>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}

/** Tables a resolution on the meeting (until it is over). */
export function ResolutionForm({ meeting }: { meeting: Meeting }) {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const { options } = useEnumLabels();
  const rules = useRules();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ResolutionInput>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const add = async (values: ResolutionInput) => {
    setBusy(true);
    setError(undefined);
    try {
      await unwrap(
        api.POST('/api/v1/consortia/{consortiumId}/council/meetings/{meetingId}/resolutions', {
          params: { path: { consortiumId, meetingId: meeting.id } },
          body: { title: values.title.trim(), kind: values.kind, text: values.text?.trim() || undefined },
        }),
      );
      message.success(t('council.resolutionAdded', { title: values.title }));
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['council', consortiumId, 'meeting', meeting.id] });
    } catch (failure) {
      form.setFields(formFieldErrors(failure, ['title', 'kind', 'text']) as Parameters<typeof form.setFields>[0]);
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('council.addResolution')}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={add}
        initialValues={{ kind: 'ordinary' }}
        data-testid="resolution-form"
      >
        <Row gutter={8}>
          <Col xs={24} md={16}>
            <Form.Item
              name="title"
              label={t('council.resolutionTitle')}
              rules={[rules.required(), rules.length(L.resolutionTitle.min, L.resolutionTitle.max)]}
            >
              <Input data-testid="resolution-title" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="kind" label={t('council.resolutionKind')} rules={[rules.required()]}>
              <Select options={options('CouncilResolutionKind')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="text" label={t('council.resolutionText')} rules={[rules.length(0, L.resolutionText.max)]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="resolution-add">
          {t('council.addResolution')}
        </Button>
      </Form>
    </Card>
  );
}
