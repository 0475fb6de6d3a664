import { Alert, App, Button, Card, Descriptions, Form, Grid, Input, List, Steps, Tag } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { CHANGE_REQUEST_KIND_LABELS, myProfessionalApi } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
import type { ProfessionalProfile, TransferItem } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgPicker } from '../../components/OrgPicker';
import { useWorkDepartments, WorkDepartmentSelect } from '../../components/WorkDepartmentSelect';
import { formatDateTime } from '../../lib/format';
import { TRANSFER_STATUS_COLORS, transferLive } from '../../lib/professionals';
import { useMyTransfers, useRefreshMine } from './queries';

interface TransferForm {
  toUnitId?: number;
  toWorkDepartmentId?: number;
  note?: string;
}

/** Old unit → new unit, with the 工作部门 on each side. */
export function TransferRoute({ t }: { t: TransferItem }) {
  return (
    <div className="pro-transfer-route">
      <span>
        {t.from.name}
        {t.fromWorkDepartment ? `（${t.fromWorkDepartment.name}）` : ''}
      </span>
      <ArrowRightOutlined />
      <strong>
        {t.to.name}
        {t.toWorkDepartment ? `（${t.toWorkDepartment.name}）` : ''}
      </strong>
    </div>
  );
}

/** The steps of a transfer: the person's request, the old unit's consent, the new unit's. */
export function TransferSteps({ t, vertical }: { t: TransferItem; vertical?: boolean }) {
  const byUnit = t.initiatedBy === 'unit';
  const failedAt = t.status === 'rejected' ? (t.outReviewedAt || byUnit ? 2 : 1) : null;
  const current =
    t.status === 'pending_out'
      ? 1
      : t.status === 'pending_in'
        ? 2
        : t.status === 'completed'
          ? 3
          : (failedAt ?? 1);
  return (
    <Steps
      size="small"
      orientation={vertical ? 'vertical' : 'horizontal'}
      current={current}
      status={
        t.status === 'rejected'
          ? 'error'
          : t.status === 'withdrawn'
            ? 'wait'
            : t.status === 'completed'
              ? 'finish'
              : 'process'
      }
      items={[
        {
          title: byUnit ? '原单位发起调出' : '提交调转申请',
          content: formatDateTime(t.createdAt),
        },
        {
          title: `${t.from.name}同意转出`,
          content: t.outReviewedAt
            ? formatDateTime(t.outReviewedAt)
            : t.status === 'pending_out'
              ? '等待审核'
              : undefined,
        },
        {
          title: `${t.to.name}同意调入`,
          content: t.inReviewedAt
            ? formatDateTime(t.inReviewedAt)
            : t.status === 'pending_in'
              ? '等待审核'
              : undefined,
        },
        { title: '调转完成' },
      ]}
    />
  );
}

