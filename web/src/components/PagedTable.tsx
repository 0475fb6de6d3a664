import { Button, Table } from 'antd';
import type { TableProps } from 'antd';
import { errorMessage } from '../api/client';

/** What PagedTable needs of `usePagedList(...)`. */
export interface PagedRows<R> {
  rows: R[];
  isPending: boolean;
  isError: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/**
 * Every list of the console: a table over a keyset-paginated endpoint with "加载更多" below it.
 * Columns wrap long text (no clipping at 1366 px); `unit` names the rows ("已显示全部 12 个机构").
 */
export function PagedTable<R extends object>({
  list,
  unit,
  emptyText,
  ...table
}: {
  list: PagedRows<R>;
  /** Counting word with its measure: "个机构", "条申报". */
  unit: string;
  emptyText: string;
} & Omit<TableProps<R>, 'dataSource' | 'loading' | 'pagination'>) {
  return (
    <>
      <Table<R>
        rowKey="id"
        size="middle"
        {...table}
        dataSource={list.rows}
        loading={list.isPending}
        pagination={false}
        locale={{ emptyText: list.isError ? errorMessage(list.error) : emptyText, ...table.locale }}
      />
      <div className="load-more">
        {list.hasNextPage ? (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            加载更多
          </Button>
        ) : list.rows.length > 0 ? (
          <span className="muted">
            已显示全部 {list.rows.length} {unit}
          </span>
        ) : null}
      </div>
    </>
  );
}
