import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  Radio,
  Result,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MAX_SAMPLE_SIZE, samplingApi } from '@ce/shared';
import { ApiError, call, errorMessage } from '../../api/client';
import type { SampleDetail, SampleSummary, SampleVerify } from '../../api/types';
import { HoursCompare } from '../../components/DeclarationParts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, yearNow } from '../../lib/format';
import { DeclarationDetailDrawer } from './DeclarationDetailDrawer';
import { ReasonModal } from './ReasonModal';
import { OverdueTag, useReviewDeadline } from '../../components/Overdue';
import { PagedTable } from '../../components/PagedTable';
import { Stacked } from '../../components/Stacked';

const KEY = ['admin', 'declaration-samples'] as const;
const sampleKey = (id: number | null) => [...KEY, 'detail', id] as const;

interface DrawForm {
  year?: number;
  by: 'rate' | 'count';
  ratePercent?: number;
  count?: number;
  seed?: string;
}

const OUTCOME_COLORS = { pending: 'gold', confirmed: 'green', revoked: 'red' } as const;

const sizeText = (s: SampleSummary) =>
  s.rate != null ? `比例 ${Math.round(s.rate * 1000) / 10}%` : `指定 ${s.requestedCount} 条`;

/**
 * 抽查审验 (第十一条（四）, R-17): the bureau draws a reproducible random sample of a year's approved
 * declarations in its region, re-checks each one (复核通过, or 撤销 with a reason) and can re-run a
 * draw with its recorded seed to show it was not hand-picked.
 */
