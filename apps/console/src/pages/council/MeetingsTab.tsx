import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Tag } from 'antd';
import type { ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { formFieldErrors } from '../../api/errors';
import { useConsortium } from '../../app/useConsortium';
import { CursorTable, type CursorColumn } from '../../components/CursorTable';
import { useCursorList } from '../../components/useCursorList';
import { formatDateTime } from '../../format/datetime';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import {
  agendaLines,
  beijingInstant,
  COUNCIL_LIMITS as L,
  MEETING_STATUS_COLORS,
  type MeetingInput,
  type MeetingStatus,
  type MeetingSummary,
} from './council-rules';
import { MeetingDrawer } from './MeetingDrawer';

/** 会议: newest first (keyset pages); a row opens the meeting; the secretariat schedules new ones. */
export function MeetingsTab() {
  const { consortiumId, can } = useConsortium();
  const { t, locale } = useI18n();
  const { label } = useEnumLabels();
  const [scheduling, setScheduling] = useState(false);
  const [meetingId, setMeetingId] = useState<string>();
  const list = useCursorList<MeetingSummary>({
    queryKey: ['council', consortiumId, 'meetings'],
    fetchPage: ({ limit, cursor }) =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/council/meetings', {
          params: { path: { consortiumId }, query: { limit, cursor } },
        }),
      ),
  });
  const columns: Array<CursorColumn<MeetingSummary>> = [
    {
      title: t('council.meetingTitle'),
      dataIndex: 'title',
      render: (title: string) => <a>{title}</a>,
    },
    { title: t('council.meetingKind'), dataIndex: 'kind', render: (kind: string) => label('CouncilMeetingKind', kind) },
    {
      title: t('council.scheduledAt'),
      dataIndex: 'scheduledAt',
      render: (at: string) => formatDateTime(at, locale),
    },
    { title: t('council.place'), dataIndex: 'place', render: (place: string | null) => place ?? '—' },
    {
      title: t('council.status'),
      dataIndex: 'status',
      render: (status: MeetingStatus) => (
        <Tag color={MEETING_STATUS_COLORS[status]}>{label('CouncilMeetingStatus', status)}</Tag>
      ),
    },
  ];
  return (
    <>
      {can('council:write') ? (
        <Space style={{ marginBottom: 16 }}>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setScheduling(true)}
            data-testid="meeting-schedule"
          >
            {t('council.scheduleMeeting')}
          </Button>
        </Space>
      ) : null}
      <CursorTable<MeetingSummary>
        list={list}
        columns={columns}
        rowKey="id"
        testId="meetings-table"
        onRowClick={(row) => setMeetingId(row.id)}
      />
      <MeetingDrawer meetingId={meetingId} onClose={() => setMeetingId(undefined)} />
      {scheduling ? (
        <MeetingModal
          onClose={(created) => {
            setScheduling(false);
            if (created) setMeetingId(created);
          }}
        />
      ) : null}
    </>
  );
}

type MeetingForm = Omit<MeetingInput, 'agenda'> & { agenda?: string };

function MeetingModal({ onClose }: { onClose(createdId?: string): void }) {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const { options } = useEnumLabels();
  const rules = useRules();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<MeetingForm>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const save = async (values: MeetingForm) => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await unwrap(
        api.POST('/api/v1/consortia/{consortiumId}/council/meetings', {
          params: { path: { consortiumId } },
          body: {
            kind: values.kind,
            title: values.title.trim(),
            scheduledAt: values.scheduledAt,
            place: values.place?.trim() || undefined,
            agenda: agendaLines(values.agenda),
          },
        }),
      );
      message.success(t('council.meetingScheduled', { title: created.title }));
      await queryClient.invalidateQueries({ queryKey: ['council', consortiumId] });
      onClose(created.id);
    } catch (failure) {
      const fields = formFieldErrors(failure, ['kind', 'title', 'scheduledAt', 'place', 'agenda']).map((f) => ({
        ...f,
        name: [String(f.name[0])],
      }));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={640}
      title={t('council.scheduleMeeting')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'meeting-save' } as ButtonProps}
    >
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ kind: 'plenary' }}
        data-testid="meeting-form"
      >
        <Form.Item
          name="title"
          label={t('council.meetingTitle')}
          rules={[rules.required(), rules.length(L.meetingTitle.min, L.meetingTitle.max)]}
        >
          <Input data-testid="meeting-title" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t('council.meetingKind')} rules={[rules.required()]}>
              <Select options={options('CouncilMeetingKind')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="scheduledAt"
              label={t('council.scheduledAt')}
              rules={[rules.required()]}
              // The picker shows Beijing wall time; the API gets the instant with its +08:00 offset.
              getValueProps={(value?: string) => ({ value: value ? dayjs(value.slice(0, 16)) : undefined })}
              normalize={(value?: dayjs.Dayjs) =>
                value ? beijingInstant(value.format('YYYY-MM-DDTHH:mm')) : undefined
              }
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                data-testid="meeting-time"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="place" label={t('council.place')} rules={[rules.length(0, L.place.max)]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="agenda"
          label={t('council.agenda')}
          extra={t('council.agendaHint', { max: L.agenda.max, length: L.agendaItem.max })}
          rules={[
            {
              validator: (_rule, value?: string) => {
                const lines = agendaLines(value);
                if (lines.length > L.agenda.max)
                  return Promise.reject(new Error(t('council.agendaTooMany', { max: L.agenda.max })));
                const long = lines.findIndex((line) => [...line].length > L.agendaItem.max);
                return long >= 0
                  ? Promise.reject(new Error(t('council.agendaTooLong', { line: long + 1, length: L.agendaItem.max })))
                  : Promise.resolve();
              },
            },
          ]}
        >
          <Input.TextArea rows={4} data-testid="meeting-agenda" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
