import { Card, Descriptions, Drawer, Empty, Form, Input, List, Select, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { components, paths } from '../../api/schema';
import { CursorTable, type CursorColumn } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryForm } from '../../components/QueryForm';
import { useCursorList } from '../../components/useCursorList';
import { useI18n } from '../../i18n/I18nProvider';
import { useEnumLabels } from '../../meta/enums';

type Programme = components['schemas']['ProgrammeDto'];
type ProgrammeQuery = NonNullable<paths['/api/v1/catalogue/programmes']['get']['parameters']['query']>;

/** 专业目录: the national programme catalogue (current edition), searched by code prefix or name, with 职业面向. */
export default function CataloguePage() {
  const { t } = useI18n();
  const { label, options } = useEnumLabels();
  const [code, setCode] = useState<string>();
  const list = useCursorList<Programme>({
    queryKey: ['catalogue-programmes'],
    fetchPage: ({ filters, limit, cursor }) =>
      unwrap(
        api.GET('/api/v1/catalogue/programmes', { params: { query: { ...filters, limit, cursor } as ProgrammeQuery } }),
      ),
  });
  const detail = useQuery({
    queryKey: ['catalogue-programme', code],
    enabled: code !== undefined,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/catalogue/programmes/{programmeCode}', {
          params: { path: { programmeCode: code as string } },
        }),
      ),
  });

  const columns: Array<CursorColumn<Programme>> = [
    { title: t('prog.code'), dataIndex: 'code' },
    { title: t('prog.name'), dataIndex: 'name', render: (name: string) => <Typography.Link>{name}</Typography.Link> },
    { title: t('prog.level'), dataIndex: 'level', render: (v: string) => label('ProgrammeLevel', v) },
    { title: t('prog.category'), dataIndex: 'categoryName' },
    { title: t('prog.class'), dataIndex: 'className' },
    {
      title: t('prog.nationalControl'),
      dataIndex: 'nationalControl',
      render: (v: boolean) => (v ? <Tag color="red">{t('common.yes')}</Tag> : null),
    },
  ];

  return (
    <div data-testid="catalogue-page">
      <PageHeader title={t('nav.catalogue')} />
      <Card style={{ marginBottom: 16 }}>
        <QueryForm filters={list.filters} onSearch={list.setFilters}>
          <Form.Item name="q" label={t('prog.search')}>
            <Input allowClear placeholder={t('prog.searchPlaceholder')} data-testid="filter-q" />
          </Form.Item>
          <Form.Item name="level" label={t('prog.level')}>
            <Select allowClear options={options('ProgrammeLevel')} data-testid="filter-level" />
          </Form.Item>
        </QueryForm>
      </Card>
      <Card>
        <CursorTable<Programme>
          list={list}
          columns={columns}
          rowKey="code"
          testId="catalogue-table"
          onRowClick={(row) => setCode(row.code)}
        />
      </Card>
      <Drawer
        open={code !== undefined}
        onClose={() => setCode(undefined)}
        title={detail.data ? `${detail.data.code} ${detail.data.name}` : code}
        size="large"
        data-testid="programme-drawer"
      >
        {detail.data ? (
          <>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('prog.level')}>
                {label('ProgrammeLevel', detail.data.level)}
              </Descriptions.Item>
              <Descriptions.Item label={t('prog.category')}>
                {detail.data.categoryCode} {detail.data.categoryName}
              </Descriptions.Item>
              <Descriptions.Item label={t('prog.class')}>
                {detail.data.classCode} {detail.data.className}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5}>{t('prog.occupations')}</Typography.Title>
            {detail.data.occupations.length === 0 ? (
              <Empty description={t('prog.noOccupations')} />
            ) : (
              <List
                data-testid="programme-occupations"
                dataSource={detail.data.occupations}
                renderItem={(o) => (
                  <List.Item>
                    <List.Item.Meta title={`${o.code} ${o.name}`} description={o.definition ?? undefined} />
                  </List.Item>
                )}
              />
            )}
          </>
        ) : null}
      </Drawer>
    </div>
  );
}
