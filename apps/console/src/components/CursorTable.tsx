import { Button, Select, Space, Table, Typography } from 'antd';
import type { ColumnType, TableProps } from 'antd/es/table';
import type { Key } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { CursorList } from './useCursorList';

export type CursorColumn<T> = ColumnType<T> & {
  /** The API's sort value for this column (`name` sorts ascending, `-name` descending). */
  sortKey?: string;
};

interface CursorTableProps<T> {
  list: CursorList<T>;
  columns: Array<CursorColumn<T>>;
  rowKey: keyof T & string;
  onRowClick?(row: T): void;
  selectedRowKeys?: Key[];
  onSelect?(keys: Key[], rows: T[]): void;
  testId?: string;
}

/**
 * An Ant Design table over a `useCursorList`: server-side sort by column, previous / next
 * keyset pages, the total when the API counts it; it scrolls sideways on narrow screens.
 */
export function CursorTable<T extends object>({
  list,
  columns,
  rowKey,
  onRowClick,
  selectedRowKeys,
  onSelect,
  testId,
}: CursorTableProps<T>) {
  const { t } = useI18n();
  const sortedColumns = columns.map((column) => {
    if (!column.sortKey) return column;
    const key = column.sortKey;
    const order = list.sort === key ? 'ascend' : list.sort === `-${key}` ? 'descend' : null;
    return { ...column, sorter: true, sortOrder: order, sortDirections: ['ascend', 'descend'] } as ColumnType<T>;
  });
  const onChange: TableProps<T>['onChange'] = (_pagination, _filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const column = single?.column as CursorColumn<T> | undefined;
    if (!column?.sortKey || !single.order) return list.setSort(undefined);
    list.setSort(single.order === 'descend' ? `-${column.sortKey}` : column.sortKey);
  };
  return (
    <div data-testid={testId}>
      <Table<T>
        rowKey={rowKey}
        columns={sortedColumns}
        dataSource={list.items}
        loading={list.fetching}
        pagination={false}
        onChange={onChange}
        scroll={{ x: 'max-content' }}
        size="middle"
        rowSelection={onSelect ? { selectedRowKeys, onChange: onSelect } : undefined}
        onRow={onRowClick ? (row) => ({ onClick: () => onRowClick(row), style: { cursor: 'pointer' } }) : undefined}
      />
      <Space style={{ marginTop: 16, width: '100%', justifyContent: 'flex-end' }} wrap>
        {list.total !== undefined ? (
          <Typography.Text type="secondary" data-testid="list-total">
            {t('list.total', { total: list.total })}
          </Typography.Text>
        ) : null}
        <Button onClick={list.previous} disabled={!list.hasPrevious} data-testid="page-previous">
          {t('list.previous')}
        </Button>
        <Typography.Text>{t('list.page', { page: list.page })}</Typography.Text>
        <Button onClick={list.next} disabled={!list.hasNext} data-testid="page-next">
          {t('list.next')}
        </Button>
        <Select
          value={list.limit}
          onChange={list.setLimit}
          options={[10, 20, 50, 100].map((n) => ({ value: n, label: t('list.perPage', { n }) }))}
          style={{ width: 110 }}
        />
      </Space>
    </div>
  );
}
