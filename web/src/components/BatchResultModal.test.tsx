import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { BatchResultModal } from './BatchResultModal';

const rows = [
  { key: 1, label: '郑州市第一中学', ok: true, message: '已通过' },
  { key: 2, label: '郑州市第二中学', ok: false, message: '该申请已被处理' },
];

describe('BatchResultModal', () => {
  it('counts what went through and says item by item why one did not', () => {
    const onClose = vi.fn();
    render(<BatchResultModal open rows={rows} measure="个" onClose={onClose} rowTestId="bulk-result" />);
    expect(screen.getByText('批量审核结果')).toBeTruthy();
    expect(screen.getByText('成功 1 个，失败 1 个')).toBeTruthy();
    const items = screen.getAllByTestId('bulk-result').map((li) => li.textContent);
    expect(items).toEqual(['郑州市第一中学已通过', '郑州市第二中学该申请已被处理']);
    fireEvent.click(screen.getByRole('button', { name: /知道了/ }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('cannot be closed while the items are still being sent one by one', () => {
    const onClose = vi.fn();
    render(<BatchResultModal open running rows={rows.slice(0, 1)} measure="条" onClose={onClose} />);
    expect(screen.getByText('正在逐个审核…')).toBeTruthy();
    expect(screen.getByText('成功 1 条，失败 0 条')).toBeTruthy();
    const ok = screen.getByRole('button', { name: /知道了/ });
    expect(ok.hasAttribute('disabled')).toBe(true);
    expect(document.querySelector('.ant-modal-close')).toBeNull();
  });
});
