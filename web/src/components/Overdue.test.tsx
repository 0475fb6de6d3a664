import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { Table } from 'antd';
import { submittedColumn } from './Overdue';

interface Item {
  id: number;
  submittedAt: string;
  reachedHereAt: string | null;
}

const DAY = 24 * 3600_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

describe('submittedColumn', () => {
  it('shows 提交时间 and 逾期 once the item has waited longer than the deadline', () => {
    const rows: Item[] = [
      { id: 1, submittedAt: ago(20), reachedHereAt: null },
      { id: 2, submittedAt: ago(3), reachedHereAt: null },
    ];
    render(<Table<Item> rowKey="id" dataSource={rows} pagination={false} columns={[submittedColumn({ dataIndex: 'submittedAt', width: 110, deadline: 15 })]} />);
    expect(screen.getByRole('columnheader').textContent).toBe('提交时间');
    const cells = [...document.querySelectorAll('tbody td')].map((td) => td.textContent);
    expect(cells[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}逾期$/);
    expect(cells[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it('counts from when the row reached this level, and not at all where it does not wait here', () => {
    const rows: Item[] = [
      { id: 1, submittedAt: ago(30), reachedHereAt: ago(2) },
      { id: 2, submittedAt: ago(30), reachedHereAt: null },
      { id: 3, submittedAt: ago(30), reachedHereAt: ago(16) },
    ];
    render(
      <Table<Item>
        rowKey="id"
        dataSource={rows}
        pagination={false}
        columns={[submittedColumn({ dataIndex: 'submittedAt', width: 110, deadline: 15, since: (r) => r.reachedHereAt })]}
      />,
    );
    const overdue = [...document.querySelectorAll('tbody td')].map((td) => td.textContent!.endsWith('逾期'));
    expect(overdue).toEqual([false, false, true]);
  });

  it('says nothing before the deadline is known', () => {
    render(<Table<Item> rowKey="id" dataSource={[{ id: 1, submittedAt: ago(40), reachedHereAt: null }]} pagination={false} columns={[submittedColumn({ dataIndex: 'submittedAt', width: 110, deadline: null })]} />);
    expect(screen.queryByText('逾期')).toBeNull();
  });
});
