import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { Button } from 'antd';
import { ApiError } from '../api/client';
import { DetailDrawer, type DetailQuery } from './DetailDrawer';

interface Thing {
  name: string;
}
const loaded = (data: Thing): DetailQuery<Thing> => ({ data, isPending: false, isError: false, error: null });

describe('DetailDrawer', () => {
  it('shows a skeleton while loading, and no footer yet', () => {
    const { baseElement } = render(
      <DetailDrawer open onClose={() => undefined} title="机构详情" query={{ data: undefined, isPending: true, isError: false, error: null }} footer={() => <Button>审核通过</Button>}>
        {(t: Thing) => <div>{t.name}</div>}
      </DetailDrawer>,
    );
    expect(baseElement.querySelector('.ant-skeleton')).not.toBeNull();
    expect(screen.queryByRole('button', { name: '审核通过' })).toBeNull();
  });

  it('says why loading failed in the server’s words', () => {
    const error = new ApiError(404, 'NOT_FOUND', '该申报不存在或不在您的管理范围内');
    render(
      <DetailDrawer open onClose={() => undefined} title="申报详情" query={{ data: undefined, isPending: false, isError: true, error }}>
        {(t: Thing) => <div>{t.name}</div>}
      </DetailDrawer>,
    );
    expect(screen.getByText('该申报不存在或不在您的管理范围内')).toBeTruthy();
  });

  it('titles itself from the loaded object and offers its actions', () => {
    const onClose = vi.fn();
    const approve = vi.fn();
    render(
      <DetailDrawer
        open
        onClose={onClose}
        title={(t: Thing) => `${t.name}：详情`}
        query={loaded({ name: '郑州市第一中学' })}
        footer={() => <Button onClick={approve}>审核通过</Button>}
      >
        {(t) => <div>单位名称 {t.name}</div>}
      </DetailDrawer>,
    );
    expect(screen.getByText('郑州市第一中学：详情')).toBeTruthy();
    expect(screen.getByText('单位名称 郑州市第一中学')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '审核通过' }));
    expect(approve).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
