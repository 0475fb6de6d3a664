import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { declarationSettingsApi, validateIdNumber } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
import type { YearOpening } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, today, yearNow } from '../../lib/format';
import { PagedTable } from '../../components/PagedTable';
import { personColumn, Stacked } from '../../components/Stacked';

const KEY = ['admin', 'declaration-openings'] as const;

interface OpeningForm {
  idNumber?: string;
  year?: number;
  reason?: string;
  expiresOn?: Dayjs;
}

/**
 * 往年补报 (R-15, FAQ "能否申报往年学时？"): an HRSS bureau opens a past year for a named person of its
 * region, with a reason and an expiry; the list shows every opening and can cancel one early.
 */
export function DeclarationOpeningsPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<OpeningForm>();
  const [year, setYear] = useState<number>();
  const currentYear = yearNow();
  const pastYears = Array.from({ length: 8 }, (_, i) => currentYear - 1 - i);

  const list = useInfiniteQuery({
    queryKey: [...KEY, year],
    queryFn: ({ pageParam }) => call(declarationSettingsApi.openings, { query: { year, after: pageParam, limit: 20 } }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const create = useMutation({
    mutationFn: (v: OpeningForm) =>
      call(declarationSettingsApi.open, {
        body: {
          idNumber: v.idNumber!.trim().toUpperCase(),
          year: v.year!,
          reason: v.reason!.trim(),
          expiresOn: v.expiresOn!.format('YYYY-MM-DD'),
        },
      }),
    onSuccess: (o) => {
      void message.success(`已为${o.person.name}开放${o.year}年度学时补报，有效期至${formatDateTime(o.expiresAt).slice(0, 10)}`);
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
  });
  const cancel = useMutation({
    mutationFn: (o: YearOpening) => call(declarationSettingsApi.cancelOpening, { params: { id: o.id } }),
    onSuccess: (o) => {
      void message.success(`已取消${o.person.name}的${o.year}年度补报`);
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: (err) => {
      void message.error(errorMessage(err));
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
  });

  // Widths add up to what fits beside the menu at 1366 px (issue 8 item 5): secondary facts sit
  // under the key one in the same cell instead of in columns of their own.
  const columns: ColumnsType<YearOpening> = [
    personColumn((o) => o.person),
    { title: '所在单位', dataIndex: 'unitName', width: 160 },
    { title: '补报年度', dataIndex: 'year', width: 80, render: (y: number) => `${y}年度` },
    { title: '原因', dataIndex: 'reason', width: 240, ellipsis: true },
    { title: '有效期至', dataIndex: 'expiresAt', width: 100, render: (v: string) => formatDateTime(v).slice(0, 10) },
    {
      title: '开放机构 / 时间',
      dataIndex: 'bureauName',
      width: 160,
      render: (name: string, o) => <Stacked main={name} sub={formatDateTime(o.createdAt)} subWraps />,
    },
    {
      title: '状态',
      key: 'state',
      width: 70,
      render: (_, o) =>
        o.cancelledAt ? <Tag>已取消</Tag> : o.active ? <Tag color="green">有效</Tag> : <Tag color="default">已过期</Tag>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 70,
      fixed: 'right',
      render: (_, o) =>
        o.active ? (
          <Popconfirm
            title={`提前取消${o.person.name}的${o.year}年度补报？`}
            okText="取消补报"
            cancelText="保留"
            onConfirm={() => cancel.mutate(o)}
          >
            <Button size="small" type="link" danger>
              取消
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <>
      <Card title="开放往年学时补报" style={{ marginBottom: 16 }}>
        <p className="muted">
          往年学时申报已截止。因特殊情况需补报往年学时的专业技术人员（须属本辖区），可在此为其单独开放某一年度，到期自动关闭。
        </p>
        <Form<OpeningForm> form={form} name="opening" layout="vertical" onFinish={(v) => create.mutate(v)} style={{ maxWidth: 560 }}>
          <Form.Item
            name="idNumber"
            label="专业技术人员身份证号"
            rules={[
              { required: true, whitespace: true, message: '请输入专业技术人员的身份证号' },
              {
                validator: async (_, v: string | undefined) => {
                  if (!v?.trim()) return;
                  const check = validateIdNumber(v, today());
                  if (!check.ok) throw new Error(check.message);
                },
              },
            ]}
          >
            <Input maxLength={18} placeholder="18位身份证号" />
          </Form.Item>
          <Form.Item name="year" label="补报年度" rules={[{ required: true, message: '请选择补报年度' }]}>
            <Select<number> options={pastYears.map((y) => ({ value: y, label: `${y}年度` }))} placeholder="请选择往年年度" />
          </Form.Item>
          <Form.Item
            name="reason"
            label="开放原因"
            rules={[
              { required: true, whitespace: true, message: '请填写开放原因' },
              { min: 2, message: '请填写开放原因（至少2个字）' },
            ]}
          >
            <Input.TextArea rows={2} maxLength={500} showCount placeholder="例如：援疆期间未能按时申报，经单位申请补报" />
          </Form.Item>
          <Form.Item
            name="expiresOn"
            label="有效期至"
            extra="最长一年；到期后该人员不能再申报该年度"
            rules={[{ required: true, message: '请选择有效期' }]}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.format('YYYY-MM-DD') < today() || d.isAfter(dayjs(today()).add(365, 'day'), 'day')}
            />
          </Form.Item>
          <ErrorAlert error={create.error} />
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            开放补报
          </Button>
        </Form>
      </Card>
      <Card
        title="已开放的往年补报"
        extra={
          <Space>
            <span>补报年度</span>
            <Select<number | 'all'>
              value={year ?? 'all'}
              style={{ width: 130 }}
              onChange={(v) => setYear(v === 'all' ? undefined : v)}
              options={[{ value: 'all' as const, label: '全部' }, ...pastYears.map((y) => ({ value: y, label: `${y}年度` }))]}
            />
          </Space>
        }
      >
        <PagedTable<YearOpening>
          list={{ ...list, rows }}
          unit="条开放记录"
          emptyText="暂无开放的往年补报"
          rowKey="id"
          size="small"
          columns={columns}
          scroll={{ x: 1040 }}
        />
      </Card>
    </>
  );
}
