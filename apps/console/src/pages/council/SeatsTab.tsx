import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { formFieldErrors } from '../../api/errors';
import { useConsortium } from '../../app/useConsortium';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { COUNCIL_LIMITS as L, type Seat, type SeatInput } from './council-rules';
import { OrganizationSelect } from '../../components/OrganizationSelect';

const SEAT_FIELDS = ['organizationId', 'personName', 'personTitle', 'role', 'termStart', 'termEnd'];

/** 理事席位: chair first, each with its term and whether it covers today; the secretariat seats and edits. */
export function SeatsTab() {
  const { consortiumId, can } = useConsortium();
  const { t } = useI18n();
  const { label } = useEnumLabels();
  const [editing, setEditing] = useState<Seat | 'new'>();
  const seats = useQuery({
    queryKey: ['council', consortiumId, 'seats'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/consortia/{consortiumId}/council/seats', { params: { path: { consortiumId } } })),
  });
  const writable = can('council:write');
  return (
    <>
      {writable ? (
        <Space style={{ marginBottom: 16 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="seat-add">
            {t('council.addSeat')}
          </Button>
        </Space>
      ) : null}
      {seats.error ? <Alert type="error" showIcon title={describeError(seats.error, t)} /> : null}
      <div data-testid="seats-table">
        <Table<Seat>
          rowKey="id"
          loading={seats.isPending}
          dataSource={seats.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          size="middle"
          columns={[
            {
              title: t('council.seatRole'),
              dataIndex: 'role',
              render: (role: string) => label('CouncilSeatRole', role),
            },
            {
              title: t('council.person'),
              dataIndex: 'personName',
              render: (name: string, seat) => (
                <Space orientation="vertical" size={0}>
                  <Typography.Text>{name}</Typography.Text>
                  {seat.personTitle ? <Typography.Text type="secondary">{seat.personTitle}</Typography.Text> : null}
                </Space>
              ),
            },
            { title: t('council.organization'), dataIndex: 'organizationName' },
            {
              title: t('council.category'),
              dataIndex: 'category',
              render: (category: string) => label('CouncilSeatCategory', category),
            },
            {
              title: t('council.term'),
              dataIndex: 'termStart',
              render: (start: string, seat) => `${start} ~ ${seat.termEnd}`,
            },
            {
              title: t('council.status'),
              dataIndex: 'inOffice',
              render: (inOffice: boolean) =>
                inOffice ? <Tag color="success">{t('council.inOffice')}</Tag> : <Tag>{t('council.outOfOffice')}</Tag>,
            },
            ...(writable
              ? [
                  {
                    title: '',
                    key: 'actions',
                    render: (_: unknown, seat: Seat) => (
                      <Button type="link" onClick={() => setEditing(seat)} data-testid="seat-edit">
                        {t('common.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </div>
      {editing ? (
        <SeatModal seat={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} />
      ) : null}
    </>
  );
}

function SeatModal({ seat, onClose }: { seat?: Seat; onClose(): void }) {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const { options } = useEnumLabels();
  const rules = useRules();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SeatInput>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const dateProps = {
    getValueProps: (value?: string) => ({ value: value ? dayjs(value) : undefined }),
    normalize: (value?: dayjs.Dayjs) => value?.format('YYYY-MM-DD'),
  };
  const save = async (values: SeatInput) => {
    setBusy(true);
    setError(undefined);
    const body = { ...values, personTitle: values.personTitle?.trim() || undefined };
    try {
      if (seat) {
        const { organizationId: _fixed, ...changes } = body;
        await unwrap(
          api.PATCH('/api/v1/consortia/{consortiumId}/council/seats/{seatId}', {
            params: { path: { consortiumId, seatId: seat.id } },
            body: changes,
          }),
        );
      } else {
        await unwrap(
          api.POST('/api/v1/consortia/{consortiumId}/council/seats', { params: { path: { consortiumId } }, body }),
        );
      }
      message.success(t('council.seatSaved'));
      await queryClient.invalidateQueries({ queryKey: ['council', consortiumId] });
      onClose();
    } catch (failure) {
      form.setFields(formFieldErrors(failure, SEAT_FIELDS) as Parameters<typeof form.setFields>[0]);
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={640}
      title={seat ? t('council.editSeat', { name: seat.personName }) : t('council.addSeat')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'seat-save' } as ButtonProps}
    >
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        data-testid="seat-form"
        initialValues={
          seat
            ? {
                organizationId: seat.organizationId,
                personName: seat.personName,
                personTitle: seat.personTitle ?? undefined,
                role: seat.role,
                termStart: seat.termStart,
                termEnd: seat.termEnd,
              }
            : { role: 'director' }
        }
      >
        {seat ? (
          <Form.Item label={t('council.organization')}>
            <Input disabled value={seat.organizationName} />
          </Form.Item>
        ) : (
          <Form.Item name="organizationId" label={t('council.organization')} rules={[rules.required()]}>
            <OrganizationSelect testId="seat-organization" />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="personName"
              label={t('council.personName')}
              rules={[rules.required(), rules.length(L.personName.min, L.personName.max)]}
            >
              <Input data-testid="seat-person" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="personTitle" label={t('council.personTitle')} rules={[rules.length(0, L.personTitle.max)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="role" label={t('council.seatRole')} rules={[rules.required()]}>
              <Select options={options('CouncilSeatRole')} data-testid="seat-role" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="termStart"
              label={t('council.termStart')}
              rules={[rules.required(), rules.dateOnly()]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} data-testid="seat-term-start" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="termEnd"
              label={t('council.termEnd')}
              dependencies={['termStart']}
              rules={[
                rules.required(),
                rules.dateOnly(),
                ({ getFieldValue }) => ({
                  validator: (_rule, value?: string) =>
                    value && getFieldValue('termStart') && value < getFieldValue('termStart')
                      ? Promise.reject(new Error(t('council.termOrder')))
                      : Promise.resolve(),
                }),
              ]}
              {...dateProps}
            >
              <DatePicker style={{ width: '100%' }} data-testid="seat-term-end" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
