import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, InputNumber, Popconfirm, Space, Switch, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { FormCode } from '@ce/shared';
import { MAX_REVIEW_DEADLINE_DAYS, MIN_REVIEW_DEADLINE_DAYS, declarationSettingsApi, homeApi, mfaApi } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
import { useEndpoint } from '../../api/queries';
import type { DeclarationCapList, DeclarationWindowList } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnomalySettingsCard } from './platforms/AnomalySettingsCard';
import { formatDateTime } from '../../lib/format';

const WINDOWS_KEY = ['admin', 'declaration-windows'] as const;
const CAPS_KEY = ['admin', 'declaration-caps'] as const;

/**
 * 申报设置: the province bureau sets each year's declaration window, the cap per learning
 * form, and the review deadline (审核时限) every queue marks 逾期 by.
 */
export function DeclarationSettingsPage() {
  return (
    <>
      <WindowsCard />
      <CapsCard />
      <ReviewDeadlineCard />
      <SecuritySettingsCard />
      <AnomalySettingsCard />
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
  const windows = useQuery({ queryKey: WINDOWS_KEY, queryFn: () => call(declarationSettingsApi.windows) });
  const save = useMutation({
    mutationFn: (v: Required<WindowForm>) =>
      call(declarationSettingsApi.setWindow, {
        params: { year: v.year },
        body: { opensOn: v.opensOn.format('YYYY-MM-DD'), closesOn: v.closesOn.format('YYYY-MM-DD') },
      }),
    onSuccess: (data, v) => {
      queryClient.setQueryData(WINDOWS_KEY, data);
      void message.success(`${v.year}年度申报时间已保存`);
      form.resetFields();
    },
  });
  const remove = useMutation({
    mutationFn: (year: number) => call(declarationSettingsApi.deleteWindow, { params: { year } }),
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
  const caps = useQuery({ queryKey: CAPS_KEY, queryFn: () => call(declarationSettingsApi.caps) });
  const [editing, setEditing] = useState<Partial<Record<FormCode, number | null>>>({});
  const save = useMutation({
    mutationFn: (d: { form: FormCode; maxHours: number | null }) =>
      call(declarationSettingsApi.setCap, { params: { form: d.form }, body: { maxHours: d.maxHours } }),
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

/** 审核时限: how many days an item may wait at one level of review before it is 逾期 (issue 12). */
function ReviewDeadlineCard() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const setting = useEndpoint(homeApi.reviewDeadline, {});
  const [days, setDays] = useState<number | null>(null);
  const save = useMutation({
    mutationFn: (value: number) => call(homeApi.setReviewDeadline, { body: { days: value } }),
    onSuccess: (data) => {
      setDays(null);
      void queryClient.invalidateQueries({ queryKey: ['admin'] });
      void message.success(`审核时限已设为每级 ${data.days} 天`);
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  const s = setting.data;
  const value = days ?? s?.days ?? null;
  return (
    <Card title="审核时限" style={{ marginTop: 16 }} loading={setting.isPending}>
      <ErrorAlert error={setting.error} />
      <Typography.Paragraph type="secondary">
        注册、人员信息变更、调转、学时申报、培训计划、电子签章申请、抽查复核等事项在每一级审核处可等待的天数（自然日）。超过时限的事项在各审核列表和首页标为“逾期”，每天上午向有逾期事项的管理员发送一次提醒。
      </Typography.Paragraph>
      <Space wrap>
        <span>每级审核时限</span>
        <InputNumber
          min={MIN_REVIEW_DEADLINE_DAYS}
          max={MAX_REVIEW_DEADLINE_DAYS}
          precision={0}
          value={value}
          onChange={(v) => setDays(v)}
          suffix="天"
          style={{ width: 160 }}
        />
        <Button type="primary" loading={save.isPending} disabled={value === null || value === s?.days} onClick={() => value !== null && save.mutate(value)}>
          保存
        </Button>
        {s && (
          <Typography.Text type="secondary">
            {s.updatedAt ? `${s.updatedByName ?? ''} 于 ${formatDateTime(s.updatedAt)} 设置` : '尚未设置，使用默认值'}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}

/** 安全设置 (issue 9 item 7): the province's switch extending the second factor to every admin. */
function SecuritySettingsCard() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const setting = useEndpoint(mfaApi.settings, {});
  const save = useMutation({
    mutationFn: (on: boolean) => call(mfaApi.setSettings, { body: { mfaAllAdmins: on } }),
    onSuccess: (data) => {
      void queryClient.invalidateQueries({ queryKey: ['admin'] });
      void message.success(data.mfaAllAdmins ? '已要求所有管理员启用双因素认证' : '已恢复默认：人社部门、主管部门管理员和单位超级管理员启用双因素认证');
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  const s = setting.data;
  return (
    <Card title="安全设置" style={{ marginTop: 16 }} loading={setting.isPending}>
      <ErrorAlert error={setting.error} />
      <Typography.Paragraph type="secondary">
        人社部门、主管部门的管理员和用人单位（含继续教育基地）的超级管理员登录时，必须在密码之外输入手机验证器上的动态验证码（双因素认证）。开启下面的开关后，所有管理员（含单位的普通管理员）都须启用；专业技术人员不受影响。
      </Typography.Paragraph>
      <Space wrap>
        <Switch
          checked={s?.mfaAllAdmins ?? false}
          disabled={!s?.canEdit}
          loading={save.isPending}
          onChange={(on) => save.mutate(on)}
          aria-label="所有管理员启用双因素认证"
        />
        <span>所有管理员启用双因素认证</span>
        {s && (
          <Typography.Text type="secondary">
            {s.updatedAt ? `${s.updatedByName ?? ''} 于 ${formatDateTime(s.updatedAt)} 设置` : '尚未设置，使用默认范围'}
            {s.canEdit ? '' : '（仅省人社厅超级管理员可修改）'}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
