import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { api, downloadFile, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { describeError } from '../../api/describe-error';
import { useConsortium } from '../../app/useConsortium';
import { Chart, type ChartOption } from '../../components/Chart';
import { PageHeader } from '../../components/PageHeader';
import { chinaToday, formatDateTime } from '../../format/datetime';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { addDays, chinaClock, chinaDay, chinaInstant, mondayOf } from './week';

type Base = components['schemas']['TrainingBaseDto'];
type Booking = components['schemas']['BookingDto'];
type FreeWindow = components['schemas']['FreeWindowDto'];

const STATUS_COLORS: Record<string, string> = {
  requested: 'gold',
  approved: 'blue',
  checked_in: 'cyan',
  completed: 'green',
  rejected: 'red',
  cancelled: 'default',
  no_show: 'volcano',
};

/**
 * 实训基地: the bases (detail in a drawer), a week calendar of one base with its bookings and
 * free windows (click a free window to request it), the approval queue and the month's
 * utilisation chart. The API decides who may do what; the page hides what a role cannot do.
 */
export default function TrainingBasesPage() {
  const { consortiumId, can } = useConsortium();
  const { t } = useI18n();
  const path = { consortiumId };
  const bases = useQuery({
    queryKey: ['training-bases', consortiumId, 'list'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/consortia/{consortiumId}/training-bases', { params: { path, query: { limit: 200 } } })),
  });
  const [baseId, setBaseId] = useState<string>();
  const [tab, setTab] = useState('bases');
  const items = bases.data?.items ?? [];
  const selected = items.find((b) => b.id === baseId) ?? items[0];

  return (
    <div data-testid="training-bases-page">
      <PageHeader title={t('nav.trainingBases')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'bases',
            label: t('tb.tabBases'),
            children: (
              <BasesTab
                bases={items}
                loading={bases.isLoading}
                onOpenCalendar={(id) => {
                  setBaseId(id);
                  setTab('calendar');
                }}
              />
            ),
          },
          {
            key: 'calendar',
            label: t('tb.tabCalendar'),
            children: selected ? (
              <CalendarTab bases={items} base={selected} onBase={setBaseId} canBook={can('training_bases:book')} />
            ) : (
              <Empty />
            ),
          },
          ...(can('training_bases:manage')
            ? [{ key: 'approvals', label: t('tb.tabApprovals'), children: <ApprovalsTab bases={items} /> }]
            : []),
          { key: 'utilisation', label: t('tb.tabUtilisation'), children: <UtilisationTab /> },
        ]}
      />
    </div>
  );
}

function BasesTab({
  bases,
  loading,
  onOpenCalendar,
}: {
  bases: Base[];
  loading: boolean;
  onOpenCalendar(id: string): void;
}) {
  const { t } = useI18n();
  const { label } = useEnumLabels();
  const [detail, setDetail] = useState<string>();
  return (
    <Card>
      <div data-testid="bases-table">
        <Table<Base>
          rowKey="id"
          loading={loading}
          dataSource={bases}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(row) => ({ onClick: () => setDetail(row.id), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('tb.name'),
              dataIndex: 'name',
              render: (name: string) => <Typography.Link>{name}</Typography.Link>,
            },
            { title: t('tb.kind'), dataIndex: 'kind', render: (kind: string) => label('TrainingBaseKind', kind) },
            { title: t('tb.workstations'), dataIndex: 'workstations' },
            {
              title: t('tb.status'),
              dataIndex: 'status',
              render: (status: string) => <Tag>{label('TrainingBaseStatus', status)}</Tag>,
            },
            {
              title: '',
              key: 'calendar',
              render: (_v, row) => (
                <Button
                  size="small"
                  data-testid={`open-calendar-${row.id}`}
                  onClick={(event) => {
                    event.stopPropagation();
                    onOpenCalendar(row.id);
                  }}
                >
                  {t('tb.tabCalendar')}
                </Button>
              ),
            },
          ]}
        />
      </div>
      <BaseDrawer baseId={detail} onClose={() => setDetail(undefined)} />
    </Card>
  );
}