/** 单位调转: request a move to another unit, follow it, withdraw it; the history of past ones. */
export function TransferSection({ profile: p }: { profile: ProfessionalProfile }) {
  const screens = Grid.useBreakpoint();
  const { message, modal } = App.useApp();
  const refresh = useRefreshMine();
  const transfers = useMyTransfers();
  const [form] = Form.useForm<TransferForm>();
  const toUnitId = Form.useWatch('toUnitId', form);
  const wds = useWorkDepartments(toUnitId);
  const needsWorkDepartment = (wds.data?.items.length ?? 0) > 0;

  const submit = useMutation({
    mutationFn: (v: TransferForm) =>
      call(myProfessionalApi.requestTransfer, {
        body: {
          toUnitId: v.toUnitId!,
          toWorkDepartmentId: needsWorkDepartment ? (v.toWorkDepartmentId ?? null) : null,
          note: v.note?.trim() || null,
        },
      }),
    onSuccess: (res) => {
      void message.success(res.message);
      form.resetFields();
      void refresh();
    },
  });
  const withdraw = useMutation({
    mutationFn: (t: TransferItem) => call(myProfessionalApi.withdrawTransfer, { params: { id: t.id } }),
    onSuccess: (res) => {
      void message.success(res.message ?? '调转申请已撤回');
      void refresh();
    },
    onError: (err) => {
      void message.error(errorMessage(err));
      void refresh();
    },
  });

  const items = transfers.data?.items ?? [];
  const live = items.find((t) => transferLive(t.status));
  const past = items.filter((t) => !transferLive(t.status));

  return (
    <>
      {live ? (
        <Card
          size="small"
          title="办理中的单位调转"
          extra={<Tag color={TRANSFER_STATUS_COLORS[live.status]}>{live.statusLabel}</Tag>}
        >
          <TransferRoute t={live} />
          <TransferSteps t={live} vertical={!screens.md} />
          {live.note && <p className="muted">说明：{live.note}</p>}
          <p className="muted">调转完成后，您的证书管理号、学时记录和证书随本人转入新单位，不会改变。</p>
          {live.initiatedBy === 'person' ? (
            <Button
              danger
              loading={withdraw.isPending}
              onClick={() =>
                modal.confirm({
                  title: '撤回单位调转申请',
                  content: `确认撤回调入“${live.to.name}”的申请？撤回后可重新申请。`,
                  okText: '撤回',
                  okButtonProps: { danger: true },
                  onOk: () => withdraw.mutateAsync(live).catch(() => undefined),
                })
              }
            >
              撤回申请
            </Button>
          ) : (
            <p className="muted">该调转由原单位发起（人员调出），等待新单位同意调入，本人不能撤回。</p>
          )}
        </Card>
      ) : (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title="调动工作后，请在此申请单位调转：先由原单位同意转出，再由新单位同意调入"
            description="有待审核的信息（如学时申报待审核、信息变更待审核）时不能办理调转。证书管理号、学时记录和证书随本人转入新单位。"
          />
          {p.pendingChanges.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`您有待审核的${p.pendingChanges.map((k) => CHANGE_REQUEST_KIND_LABELS[k]).join('、')}申请，审核完成或撤回后才能办理单位调转`}
            />
          )}
          <Descriptions
            column={1}
            size="small"
            items={[
              {
                key: 'from',
                label: '当前单位',
                children: p.unit.name + (p.workDepartment ? `（${p.workDepartment.name}）` : ''),
              },
            ]}
          />
          <Form<TransferForm>
            form={form}
            name="transfer"
            layout={screens.md ? 'horizontal' : 'vertical'}
            labelCol={screens.md ? { flex: '110px' } : undefined}
            onValuesChange={(changed: Partial<TransferForm>) => {
              if ('toUnitId' in changed) form.setFieldValue('toWorkDepartmentId', undefined);
            }}
            onFinish={(v) => submit.mutate(v)}
          >
            <Form.Item
              name="toUnitId"
              label="调入单位"
              extra="先选择新单位所在的区划，再按单位名称关键字查找"
              rules={[
                { required: true, message: '请选择调入的新单位' },
                {
                  validator: async (_, v: number | undefined) => {
                    if (v === p.unit.id) throw new Error('调入单位不能是当前所在单位');
                  },
                },
              ]}
            >
              <OrgPicker kinds={['unit']} placeholder="输入新单位名称关键字搜索" />
            </Form.Item>
            {toUnitId && needsWorkDepartment && (
              <Form.Item
                name="toWorkDepartmentId"
                label="新单位工作部门"
                rules={[{ required: true, message: '请选择在新单位的工作部门' }]}
              >
                <WorkDepartmentSelect unitId={toUnitId} />
              </Form.Item>
            )}
            <Form.Item name="note" label="调转说明">
              <Input.TextArea rows={2} maxLength={200} showCount placeholder="选填，如：工作调动" />
            </Form.Item>
            <ErrorAlert error={submit.error} />
            <Button type="primary" htmlType="submit" loading={submit.isPending}>
              提交调转申请
            </Button>
          </Form>
        </>
      )}

      {past.length > 0 && (
        <>
          <h4 style={{ margin: '20px 0 8px' }}>调转记录</h4>
          <List
            className="pro-card-list"
            bordered
            size="small"
            dataSource={past}
            renderItem={(t) => (
              <List.Item>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
                  <TransferRoute t={t} />
                  <Tag color={TRANSFER_STATUS_COLORS[t.status]}>{t.statusLabel}</Tag>
                </div>
                <div className="muted">
                  {t.initiatedBy === 'unit' ? '原单位发起' : '本人申请'} · 提交于{' '}
                  {formatDateTime(t.createdAt)}
                  {t.inReviewedAt && t.status === 'completed'
                    ? ` · 调入于 ${formatDateTime(t.inReviewedAt)}`
                    : ''}
                </div>
                {t.rejectReason && (
                  <div>
                    {t.rejectedBy ? `${t.rejectedBy}不同意：` : '不同意原因：'}
                    {t.rejectReason}
                  </div>
                )}
              </List.Item>
            )}
          />
        </>
      )}
    </>
  );
}
