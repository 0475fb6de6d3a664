import type { ReactNode } from 'react';
import { Drawer, Grid, Result, Skeleton } from 'antd';
import { errorMessage } from '../api/client';

/** What the shell needs of a query (React Query's result fits). */
export interface DetailQuery<T> {
  data: T | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

/**
 * The shell every detail drawer shares (issue 8 item 15): open while there is something to show,
 * full width on a phone, a skeleton while loading, the server's message when loading failed, then
 * the page's content and its actions (e.g. 审核通过 / 不通过) in the footer.
 */
export function DetailDrawer<T>({
  open,
  onClose,
  title,
  query,
  width = 640,
  footer,
  children,
}: {
  open: boolean;
  onClose: () => void;
  /** A fixed title, or one made from the loaded object (shown once it is loaded). */
  title: ReactNode | ((data: T) => ReactNode);
  query: DetailQuery<T>;
  width?: number;
  footer?: (data: T) => ReactNode;
  children: (data: T) => ReactNode;
}) {
  const screens = Grid.useBreakpoint();
  const roomy = width > 700 ? screens.lg : screens.md;
  const data = query.data;
  const heading = typeof title === 'function' ? (data !== undefined ? (title as (d: T) => ReactNode)(data) : '详情') : title;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={heading}
      size={roomy ? width : '100%'}
      footer={data !== undefined && footer ? footer(data) : undefined}
      destroyOnHidden
    >
      {query.isPending ? (
        <Skeleton active />
      ) : query.isError ? (
        <Result status="warning" title={errorMessage(query.error)} />
      ) : (
        data !== undefined && children(data)
      )}
    </Drawer>
  );
}