function BaseDrawer({ baseId, onClose }: { baseId?: string; onClose(): void }) {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const { label } = useEnumLabels();
  const detail = useQuery({
    queryKey: ['training-bases', consortiumId, 'detail', baseId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/training-bases/{baseId}', {
          params: { path: { consortiumId, baseId: baseId ?? '' } },
        }),
      ),
    enabled: !!baseId,
  });
  const base = detail.data;
  return (
    <Drawer open={!!baseId} onClose={onClose} size={640} title={base?.name} data-testid="base-drawer">
      {base ? (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('tb.kind')}>{label('TrainingBaseKind', base.kind)}</Descriptions.Item>
          <Descriptions.Item label={t('tb.address')}>{base.address}</Descriptions.Item>
          <Descriptions.Item label={t('tb.workstations')}>{base.workstations}</Descriptions.Item>
          <Descriptions.Item label={t('tb.areas')}>
            {base.areas.map((a) => `${a.name}（${a.workstations}）`).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('tb.equipment')}>
            {base.equipment.map((e) => `${e.name} ${e.model} × ${e.quantity}`).join('；') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('tb.openingHours')}>
            {base.openingHours.map((w) => `${w.weekday}: ${w.opens}–${w.closes}`).join('；')}
          </Descriptions.Item>
          <Descriptions.Item label={t('tb.closures')}>
            {base.closures.map((c) => `${c.startsOn}～${c.endsOn} ${c.reason}`).join('；') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('tb.rules')}>
            {t('tb.rulesText', {
              min: base.minDurationMinutes,
              max: base.maxDurationMinutes,
              buffer: base.bufferMinutes,
              lead: base.leadTimeHours,
              horizon: base.horizonDays,
            })}
            {base.approvalRequired ? <Tag style={{ marginLeft: 8 }}>{t('tb.approvalRequired')}</Tag> : null}
          </Descriptions.Item>
          <Descriptions.Item label="¥">
            {t('tb.fees', { member: base.feeMemberPerHour, nonMember: base.feeNonMemberPerHour })}
          </Descriptions.Item>
        </Descriptions>
      ) : null}
    </Drawer>
  );
}

function CalendarTab({
  bases,
  base,
  onBase,
  canBook,
}: {
  bases: Base[];
  base: Base;
  onBase(id: string): void;
  canBook: boolean;
}) {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const { label } = useEnumLabels();
  const [monday, setMonday] = useState(() => mondayOf(chinaToday()));
  const [request, setRequest] = useState<FreeWindow>();
  const days = useMemo(() => Array.from({ length: 7 }, (_v, i) => addDays(monday, i)), [monday]);
  const months = [...new Set(days.map((d) => d.slice(0, 7)))];
  const calendars = useQuery({
    queryKey: ['training-bases', consortiumId, 'calendar', base.id, months.join(',')],
    queryFn: () =>
      Promise.all(
        months.map((month) =>
          unwrap(
            api.GET('/api/v1/consortia/{consortiumId}/training-bases/{baseId}/calendar', {
              params: { path: { consortiumId, baseId: base.id }, query: { month } },
            }),
          ),
        ),
      ),
  });
  const free = useQuery({
    queryKey: ['training-bases', consortiumId, 'availability', base.id, monday],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/training-bases/availability', {
          params: {
            path: { consortiumId },
            query: { from: days[0], to: days[6], workstations: 1, duration: base.minDurationMinutes },
          },
        }),
      ),
  });
  const byDay = new Map((calendars.data ?? []).flatMap((c) => c.days).map((d) => [d.date, d]));
  const windows = (free.data?.items ?? []).filter((w) => w.baseId === base.id);
  return (
    <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          style={{ minWidth: 260 }}
          value={base.id}
          onChange={onBase}
          options={bases.map((b) => ({ value: b.id, label: b.name }))}
          data-testid="calendar-base"
        />
        <Button onClick={() => setMonday(addDays(monday, -7))} data-testid="week-previous">
          {t('tb.previousWeek')}
        </Button>
        <Typography.Text data-testid="week-range">
          {days[0]} ～ {days[6]}
        </Typography.Text>
        <Button onClick={() => setMonday(addDays(monday, 7))} data-testid="week-next">
          {t('tb.nextWeek')}
        </Button>
      </Space>
      <div style={{ overflowX: 'auto' }} data-testid="week-grid">
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(140px, 1fr))', gap: 8 }}>
          {days.map((date) => {
            const day = byDay.get(date);
            return (
              <div
                key={date}
                style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }}
                data-testid={`day-${date}`}
              >
                <Typography.Text strong>{date.slice(5)}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">
                    {day?.open ? day.openingHours.join(' ') : t('tb.closed')}
                  </Typography.Text>
                </div>
                {day?.bookings.map((b) => (
                  <div key={b.id} style={{ marginTop: 4 }}>
                    <Tag color={STATUS_COLORS[b.status]} data-testid="calendar-booking">
                      {chinaClock(b.startsAt)}–{chinaClock(b.endsAt)} {b.organizationName} ×{b.workstations}{' '}
                      {label('TrainingBookingStatus', b.status)}
                    </Tag>
                  </div>
                ))}
                {windows
                  .filter((w) => w.date === date)
                  .map((w) => (
                    <div key={w.startsAt} style={{ marginTop: 4 }}>
                      <Button
                        size="small"
                        type="dashed"
                        disabled={!canBook}
                        onClick={() => setRequest(w)}
                        data-testid="free-window"
                      >
                        {t('tb.free')} {chinaClock(w.startsAt)}–{chinaClock(w.endsAt)}
                      </Button>
                    </div>
                  ))}
              </div>
            );
          })}
        </div>
      </div>
      <RequestModal base={base} window={request} onClose={() => setRequest(undefined)} />
    </Card>
  );
}

