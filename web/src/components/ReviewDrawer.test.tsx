import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import type { DetailQuery } from './DetailDrawer';
import { EvidenceImages, ReviewDrawer } from './ReviewDrawer';

interface Item {
  name: string;
  pending: boolean;
}
const loaded = (data: Item): DetailQuery<Item> => ({ data, isPending: false, isError: false, error: null });

const drawer = (item: Item, onApprove = vi.fn(), onReject = vi.fn()) =>
  render(
    <ReviewDrawer<Item>
      open
      onClose={() => undefined}
      title={(i) => `${i.name}的申请`}
      query={loaded(item)}
      decidable={(i) => i.pending}
      onApprove={onApprove}
      onReject={onReject}
      approveText="批准启用"
      rejectText="不予启用"
    >
      {(i) => <div>申请单位 {i.name}</div>}
    </ReviewDrawer>,
  );

describe('ReviewDrawer', () => {
  it('offers the page’s approve and reject buttons while the item waits, each called with the item', () => {
    const onApprove = vi.fn();
    const onReject = vi.fn();
    const item = { name: '郑州市人社局', pending: true };
    drawer(item, onApprove, onReject);
    expect(screen.getByText('郑州市人社局的申请')).toBeTruthy();
    expect(screen.getByText('申请单位 郑州市人社局')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '批准启用' }));
    expect(onApprove).toHaveBeenCalledWith(item);
    fireEvent.click(screen.getByRole('button', { name: '不予启用' }));
    expect(onReject).toHaveBeenCalledWith(item);
  });

  it('shows a decided item without buttons', () => {
    drawer({ name: '开封市人社局', pending: false });
    expect(screen.getByText('申请单位 开封市人社局')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '批准启用' })).toBeNull();
    expect(screen.queryByRole('button', { name: '不予启用' })).toBeNull();
  });
});

describe('EvidenceImages', () => {
  it('shows what to check and each image with its alt text and caption', () => {
    render(
      <EvidenceImages
        title="身份证照片"
        hint="请核对照片上的姓名、身份证号"
        images={[
          { src: '/front', alt: '身份证正面照片', caption: '正面' },
          { src: '/back', alt: '身份证反面照片', caption: '反面' },
        ]}
      />,
    );
    expect(screen.getByText('身份证照片')).toBeTruthy();
    expect(screen.getByText('请核对照片上的姓名、身份证号')).toBeTruthy();
    expect(screen.getByAltText('身份证正面照片').getAttribute('src')).toBe('/front');
    expect(screen.getByAltText('身份证反面照片').getAttribute('src')).toBe('/back');
    expect(screen.getByText('反面')).toBeTruthy();
  });
});