export function SamplingPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DrawForm>();
  const [openId, setOpenId] = useState<number | null>(null);
  const by = Form.useWatch('by', form) ?? 'rate';
  const currentYear = yearNow();
  const years = Array.from({ length: 6 }, (_, i) => currentYear - i);

  const list = useInfiniteQuery({
    queryKey: [...KEY, 'list'],
    queryFn: ({ pageParam }) => call(samplingApi.list, { query: { after: pageParam, limit: 20 } }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const draw = useMutation({
    mutationFn: (v: DrawForm) =>
      call(samplingApi.draw, {
        body: {
          year: v.year!,
          ...(v.by === 'rate' ? { rate: (v.ratePercent ?? 0) / 100 } : { count: v.count }),
          ...(v.seed?.trim() ? { seed: v.seed.trim() } : {}),
        },
      }),
    onSuccess: (s) => {
      queryClient.setQueryData(sampleKey(s.id), s);
      void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
      void message.success(`已从${s.populationSize}条审核通过的申报中抽取${s.sampleSize}条，随机种子“${s.seed}”`);
      setOpenId(s.id);
    },
  });

  const deadline = useReviewDeadline();
  // Widths add up to what fits beside the menu at 1366 px (issue 8 item 5): secondary facts sit
  // under the key one in the same cell instead of in columns of their own.
  const columns: ColumnsType<SampleSummary> = [
    {
      title: '年度 / 编号',
      dataIndex: 'year',
      width: 80,
      render: (y: number, s) => (
        <>
          <div>{y}年度</div>
          <div className="muted">编号 {s.id}</div>
        </>
      ),
    },
    { title: '抽查范围', dataIndex: 'bureauName', width: 200 },
    {
      title: '抽取方式 / 总体 / 抽取',
      key: 'by',
      width: 130,
      render: (_, s) => (
        <>
          <div>{sizeText(s)}</div>
          <div className="muted">
            {s.populationSize} / {s.sampleSize}
          </div>
        </>
      ),
    },
    {
      title: '复核进度',
      key: 'progress',
      width: 200,
      render: (_, s) => (
        <Space size={4} wrap>
          <Tag color="green">已复核 {s.confirmed}</Tag>
          <Tag color="red">已撤销 {s.revoked}</Tag>
          <Tag color="gold">待复核 {s.pending}</Tag>
        </Space>
      ),
    },
    { title: '随机种子', dataIndex: 'seed', width: 200, ellipsis: true },
    {
      title: '抽取人 / 时间',
      dataIndex: 'drawnAt',
      width: 110,
      render: (t: string, s) => (
        <>
          <div>{s.drawnByName}</div>
          <div className="muted">
            {formatDateTime(t)}
            <OverdueTag since={s.pending > 0 ? t : null} days={deadline} />
          </div>
        </>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 70,
      fixed: 'right',
      render: (_, s) => (
        <Button size="small" type="link" onClick={() => setOpenId(s.id)}>
          查看
        </Button>
      ),
    },
  ];

  return (
    <>
      <Card title="抽查审验" style={{ marginBottom: 16 }}>
        <p className="muted">
          按《河南省专业技术人员继续教育证书管理办法》第十一条（四），对本辖区审核通过的学时申报随机抽查审验。
          每次抽取记录随机种子，可随时用同一种子重新抽取，验证抽查结果未经人为挑选。
        </p>
        <Form<DrawForm>
          form={form}
          name="draw"
          layout="inline"
          className="filter-form"
          initialValues={{ year: currentYear - 1, by: 'rate', ratePercent: 5 }}
          onFinish={(v) => draw.mutate(v)}
        >
          <Form.Item name="year" label="抽查年度" rules={[{ required: true, message: '请选择年度' }]}>
            <Select<number> style={{ width: 120 }} options={years.map((y) => ({ value: y, label: `${y}年度` }))} />
          </Form.Item>
          <Form.Item name="by" label="抽取方式">
            <Radio.Group
              options={[
                { value: 'rate', label: '按比例' },
                { value: 'count', label: '按条数' },
              ]}
            />
          </Form.Item>
          {by === 'rate' ? (
            <Form.Item name="ratePercent" label="抽查比例" rules={[{ required: true, message: '请填写抽查比例' }]}>
              <InputNumber min={0.1} max={100} precision={1} suffix="%" style={{ width: 120 }} />
            </Form.Item>
          ) : (
            <Form.Item name="count" label="抽查条数" rules={[{ required: true, message: '请填写抽查条数' }]}>
              <InputNumber min={1} max={MAX_SAMPLE_SIZE} precision={0} suffix="条" style={{ width: 130 }} />
            </Form.Item>
          )}
          <Form.Item name="seed" label="随机种子" tooltip="可留空，由系统生成；填写已有种子可复现同一抽取">
            <Input style={{ width: 180 }} maxLength={64} placeholder="留空自动生成" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={draw.isPending}>
              抽取
            </Button>
          </Form.Item>
        </Form>
        <ErrorAlert error={draw.error} />
      </Card>
      <Card title="抽查记录">
        <PagedTable<SampleSummary>
          list={{ ...list, rows }}
          unit="次抽查"
          emptyText="暂无抽查记录"
          rowKey="id"
          size="small"
          columns={columns}
          scroll={{ x: 990 }}
        />
      </Card>
      <SampleDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

type SampleItem = SampleDetail['items'][number];

/** One draw: its seed and population, each sampled record with its evidence, 复核通过 / 撤销, and 重新验证. */
function SampleDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [declarationId, setDeclarationId] = useState<number | null>(null);
  const [revoking, setRevoking] = useState<SampleItem | null>(null);
  const [verified, setVerified] = useState<SampleVerify | null>(null);
  const sample = useQuery({
    queryKey: sampleKey(id),
    queryFn: () => call(samplingApi.detail, { params: { id } }),
    enabled: id !== null,
  });
  const s = sample.data;

  const afterCheck = (data: SampleDetail) => {
    queryClient.setQueryData(sampleKey(data.id), data);
    void queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['admin', 'declaration'] });
  };
  const check = useMutation({
    mutationFn: (d: { item: SampleItem; reason?: string }) =>
      d.reason === undefined
        ? call(samplingApi.confirm, { params: { id, declarationId: d.item.declaration.id } })
        : call(samplingApi.revoke, { params: { id, declarationId: d.item.declaration.id }, body: { reason: d.reason } }),
    onSuccess: (data, d) => {
      afterCheck(data);
      setRevoking(null);
      void message.success(
        d.reason === undefined ? `${d.item.declaration.person.name}的申报已复核通过` : `已撤销${d.item.declaration.person.name}的该条学时，不再计入`,
      );
    },
    onError: (err) => {
      void message.error(errorMessage(err));
      if (err instanceof ApiError && err.code === 'ALREADY_HANDLED') {
        setRevoking(null);
        void sample.refetch();
      }
    },
  });
  const verify = useMutation({
    mutationFn: () => call(samplingApi.verify, { params: { id } }),
    onSuccess: setVerified,
    onError: (err) => void message.error(errorMessage(err)),
  });

  const confirmItem = (item: SampleItem) =>
    modal.confirm({
      title: '复核通过',
      content: `确认${item.declaration.person.name}的“${item.declaration.title}”经复核属实？`,
      okText: '复核通过',
      onOk: () => check.mutateAsync({ item }).catch(() => undefined),
    });

  const columns: ColumnsType<SampleItem> = [
    { title: '总体序号', dataIndex: 'position', width: 80, render: (p: number) => p + 1 },
    {
      title: '姓名',
      key: 'person',
      width: 120,
      render: (_, i) => <Stacked main={i.declaration.person.name} sub={i.declaration.unitName} subWraps />,
    },
    { title: '学习形式', key: 'form', width: 110, render: (_, i) => i.declaration.formLabel },
    { title: '学习内容', key: 'title', width: 160, ellipsis: true, render: (_, i) => i.declaration.title },
    { title: '学时', key: 'hours', width: 150, render: (_, i) => <HoursCompare d={i.declaration} compact /> },
    {
      title: '复核结果',
      key: 'outcome',
      width: 160,
      render: (_, i) => (
        <>
          <Tag color={OUTCOME_COLORS[i.outcome]}>{i.outcomeLabel}</Tag>
          {i.reason && <div className="muted">原因：{i.reason}</div>}
          {i.checkedAt && <div className="muted">{formatDateTime(i.checkedAt)}</div>}
        </>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      fixed: 'right',
      render: (_, i) => (
        <Space size={0} wrap>
          <Button size="small" type="link" onClick={() => setDeclarationId(i.declaration.id)}>
            证明材料
          </Button>
          {i.outcome === 'pending' && (
            <>
              <Button size="small" type="link" onClick={() => confirmItem(i)}>
                复核通过
              </Button>
              <Button size="small" type="link" danger onClick={() => setRevoking(i)}>
                撤销
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Drawer
      open={id !== null}
      onClose={() => {
        setVerified(null);
        onClose();
      }}
      title={s ? `抽查记录 ${s.id}：${s.year}年度` : '抽查记录'}
      size={screens.lg ? 1000 : '100%'}
      destroyOnHidden
    >
      {sample.isPending ? (
        <Skeleton active />
      ) : sample.isError ? (
        <Result status="warning" title={errorMessage(sample.error)} />
      ) : (
        s && (
          <>
            <Descriptions
              bordered
              size="small"
              column={screens.md ? 2 : 1}
              style={{ marginBottom: 12 }}
              items={[
                { key: 'scope', label: '抽查范围', children: `${s.bureauName}辖区 ${s.year}年度审核通过的申报` },
                { key: 'seed', label: '随机种子', children: <span data-testid="sample-seed">{s.seed}</span> },
                { key: 'by', label: '抽取方式', children: sizeText(s) },
                { key: 'size', label: '总体 / 抽取', children: `${s.populationSize} 条 / ${s.sampleSize} 条` },
                { key: 'who', label: '抽取人', children: `${s.drawnByName}（${formatDateTime(s.drawnAt)}）` },
                { key: 'progress', label: '复核进度', children: `已复核 ${s.confirmed}，已撤销 ${s.revoked}，待复核 ${s.pending}` },
              ]}
            />
            <Space wrap style={{ marginBottom: 12 }}>
              <Button onClick={() => verify.mutate()} loading={verify.isPending}>
                重新验证
              </Button>
              <span className="muted">用记录的随机种子对抽取时的总体重新抽取，核对结果是否一致</span>
            </Space>
            {verified && (
              <Alert
                type={verified.matches ? 'success' : 'error'}
                showIcon
                style={{ marginBottom: 12 }}
                title={verified.message}
                description={
                  verified.matches
                    ? `重新抽取的 ${verified.redrawn.length} 条与记录完全一致。`
                    : `记录：${verified.recorded.join('、')}；重新抽取：${verified.redrawn.join('、')}`
                }
              />
            )}
            <Table<SampleItem>
              rowKey={(i) => i.declaration.id}
              size="small"
              columns={columns}
              dataSource={s.items}
              pagination={false}
              scroll={{ x: 950 }}
            />
          </>
        )
      )}
      <DeclarationDetailDrawer id={declarationId} onClose={() => setDeclarationId(null)} />
      <ReasonModal
        open={revoking !== null}
        title="撤销该条学时"
        label="撤销原因"
        okText="确认撤销"
        intro={
          revoking && (
            <>
              撤销后，{revoking.declaration.person.name}的“{revoking.declaration.title}”（{revoking.declaration.claimedHours}
              学时）不再计入{revoking.declaration.year}年度，本人可看到撤销原因，该年度证书随之重新核算。
            </>
          )
        }
        placeholder="例如：获奖证书为市级奖项，申报为省级，不符合学时折算标准"
        loading={check.isPending}
        onCancel={() => setRevoking(null)}
        onSubmit={(reason) => revoking && check.mutate({ item: revoking, reason })}
      />
    </Drawer>
  );
}
