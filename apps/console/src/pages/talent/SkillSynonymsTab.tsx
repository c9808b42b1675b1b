import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Popconfirm, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { describeError } from '../../api/describe-error';
import { formFieldErrors } from '../../api/errors';
import { useConsortium } from '../../app/useConsortium';
import { formatDateTime } from '../../format/datetime';
import { useRules } from '../../forms/rules';
import { useI18n } from '../../i18n/I18nProvider';
import { TALENT_LIMITS as L, type SkillSynonym } from './talent-rules';

/**
 * 技能同义词: the variants the consortium maps to one spelling of a skill. Everyone reads the
 * list; the secretariat adds (postings using the variant are rewritten) and removes entries.
 */
export function SkillSynonymsTab() {
  const { consortiumId, can } = useConsortium();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const rules = useRules();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const manage = can('talent:moderate');
  const synonyms = useQuery({
    queryKey: ['skill-synonyms', consortiumId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/consortia/{consortiumId}/skill-synonyms', { params: { path: { consortiumId } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['skill-synonyms', consortiumId] });

  const add = async (values: { variant: string; skill: string }) => {
    setBusy(true);
    try {
      const added = await unwrap(
        api.POST('/api/v1/consortia/{consortiumId}/skill-synonyms', {
          params: { path: { consortiumId } },
          body: { variant: values.variant.trim(), skill: values.skill.trim() },
        }),
      );
      message.success(t('talent.synonymAdded', { variant: added.variant, skill: added.skill }));
      form.resetFields();
      await refresh();
    } catch (error) {
      const fields = formFieldErrors(error, ['variant', 'skill']);
      if (fields.length > 0) form.setFields(fields);
      else message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (synonym: SkillSynonym) => {
    try {
      await unwrap(
        api.DELETE('/api/v1/consortia/{consortiumId}/skill-synonyms/{synonymId}', {
          params: { path: { consortiumId, synonymId: synonym.id } },
        }),
      );
      message.success(t('talent.synonymRemoved', { variant: synonym.variant }));
      await refresh();
    } catch (error) {
      message.error(describeError(error, t));
    }
  };

  return (
    <Card>
      <Typography.Paragraph type="secondary">{t('talent.synonymsHint')}</Typography.Paragraph>
      {manage ? (
        <Form
          form={form}
          layout="inline"
          onFinish={add}
          style={{ marginBottom: 16, rowGap: 8 }}
          data-testid="synonym-form"
        >
          <Form.Item name="variant" rules={[rules.required(), rules.optionalLength(L.synonym.min, L.synonym.max)]}>
            <Input placeholder={t('talent.synonymVariant')} data-testid="synonym-variant" />
          </Form.Item>
          <Form.Item name="skill" rules={[rules.required(), rules.optionalLength(L.synonym.min, L.synonym.max)]}>
            <Input placeholder={t('talent.synonymSkill')} data-testid="synonym-skill" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="synonym-add">
              {t('talent.synonymAdd')}
            </Button>
          </Form.Item>
        </Form>
      ) : null}
      <div data-testid="synonyms-table">
        <Table<SkillSynonym>
          rowKey="id"
          loading={synonyms.isLoading}
          dataSource={synonyms.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          size="middle"
          columns={[
            { title: t('talent.synonymVariant'), dataIndex: 'variant' },
            { title: t('talent.synonymSkill'), dataIndex: 'skill' },
            {
              title: t('talent.synonymSince'),
              dataIndex: 'createdAt',
              render: (v: string) => formatDateTime(v, locale),
            },
            ...(manage
              ? [
                  {
                    title: '',
                    key: 'remove',
                    render: (_v: unknown, row: SkillSynonym) => (
                      <Popconfirm
                        title={t('talent.synonymRemoveConfirm', { variant: row.variant })}
                        okText={t('common.remove')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => remove(row)}
                      >
                        <Button size="small" danger data-testid="synonym-remove">
                          {t('common.remove')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </div>
    </Card>
  );
}
