import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { mockFetch, renderAt } from '../../test/render';
import { DeclarationSettingsPage } from './DeclarationSettingsPage';

function typeDate(input: HTMLInputElement, value: string) {
  fireEvent.mouseDown(input);
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
  fireEvent.blur(input);
}
const field = (id: string) => document.getElementById(id) as HTMLInputElement;

describe('forms after a successful save', () => {
  it('申报时间: the form empties without red required-field errors', async () => {
    const list = { currentYear: 2026, defaultRule: '默认', items: [] as unknown[] };
    mockFetch((url, method) => {
      if (url.startsWith('/api/admin/declaration-windows/2025') && method === 'PUT')
        return [
          200,
          {
            ...list,
            items: [
              {
                year: 2025,
                opensOn: '2025-01-01',
                closesOn: '2026-01-31',
                updatedAt: '2026-01-01T00:00:00Z',
              },
            ],
          },
        ];
      if (url.startsWith('/api/admin/declaration-windows')) return [200, list];
      if (url.startsWith('/api/admin/declaration-caps')) return [200, { items: [] }];
      if (url.startsWith('/api/admin/review-deadline'))
        return [200, { days: 15, updatedAt: null, updatedBy: null }];
      return [200, {}];
    });
    renderAt(<DeclarationSettingsPage />);
    fireEvent.change(await waitFor(() => field('window_year')), { target: { value: '2025' } });
    typeDate(field('window_opensOn'), '2025-01-01');
    typeDate(field('window_closesOn'), '2026-01-31');
    fireEvent.click(screen.getAllByRole('button', { name: /保\s*存/ })[0]!);
    await screen.findByText('2025年度申报时间已保存');
    await new Promise((r) => setTimeout(r, 300));
    expect(document.querySelectorAll('.ant-form-item-explain-error').length).toBe(0);
  });
});
