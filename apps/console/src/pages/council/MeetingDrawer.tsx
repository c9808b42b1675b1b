import { DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Grid,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, downloadFile, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useConsortium } from '../../app/useConsortium';
import { formatDateTime } from '../../format/datetime';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import {
  attendanceRows,
  MEETING_STATUS_COLORS,
  MEETING_TRANSITIONS,
  OPEN_MEETING_STATUSES,
  type AttendanceStatus,
  type Meeting,
  type MeetingStatus,
  type Seat,
} from './council-rules';
import { ResolutionCard, ResolutionForm } from './ResolutionCard';

/**
 * One meeting: its details and status moves, attendance per seat with the live quorum,
 * resolutions with votes and tasks, and the minutes as xlsx or PDF. Without council:write
 * it is the same page to read.
 */
export function MeetingDrawer({ meetingId, onClose }: { meetingId: string | undefined; onClose(): void }) {
  const { consortiumId, can } = useConsortium();
  const { t, locale } = useI18n();
  const { label } = useEnumLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [busy, setBusy] = useState(false);
  const meeting = useQuery({
    queryKey: ['council', consortiumId, 'meeting', meetingId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/council/meetings/{meetingId}', {
          params: { path: { consortiumId, meetingId: meetingId ?? '' } },
        }),
      ),
    enabled: Boolean(meetingId),
  });
  const m = meeting.data;
  const writable = can('council:write');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['council', consortiumId] });

  const transition = async (to: MeetingStatus) => {
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/v1/consortia/{consortiumId}/council/meetings/{meetingId}/status-transitions', {
          params: { path: { consortiumId, meetingId: meetingId ?? '' } },
          body: { to },
        }),
      );
      message.success(t('council.transitioned', { status: label('CouncilMeetingStatus', to) }));
      await refresh();
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };
  const minutes = async (format: 'xlsx' | 'pdf') => {
    try {
      await downloadFile(
        `/api/v1/consortia/${consortiumId}/council/meetings/${meetingId}/minutes?format=${format}`,
        `minutes.${format}`,
      );
    } catch (error) {
      message.error(describeError(error, t));
    }
  };

  return (
    <Drawer
      open={Boolean(meetingId)}
      onClose={onClose}
      size={screens.lg ? 960 : '100%'}
      title={m?.title ?? t('common.loading')}
      loading={meeting.isPending}
      data-testid="meeting-drawer"
      extra={
        m ? (
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => void minutes('xlsx')} data-testid="minutes-xlsx">
              {t('council.minutesXlsx')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void minutes('pdf')} data-testid="minutes-pdf">
              {t('council.minutesPdf')}
            </Button>
          </Space>
        ) : null
      }
    >
      {meeting.error ? <Alert type="error" showIcon title={describeError(meeting.error, t)} /> : null}
      {m ? (
        <>
          <Descriptions column={screens.md ? 2 : 1} size="small" bordered>
            <Descriptions.Item label={t('council.status')}>
              <Tag color={MEETING_STATUS_COLORS[m.status]} data-testid="meeting-status">
                {label('CouncilMeetingStatus', m.status)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('council.meetingKind')}>
              {label('CouncilMeetingKind', m.kind)}
            </Descriptions.Item>
            <Descriptions.Item label={t('council.scheduledAt')}>
              {formatDateTime(m.scheduledAt, locale)}
            </Descriptions.Item>
            <Descriptions.Item label={t('council.place')}>{m.place ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('council.agenda')} span={screens.md ? 2 : 1}>
              {m.agenda.length === 0 ? (
                '—'
              ) : (
                <ol style={{ margin: 0, paddingInlineStart: 20 }}>
                  {m.agenda.map((item, i) => (
                    <li key={i}>{item}</li>
                  ))}
                </ol>
              )}
            </Descriptions.Item>
          </Descriptions>
          {writable && MEETING_TRANSITIONS[m.status].length > 0 ? (
            <Space wrap style={{ marginTop: 16 }} data-testid="meeting-transitions">
              {MEETING_TRANSITIONS[m.status].map((to) => (
                <Popconfirm
                  key={to}
                  title={t('council.transitionConfirm', {
                    action: t(`council.to.${to as Exclude<MeetingStatus, 'scheduled'>}`),
                  })}
                  description={to === 'minutes_approved' ? t('council.minutesApprovedHint') : undefined}
                  onConfirm={() => transition(to)}
                  okButtonProps={{ 'data-testid': 'transition-confirm' } as ButtonProps}
                >
                  <Button
                    loading={busy}
                    danger={to === 'cancelled'}
                    type={to === 'cancelled' ? 'default' : 'primary'}
                    data-testid={`meeting-to-${to}`}
                  >
                    {t(`council.to.${to as Exclude<MeetingStatus, 'scheduled'>}`)}
                  </Button>
                </Popconfirm>
              ))}
            </Space>
          ) : null}
          <Divider titlePlacement="start">{t('council.quorumTitle')}</Divider>
          <Space wrap data-testid="quorum">
            <Tag color={m.quorum.reached ? 'success' : 'warning'} data-testid="quorum-state">
              {m.quorum.reached ? t('council.quorumReached') : t('council.quorumNotReached')}
            </Tag>
            <Typography.Text data-testid="quorum-summary">
              {t('council.quorumSummary', {
                seats: m.quorum.seats,
                present: m.quorum.present,
                represented: m.quorum.represented,
                required: m.quorum.required,
              })}
            </Typography.Text>
          </Space>
          <Divider titlePlacement="start">{t('council.attendance')}</Divider>
          <AttendanceTable meeting={m} editable={writable && OPEN_MEETING_STATUSES.includes(m.status)} />
          <Divider titlePlacement="start">{t('council.resolutions')}</Divider>
          {m.resolutions.length === 0 ? (
            <Typography.Text type="secondary">{t('council.noResolutions')}</Typography.Text>
          ) : null}
          <Space orientation="vertical" style={{ width: '100%' }} size="middle">
            {m.resolutions.map((resolution) => (
              <ResolutionCard key={resolution.id} meeting={m} resolution={resolution} />
            ))}
            {writable && OPEN_MEETING_STATUSES.includes(m.status) ? <ResolutionForm meeting={m} /> : null}
          </Space>
        </>
      ) : null}
    </Drawer>
  );
}

