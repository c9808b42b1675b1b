import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { useConsortium } from '../../app/useConsortium';
import { useAuth } from '../../auth/AuthProvider';
import { CursorTable, type CursorColumn } from '../../components/CursorTable';
import { OrganizationName } from '../../components/OrganizationName';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { PageHeader } from '../../components/PageHeader';
import { QueryForm } from '../../components/QueryForm';
import { useCursorList } from '../../components/useCursorList';
import { formatDateTime } from '../../format/datetime';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';
import { InitialPassword } from './InitialPassword';
import { PersonFormModal } from './PersonFormModal';
import {
  ROLES_WITH_ORGANIZATION,
  toUserInput,
  USER_LIMITS as L,
  type ConsortiumRole,
  type ConsortiumUser,
  type ConsortiumUserInput,
} from './user-rules';

/** 用户与角色: the consortium's people, their roles (a member bound to its organization), access on or off. */
export default function UsersPage() {
  const { consortiumId, can } = useConsortium();
  const { me } = useAuth();
  const { t, locale } = useI18n();
  const { label } = useEnumLabels();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const writable = can('users:write');
  const [adding, setAdding] = useState(false);
  const [changing, setChanging] = useState<ConsortiumUser>();
  const [created, setCreated] = useState<{ name: string; password: string | null }>();
  const list = useCursorList<ConsortiumUser>({
    queryKey: ['users', consortiumId],
    fetchPage: ({ filters, limit, cursor }) =>
      unwrap(
        api.GET('/api/v1/consortia/{consortiumId}/users', {
          params: { path: { consortiumId }, query: { q: filters.q, limit, cursor } },
        }),
      ),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users', consortiumId] });
  const setAccess = async (user: ConsortiumUser, enable: boolean) => {
    try {
      const path = { consortiumId, userId: user.userId };
      await unwrap(
        enable
          ? api.POST('/api/v1/consortia/{consortiumId}/users/{userId}/enable', { params: { path } })
          : api.POST('/api/v1/consortia/{consortiumId}/users/{userId}/disable', { params: { path } }),
      );
      message.success(t(enable ? 'users.enabled' : 'users.disabled', { name: user.displayName }));
      await refresh();
    } catch (error) {
      message.error(describeError(error, t));
    }
  };

  const columns: Array<CursorColumn<ConsortiumUser>> = [
    {
      title: t('users.displayName'),
      dataIndex: 'displayName',
      render: (name: string, user) => `${name}${user.userId === me?.user.id ? t('users.you') : ''}`,
    },
    { title: t('users.email'), dataIndex: 'email' },
    {
      title: t('users.role'),
      dataIndex: 'role',
      render: (role: string) => <Tag data-testid="user-role">{label('ConsortiumRole', role)}</Tag>,
    },
    {
      title: t('users.organization'),
      dataIndex: 'organizationId',
      render: (id: string | null) => <OrganizationName id={id} />,
    },
    {
      title: t('users.status'),
      dataIndex: 'status',
      render: (status: string, user) => (
        <Space size={4}>
          <Tag color={status === 'active' ? 'success' : 'default'}>{label('UserStatus', status)}</Tag>
          {user.accountStatus !== 'active' ? (
            <Tag>{`${t('users.accountStatus')}: ${label('UserStatus', user.accountStatus)}`}</Tag>
          ) : null}
        </Space>
      ),
    },
    { title: t('users.joinedAt'), dataIndex: 'joinedAt', render: (v: string) => formatDateTime(v, locale) },
    ...(writable
      ? [
          {
            title: '',
            key: 'actions',
            render: (_: unknown, user: ConsortiumUser) =>
              user.userId === me?.user.id ? null : (
                <Space size={0}>
                  <Button type="link" onClick={() => setChanging(user)} data-testid="user-change-role">
                    {t('users.changeRole')}
                  </Button>
                  {user.status === 'active' ? (
                    <Popconfirm
                      title={t('users.disableConfirm', { name: user.displayName })}
                      onConfirm={() => setAccess(user, false)}
                    >
                      <Button type="link" danger data-testid="user-disable">
                        {t('users.disable')}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button type="link" onClick={() => void setAccess(user, true)} data-testid="user-enable">
                      {t('users.enable')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="users-page">
      <PageHeader title={t('nav.users')} />
      <Card style={{ marginBottom: 16 }}>
        <QueryForm filters={list.filters} onSearch={list.setFilters}>
          <Form.Item name="q" label={t('users.search')} rules={[{ max: L.search.max }]}>
            <Input allowClear placeholder={t('users.searchPlaceholder')} data-testid="filter-q" />
          </Form.Item>
        </QueryForm>
      </Card>
      <Card>
        {writable ? (
          <Space style={{ marginBottom: 16 }} data-testid="toolbar">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="user-add">
              {t('users.add')}
            </Button>
          </Space>
        ) : null}
        <CursorTable<ConsortiumUser> list={list} columns={columns} rowKey="userId" testId="users-table" />
      </Card>
      {adding ? (
        <UserModal
          onClose={(result) => {
            setAdding(false);
            if (result) setCreated(result);
            void refresh();
          }}
        />
      ) : null}
      {changing ? (
        <UserModal
          user={changing}
          onClose={() => {
            setChanging(undefined);
            void refresh();
          }}
        />
      ) : null}
      {created ? <InitialPassword {...created} onClose={() => setCreated(undefined)} /> : null}
    </div>
  );
}

/** Adds a person (user undefined) or changes a person's role and organization. */
function UserModal({
  user,
  onClose,
}: {
  user?: ConsortiumUser;
  onClose(created?: { name: string; password: string | null }): void;
}) {
  const { consortiumId } = useConsortium();
  const { t } = useI18n();
  const { options } = useEnumLabels();
  const rules = useRules();
  const { message } = App.useApp();
  const save = async (values: ConsortiumUserInput) => {
    if (user) {
      const body = toUserInput({ role: values.role, organizationId: values.organizationId });
      await unwrap(
        api.PATCH('/api/v1/consortia/{consortiumId}/users/{userId}', {
          params: { path: { consortiumId, userId: user.userId } },
          body: { role: body.role, organizationId: body.organizationId },
        }),
      );
      message.success(t('users.roleChanged', { name: user.displayName }));
      onClose();
    } else {
      const added = await unwrap(
        api.POST('/api/v1/consortia/{consortiumId}/users', {
          params: { path: { consortiumId } },
          body: toUserInput(values),
        }),
      );
      message.success(t('users.added', { name: added.membership.displayName }));
      onClose({ name: added.membership.displayName, password: added.initialPassword ?? null });
    }
  };
  return (
    <PersonFormModal<ConsortiumUserInput>
      title={user ? `${t('users.changeRole')}：${user.displayName}` : t('users.add')}
      testIdPrefix="user"
      personFields={!user}
      fields={['role', 'organizationId']}
      initialValues={
        user ? { role: user.role, organizationId: user.organizationId ?? undefined } : { role: 'observer' }
      }
      submit={save}
      onCancel={() => onClose()}
    >
      <Form.Item name="role" label={t('users.role')} rules={[rules.required()]}>
        <Select options={options('ConsortiumRole')} data-testid="user-role-select" />
      </Form.Item>
      <Form.Item noStyle dependencies={['role']}>
        {({ getFieldValue }) =>
          ROLES_WITH_ORGANIZATION.includes(getFieldValue('role') as ConsortiumRole) ? (
            <Form.Item
              name="organizationId"
              label={t('users.organization')}
              extra={t('users.organizationHint')}
              rules={[rules.required()]}
            >
              <OrganizationSelect testId="user-organization" />
            </Form.Item>
          ) : null
        }
      </Form.Item>
    </PersonFormModal>
  );
}
