import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useAuth } from '../../auth/AuthProvider';
import { CursorTable, type CursorColumn } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryForm } from '../../components/QueryForm';
import { useCursorList } from '../../components/useCursorList';
import { formatDateTime } from '../../format/datetime';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { InitialPassword } from '../users/InitialPassword';
import { PersonFormModal } from '../users/PersonFormModal';
import { toUserInput, USER_LIMITS as L, type PlatformUser, type UserInput } from '../users/user-rules';

/** 平台账号 (platform admins): every account, new accounts with a one-time password, disable, grant admin. */
export default function PlatformUsersPage() {
  const { me } = useAuth();
  const { t, locale } = useI18n();
  const { label } = useEnumLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; password: string | null }>();
  const list = useCursorList<PlatformUser>({
    queryKey: ['platform-users'],
    fetchPage: ({ filters, limit, cursor }) =>
      unwrap(api.GET('/api/v1/users', { params: { query: { q: filters.q, limit, cursor } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['platform-users'] });
  const act = async (user: PlatformUser, action: 'disable' | 'enable' | 'platform-admin') => {
    try {
      const path = { userId: user.id };
      if (action === 'disable') await unwrap(api.POST('/api/v1/users/{userId}/disable', { params: { path } }));
      if (action === 'enable') await unwrap(api.POST('/api/v1/users/{userId}/enable', { params: { path } }));
      if (action === 'platform-admin')
        await unwrap(api.POST('/api/v1/users/{userId}/platform-admin', { params: { path } }));
      const done = {
        disable: 'users.disabled',
        enable: 'users.enabled',
        'platform-admin': 'users.adminGranted',
      } as const;
      message.success(t(done[action], { name: user.displayName }));
      await refresh();
    } catch (error) {
      message.error(describeError(error, t));
    }
  };
  const columns: Array<CursorColumn<PlatformUser>> = [
    {
      title: t('users.displayName'),
      dataIndex: 'displayName',
      render: (name: string, user) => (
        <Space size={4} wrap>
          {name}
          {user.platformAdmin ? <Tag color="gold">{t('users.platformAdmin')}</Tag> : null}
          {user.mustChangePassword ? <Tag>{t('users.mustChangePassword')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('users.email'), dataIndex: 'email' },
    { title: t('users.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
    {
      title: t('users.status'),
      dataIndex: 'status',
      render: (status: string) => (
        <Tag color={status === 'active' ? 'success' : 'default'} data-testid="account-status">
          {label('UserStatus', status)}
        </Tag>
      ),
    },
    { title: t('users.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, locale) },
    {
      title: '',
      key: 'actions',
      render: (_: unknown, user) =>
        user.id === me?.user.id ? null : (
          <Space size={0}>
            {user.status === 'active' ? (
              <Popconfirm
                title={t('users.disableConfirm', { name: user.displayName })}
                onConfirm={() => act(user, 'disable')}
              >
                <Button type="link" danger data-testid="account-disable">
                  {t('users.disable')}
                </Button>
              </Popconfirm>
            ) : (
              <Button type="link" onClick={() => void act(user, 'enable')} data-testid="account-enable">
                {t('users.enable')}
              </Button>
            )}
            {user.platformAdmin ? null : (
              <Popconfirm
                title={t('users.grantAdminConfirm', { name: user.displayName })}
                onConfirm={() => act(user, 'platform-admin')}
              >
                <Button type="link">{t('users.grantAdmin')}</Button>
              </Popconfirm>
            )}
          </Space>
        ),
    },
  ];
  return (
    <div data-testid="platform-users-page">
      <PageHeader title={t('nav.platformUsers')} />
      <Card style={{ marginBottom: 16 }}>
        <QueryForm filters={list.filters} onSearch={list.setFilters}>
          <Form.Item name="q" label={t('users.search')} rules={[{ max: L.search.max }]}>
            <Input allowClear placeholder={t('users.searchPlaceholder')} data-testid="filter-q" />
          </Form.Item>
        </QueryForm>
      </Card>
      <Card>
        <Space style={{ marginBottom: 16 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="account-create">
            {t('platform.createUser')}
          </Button>
        </Space>
        <CursorTable<PlatformUser> list={list} columns={columns} rowKey="id" testId="accounts-table" />
      </Card>
      {creating ? (
        <CreateAccountModal
          onClose={(result) => {
            setCreating(false);
            if (result) {
              setCreated(result);
              void refresh();
            }
          }}
        />
      ) : null}
      {created ? <InitialPassword {...created} onClose={() => setCreated(undefined)} /> : null}
    </div>
  );
}

function CreateAccountModal({ onClose }: { onClose(created?: { name: string; password: string | null }): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <PersonFormModal<UserInput>
      title={t('platform.createUser')}
      testIdPrefix="account"
      onCancel={() => onClose()}
      submit={async (values) => {
        const result = await unwrap(api.POST('/api/v1/users', { body: toUserInput(values) }));
        message.success(t('platform.userCreated', { name: result.user.displayName }));
        onClose({ name: result.user.displayName, password: result.initialPassword ?? null });
      }}
    />
  );
}
