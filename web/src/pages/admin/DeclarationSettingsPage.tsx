import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, InputNumber, Popconfirm, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { FormCode } from '@ce/shared';
import { api, errorMessage } from '../../api/client';
import type { DeclarationCapList, DeclarationWindowList } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';

const WINDOWS_KEY = ['admin', 'declaration-windows'] as const;
const CAPS_KEY = ['admin', 'declaration-caps'] as const;

/** 申报设置: the province bureau sets each year's declaration window and the cap per learning form. */
export function DeclarationSettingsPage() {
  return (
    <>
      <WindowsCard />
      <CapsCard />
    </>
  );
}

type WindowRow = DeclarationWindowList['items'][number];
interface WindowForm {
  year?: number;
  opensOn?: Dayjs;
  closesOn?: Dayjs;
}

function WindowsCard() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<WindowForm>();
  const windows = useQuery({ queryKey: WINDOWS_KEY, queryFn: () => api.get<DeclarationWindowList>('/api/admin/declaration-windows') });
  const save = useMutation({
    mutationFn: (v: Required<WindowForm>) =>
      api.put<DeclarationWindowList>(`/api/admin/declaration-windows/${v.year}`, {
        opensOn: v.opensOn.format('YYYY-MM-DD'),
        closesOn: v.closesOn.format('YYYY-MM-DD'),
      }),
    onSuccess: (data, v) => {
      queryClient.setQueryData(WINDOWS_KEY, data);
      void message.success(`${v.year}年度申报时间已保存`);
      form.resetFields();
    },
  });
  const remove = useMutation({
    mutationFn: (year: number) => api.del<DeclarationWindowList>(`/api/admin/declaration-windows/${year}`),
    onSuccess: (data, year) => {
      queryClient.setQueryData(WINDOWS_KEY, data);
      void message.success(`已取消${year}年度的申报时间设置`);
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  const columns: ColumnsType<WindowRow> = [
    { title: '年度', dataIndex: 'year', width: 90, render: (y: number) => `${y}年度` },
    { title: '开放日期', dataIndex: 'opensOn', width: 130 },
    { title: '截止日期', dataIndex: 'closesOn', width: 130 },
    { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      width: 140,
      render: (_, w) => (
        <Space size={4}>
          <Button
            size="small"
            type="link"
            onClick={() => form.setFieldsValue({ year: w.year, opensOn: dayjs(w.opensOn), closesOn: dayjs(w.closesOn) })}
          >
            修改
          </Button>
          <Popconfirm title={`取消${w.year}年度的申报时间设置？`} okText="取消设置" cancelText="保留" onConfirm={() => remove.mutate(w.year)}>
            <Button size="small" type="link" danger>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Card title="学时申报时间" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        {windows.data?.defaultRule ?? '未设置申报时间的年度，仅在当年可以申报（往年学时申报已截止）'}。
        设置后，该年度在开放日期至截止日期之间可以申报（例如允许上一年度的学时在次年1月底前补报）。
      </Typography.Paragraph>
      <Form<WindowForm>
        form={form}
        name="window"
        layout="inline"
        className="filter-form"
        onFinish={(v) => save.mutate(v as Required<WindowForm>)}
      >
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 110 }} placeholder={String(windows.data?.currentYear ?? '')} />
        </Form.Item>
        <Form.Item name="opensOn" label="开放日期" rules={[{ required: true, message: '请选择开放日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item
          name="closesOn"
          label="截止日期"
          dependencies={['opensOn']}
          rules={[
            { required: true, message: '请选择截止日期' },
            ({ getFieldValue }) => ({
              validator: async (_, value: Dayjs | undefined) => {
                const opens = getFieldValue('opensOn') as Dayjs | undefined;
                if (value && opens && value.isBefore(opens, 'day')) throw new Error('截止日期不能早于开放日期');
              },
            }),
          ]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
        </Form.Item>
      </Form>
      <ErrorAlert error={save.error} />
      <Table<WindowRow>
        rowKey="year"
        size="small"
        columns={columns}
        dataSource={windows.data?.items ?? []}
        loading={windows.isPending}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: windows.isError ? errorMessage(windows.error) : '尚未设置任何年度的申报时间，按默认规则执行' }}
      />
    </Card>
  );
}

type CapRow = DeclarationCapList['items'][number];

function CapsCard() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const caps = useQuery({ queryKey: CAPS_KEY, queryFn: () => api.get<DeclarationCapList>('/api/admin/declaration-caps') });
  const [editing, setEditing] = useState<Partial<Record<FormCode, number | null>>>({});
  const save = useMutation({
    mutationFn: (d: { form: FormCode; maxHours: number | null }) =>
      api.put<DeclarationCapList>(`/api/admin/declaration-caps/${d.form}`, { maxHours: d.maxHours }),
    onSuccess: (data, d) => {
      queryClient.setQueryData(CAPS_KEY, data);
      setEditing((e) => {
        const next = { ...e };
        delete next[d.form];
        return next;
      });
      const label = data.items.find((i) => i.form === d.form)?.formLabel ?? '';
      void message.success(d.maxHours == null ? `已取消“${label}”的学时上限` : `“${label}”每条申报上限已设为${d.maxHours}学时`);
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  const columns: ColumnsType<CapRow> = [
    { title: '学习形式', dataIndex: 'formLabel', width: 280 },
    {
      title: '每条申报学时上限',
      key: 'max',
      width: 220,
      render: (_, c) => {
        const value = c.form in editing ? editing[c.form] : c.maxHours;
        return (
          <InputNumber
            aria-label={`${c.formLabel}学时上限`}
            min={0.1}
            max={9999}
            step={1}
            value={value ?? null}
            placeholder="不设上限"
            suffix="学时"
            style={{ width: 160 }}
            onChange={(v) => setEditing((e) => ({ ...e, [c.form]: v }))}
          />
        );
      },
    },
    { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_, c) => (
        <Space size={4}>
          <Button
            size="small"
            type="link"
            disabled={!(c.form in editing) || editing[c.form] === c.maxHours}
            loading={save.isPending && save.variables?.form === c.form}
            onClick={() => save.mutate({ form: c.form, maxHours: editing[c.form] ?? null })}
          >
            保存
          </Button>
          {c.maxHours != null && (
            <Button size="small" type="link" danger onClick={() => save.mutate({ form: c.form, maxHours: null })}>
              取消上限
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card title="学时上限">
      <Typography.Paragraph type="secondary">
        超过上限的申报在提交时即被拒绝，用于拦截明显不合理的申报（如一条申报填写200–300学时）；学时折算标准以内的差异由各级审核把关。
      </Typography.Paragraph>
      <Table<CapRow>
        rowKey="form"
        size="small"
        columns={columns}
        dataSource={caps.data?.items ?? []}
        loading={caps.isPending}
        pagination={false}
        scroll={{ x: 760 }}
        locale={{ emptyText: caps.isError ? errorMessage(caps.error) : '暂无数据' }}
      />
    </Card>
  );
}