interface RequestForm {
  organizationId?: string;
  start: string;
  end: string;
  workstations: number;
  purpose: string;
  expectedParticipants?: number;
}

function RequestModal({ base, window, onClose }: { base: Base; window?: FreeWindow; onClose(): void }) {
  const { consortiumId, role } = useConsortium();
  const { t } = useI18n();
  const { options } = useEnumLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RequestForm>();
  const [sending, setSending] = useState(false);
  const organizations = useQuery({
    queryKey: ['organizations', consortiumId, 'for-booking'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/organizations', {
          params: { path: { consortiumId }, query: { limit: 200, status: 'active' } },
        }),
      ),
    enabled: role !== 'member',
  });
  if (!window) return null;
  const date = chinaDay(window.startsAt);
  const start = chinaClock(window.startsAt);
  const endMinutes = Math.min(
    Date.parse(window.endsAt),
    Date.parse(window.startsAt) + base.minDurationMinutes * 60_000,
  );
  const end = chinaClock(new Date(endMinutes).toISOString());
  const submit = async (values: RequestForm) => {
    setSending(true);
    try {
      await unwrap(
        api.POST('/api/v1/consortia/{consortiumId}/training-bases/{baseId}/bookings', {
          params: { path: { consortiumId, baseId: base.id } },
          body: {
            organizationId: values.organizationId,
            startsAt: chinaInstant(date, values.start),
            endsAt: chinaInstant(date, values.end),
            workstations: values.workstations,
            purpose: values.purpose as components['schemas']['CreateBookingDto']['purpose'],
            expectedParticipants: values.expectedParticipants,
          },
        }),
      );
      message.success(t('tb.requested'));
      await queryClient.invalidateQueries({ queryKey: ['training-bases', consortiumId] });
      onClose();
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal
      open
      title={`${t('tb.requestTitle')} · ${base.name} · ${date}`}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      <Form<RequestForm>
        form={form}
        layout="vertical"
        initialValues={{ start, end, workstations: 1, purpose: 'course' }}
        onFinish={submit}
        data-testid="booking-form"
      >
        {role !== 'member' ? (
          <Form.Item name="organizationId" label={t('tb.organization')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(organizations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              data-testid="booking-organization"
            />
          </Form.Item>
        ) : null}
        <Space wrap>
          <Form.Item name="start" label={t('tb.startsAt')} rules={[{ required: true, pattern: /^\d{2}:\d{2}$/ }]}>
            <Input style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="end" label={t('tb.endsAt')} rules={[{ required: true, pattern: /^\d{2}:\d{2}$/ }]}>
            <Input style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="workstations" label={t('tb.workstations')} rules={[{ required: true }]}>
            <InputNumber min={1} max={base.workstations} />
          </Form.Item>
        </Space>
        <Form.Item name="purpose" label={t('tb.purpose')} rules={[{ required: true }]}>
          <Select options={options('TrainingBookingPurpose')} />
        </Form.Item>
        <Form.Item name="expectedParticipants" label={t('tb.participants')}>
          <InputNumber min={0} max={100000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={sending} data-testid="booking-submit">
          {t('tb.submit')}
        </Button>
      </Form>
    </Modal>
  );
}

function ApprovalsTab({ bases }: { bases: Base[] }) {
  const { consortiumId } = useConsortium();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const queue = useQuery({
    queryKey: ['training-bases', consortiumId, 'approvals'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/training-bases/bookings', {
          params: { path: { consortiumId }, query: { status: 'requested', limit: 200 } },
        }),
      ),
  });
  const names = new Map(bases.map((b) => [b.id, b.name]));
  const decide = async (booking: Booking, to: 'approved' | 'rejected') => {
    try {
      await unwrap(
        api.POST('/api/v1/consortia/{consortiumId}/training-bases/{baseId}/bookings/{bookingId}/transitions', {
          params: { path: { consortiumId, baseId: booking.baseId, bookingId: booking.id } },
          body: { to, wholeSeries: false },
        }),
      );
      message.success(t(to === 'approved' ? 'tb.approved' : 'tb.rejected'));
      await queryClient.invalidateQueries({ queryKey: ['training-bases', consortiumId] });
    } catch (error) {
      message.error(describeError(error, t));
    }
  };
  return (
    <Card>
      <div data-testid="approvals-table">
        <Table<Booking>
          rowKey="id"
          loading={queue.isLoading}
          dataSource={queue.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('tb.noneWaiting') }}
          columns={[
            { title: t('tb.base'), dataIndex: 'baseId', render: (id: string) => names.get(id) ?? id },
            {
              title: t('tb.time'),
              key: 'time',
              render: (_v, row) => `${formatDateTime(row.startsAt, locale)} – ${chinaClock(row.endsAt)}`,
            },
            { title: t('tb.workstations'), dataIndex: 'workstations' },
            {
              title: '',
              key: 'actions',
              render: (_v, row) => (
                <Space>
                  <Button size="small" type="primary" onClick={() => decide(row, 'approved')} data-testid="approve">
                    {t('tb.approve')}
                  </Button>
                  <Button size="small" danger onClick={() => decide(row, 'rejected')}>
                    {t('tb.reject')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </div>
    </Card>
  );
}

function UtilisationTab() {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [month, setMonth] = useState(() => chinaToday().slice(0, 7));
  const report = useQuery({
    queryKey: ['training-bases', consortiumId, 'utilisation', month],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/training-bases/utilisation', {
          params: { path: { consortiumId }, query: { month } },
        }),
      ),
  });
  const rows = useMemo(() => report.data?.bases ?? [], [report.data]);
  const option = useMemo<ChartOption>(
    () =>
      ({
        tooltip: { trigger: 'axis' },
        legend: {},
        grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.baseName) },
        series: [
          { name: 'available', type: 'bar', data: rows.map((r) => r.availableHours) },
          { name: 'booked', type: 'bar', data: rows.map((r) => r.bookedHours) },
          { name: 'used', type: 'bar', data: rows.map((r) => r.usedHours) },
        ],
      }) as ChartOption,
    [rows],
  );
  const exportFile = async () => {
    try {
      await downloadFile(
        `/api/v1/consortia/${consortiumId}/training-bases/utilisation/export?month=${month}`,
        `training-base-utilisation-${month}.xlsx`,
      );
    } catch (error) {
      message.error(describeError(error, t));
    }
  };
  return (
    <Card>
      <Space wrap style={{ marginBottom: 16 }}>
        <Typography.Text>{t('tb.month')}</Typography.Text>
        <Input
          style={{ width: 120 }}
          value={month}
          onChange={(e) => /^\d{4}-\d{2}$/.test(e.target.value) && setMonth(e.target.value)}
          data-testid="utilisation-month"
        />
        <Button onClick={exportFile}>{t('tb.export')}</Button>
      </Space>
      <Chart option={option} height={Math.max(200, rows.length * 80)} testId="utilisation-chart" />
      <div data-testid="utilisation-table">
        <Table
          rowKey="baseId"
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('tb.name'), dataIndex: 'baseName' },
            {
              title: t('tb.utilisation'),
              dataIndex: 'utilisation',
              render: (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`),
            },
            { title: t('tb.workstations'), dataIndex: 'workstations' },
          ]}
        />
      </div>
    </Card>
  );
}