type Row = { seatId: string; status: AttendanceStatus; proxySeatId?: string };

/** Every seat of the meeting's council with its attendance; the secretariat edits and saves the whole list. */
function AttendanceTable({ meeting, editable }: { meeting: Meeting; editable: boolean }) {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const { label, options } = useEnumLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const recorded = useMemo(() => attendanceRows(meeting), [meeting]);
  const [rows, setRows] = useState<Row[]>(recorded);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => setRows(recorded), [recorded]);
  const seats = new Map(meeting.council.map((seat) => [seat.id, seat]));
  const present = rows.filter((row) => row.status === 'present').map((row) => row.seatId);
  const change = (seatId: string, patch: Partial<Row>) =>
    setRows((current) => current.map((row) => (row.seatId === seatId ? { ...row, ...patch } : row)));
  const missingProxy = rows.some((row) => row.status === 'proxy' && !present.includes(row.proxySeatId ?? ''));

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await unwrap(
        api.PUT('/api/v1/consortia/{consortiumId}/council/meetings/{meetingId}/attendance', {
          params: { path: { consortiumId, meetingId: meeting.id } },
          body: {
            entries: rows.map((row) => ({
              seatId: row.seatId,
              status: row.status,
              proxySeatId: row.status === 'proxy' ? row.proxySeatId : undefined,
            })),
          },
        }),
      );
      message.success(t('council.attendanceSaved'));
      await queryClient.invalidateQueries({ queryKey: ['council', consortiumId] });
    } catch (failure) {
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };
  const person = (seat: Seat | undefined) =>
    seat ? `${seat.personName}（${label('CouncilSeatRole', seat.role)}）` : '';

  return (
    <div data-testid="attendance">
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="attendance-error" />
      ) : null}
      <Table<Row>
        rowKey="seatId"
        dataSource={rows}
        pagination={false}
        size="small"
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('council.person'), key: 'person', render: (_: unknown, row) => person(seats.get(row.seatId)) },
          {
            title: t('council.organization'),
            key: 'organization',
            render: (_: unknown, row) => seats.get(row.seatId)?.organizationName,
          },
          {
            title: t('council.attendanceStatus'),
            dataIndex: 'status',
            render: (status: AttendanceStatus, row) =>
              editable ? (
                <Select
                  value={status}
                  style={{ width: 110 }}
                  options={options('CouncilAttendance')}
                  onChange={(next: AttendanceStatus) => change(row.seatId, { status: next })}
                  data-testid="attendance-status"
                />
              ) : (
                label('CouncilAttendance', status)
              ),
          },
          {
            title: t('council.proxyTo'),
            dataIndex: 'proxySeatId',
            render: (proxySeatId: string | undefined, row) =>
              row.status !== 'proxy' ? (
                '—'
              ) : editable ? (
                <Select
                  value={proxySeatId}
                  style={{ width: 200 }}
                  status={present.includes(proxySeatId ?? '') ? undefined : 'error'}
                  placeholder={t('council.proxyRequired')}
                  options={present
                    .filter((id) => id !== row.seatId)
                    .map((id) => ({ value: id, label: person(seats.get(id)) }))}
                  onChange={(next: string) => change(row.seatId, { proxySeatId: next })}
                  data-testid="attendance-proxy"
                />
              ) : (
                person(seats.get(proxySeatId ?? ''))
              ),
          },
        ]}
      />
      {editable ? (
        <Space style={{ marginTop: 12 }} wrap>
          <Button
            onClick={() => setRows((current) => current.map((row) => ({ seatId: row.seatId, status: 'present' })))}
            data-testid="attendance-all-present"
          >
            {t('council.allPresent')}
          </Button>
          <Button
            type="primary"
            loading={busy}
            disabled={missingProxy}
            onClick={() => void save()}
            data-testid="attendance-save"
          >
            {t('council.saveAttendance')}
          </Button>
          {missingProxy ? <Typography.Text type="danger">{t('council.proxyRequired')}</Typography.Text> : null}
        </Space>
      ) : null}
    </div>
  );
}
