import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Form, Input, Modal, Spin, Tabs, Tag } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { organisationsApi, ROLE_LABELS, validateCreditCode } from '@ce/shared';
import { call, searchBody } from '../api/client';
import type { ProgressItem } from '../api/types';
import { ErrorAlert } from '../components/ErrorAlert';
import { LinkButton } from '../components/LinkButton';
import { PortalLayout } from '../components/PortalLayout';
import { formatDateTime } from '../lib/format';
import { registerPath, STATUS_COLORS } from '../lib/roles';

type ProgressQuery = { name: string; idNumber: string } | { creditCode: string };

/** 注册审核进度查询: who must approve, the outcome, and withdrawing a pending application. */
export function ProgressPage() {
  const [tab, setTab] = useState<'person' | 'credit'>('person');
  const [query, setQuery] = useState<ProgressQuery | null>(null);
  const [withdrawing, setWithdrawing] = useState<ProgressItem | null>(null);

  const progress = useQuery({
    queryKey: ['registration-progress', query],
    queryFn: () => call(organisationsApi.progressSearch, { body: searchBody(query ?? {}) }),
    enabled: query !== null,
  });

  return (
    <PortalLayout narrow>
      <Card title="注册审核进度查询" className="form-card">
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as 'person' | 'credit')}
          items={[
            {
              key: 'person',
              label: '按姓名+身份证号',
              children: (
                <Form<{ name: string; idNumber: string }>
                  name="byPerson"
                  layout="vertical"
                  onFinish={(v) =>
                    setQuery({ name: v.name.trim(), idNumber: v.idNumber.trim().toUpperCase() })
                  }
                >
                  <Form.Item
                    name="name"
                    label="姓名"
                    rules={[{ required: true, whitespace: true, message: '请输入注册时填写的姓名' }]}
                  >
                    <Input maxLength={50} />
                  </Form.Item>
                  <Form.Item
                    name="idNumber"
                    label="身份证号"
                    rules={[{ required: true, whitespace: true, message: '请输入身份证号' }]}
                  >
                    <Input maxLength={32} />
                  </Form.Item>
                  <Button
                    type="primary"
                    htmlType="submit"
                    block
                    loading={progress.isFetching && tab === 'person'}
                  >
                    查询
                  </Button>
                </Form>
              ),
            },
            {
              key: 'credit',
              label: '按统一社会信用代码',
              children: (
                <Form<{ creditCode: string }>
                  name="byCreditCode"
                  layout="vertical"
                  onFinish={(v) => setQuery({ creditCode: v.creditCode.trim().toUpperCase() })}
                >
                  <Form.Item
                    name="creditCode"
                    label="统一社会信用代码"
                    normalize={(v: string | undefined) => v?.toUpperCase()}
                    rules={[
                      { required: true, whitespace: true, message: '请输入统一社会信用代码' },
                      {
                        validator: async (_, value: string | undefined) => {
                          if (!value?.trim()) return;
                          const check = validateCreditCode(value);
                          if (!check.ok) throw new Error(check.message);
                        },
                      },
                    ]}
                  >
                    <Input maxLength={18} />
                  </Form.Item>
                  <Button
                    type="primary"
                    htmlType="submit"
                    block
                    loading={progress.isFetching && tab === 'credit'}
                  >
                    查询
                  </Button>
                </Form>
              ),
            },
          ]}
        />
      </Card>

      {query && (
        <div className="progress-results">
          {progress.isPending ? (
            <div className="page-center">
              <Spin />
            </div>
          ) : progress.isError ? (
            <ErrorAlert error={progress.error} />
          ) : progress.data.items.length === 0 ? (
            <Card>
              <Empty
                description={
                  'creditCode' in query
                    ? '没有查询到该统一社会信用代码的注册记录'
                    : '没有查询到注册记录，请核对姓名和身份证号'
                }
              />
            </Card>
          ) : (
            progress.data.items.map((item) => (
              <ProgressCard key={item.registrationId} item={item} onWithdraw={() => setWithdrawing(item)} />
            ))
          )}
        </div>
      )}

      <WithdrawModal
        item={withdrawing}
        defaultIdNumber={query && 'idNumber' in query ? query.idNumber : undefined}
        onClose={() => setWithdrawing(null)}
        onDone={() => {
          setWithdrawing(null);
          void progress.refetch();
        }}
      />
    </PortalLayout>
  );
}

function ProgressCard({ item, onWithdraw }: { item: ProgressItem; onWithdraw: () => void }) {
  const againPath =
    item.status === 'rejected' || item.status === 'withdrawn' ? registerPath(item.role) : null;
  return (
    <Card
      className="progress-card"
      title={item.orgName}
      extra={<Tag color={STATUS_COLORS[item.status]}>{item.statusLabel}</Tag>}
      data-testid="progress-item"
    >
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'type', label: '类型', children: `${ROLE_LABELS[item.role]}注册` },
          {
            key: 'org',
            label: item.type === 'professional' ? '所在单位' : '注册机构',
            children: item.orgName,
          },
          { key: 'approver', label: '审核机构', children: item.approverName || '—' },
          { key: 'submitted', label: '提交时间', children: formatDateTime(item.submittedAt) },
          {
            key: 'reviewed',
            label: item.status === 'withdrawn' ? '撤回时间' : '审核时间',
            children: formatDateTime(item.reviewedAt),
          },
          ...(item.rejectReason ? [{ key: 'reason', label: '不通过原因', children: item.rejectReason }] : []),
        ]}
      />
      {item.status === 'pending' && (
        <div className="progress-actions">
          <span className="muted">如选错上级机构，可撤回后重新注册；如需尽快审核，请联系审核机构。</span>
          <Button danger onClick={onWithdraw}>
            撤回申请
          </Button>
        </div>
      )}
      {(item.status === 'rejected' || item.status === 'withdrawn') && (
        <div className="progress-actions">
          <span className="muted">
            {item.status === 'rejected' ? '申请未通过审核，' : '申请已撤回，'}可修改信息后重新注册。
          </span>
          {againPath && <LinkButton to={againPath}>重新注册</LinkButton>}
        </div>
      )}
    </Card>
  );
}

function WithdrawModal({
  item,
  defaultIdNumber,
  onClose,
  onDone,
}: {
  item: ProgressItem | null;
  defaultIdNumber?: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ idNumber: string; password: string }>();
  const { message } = App.useApp();
  const withdraw = useMutation({
    mutationFn: (v: { idNumber: string; password: string }) =>
      call(organisationsApi.withdraw, {
        params: { id: item!.registrationId },
        body: { idNumber: v.idNumber.trim(), password: v.password },
      }),
    onSuccess: (res) => {
      void message.success(res.message ?? '注册申请已撤回');
      form.resetFields();
      onDone();
    },
  });
  return (
    <Modal
      open={item !== null}
      title="撤回注册申请"
      okText="确认撤回"
      okButtonProps={{ danger: true, loading: withdraw.isPending }}
      onOk={() => form.submit()}
      onCancel={() => {
        withdraw.reset();
        onClose();
      }}
      destroyOnHidden
    >
      <p>撤回“{item?.orgName}”的注册申请后，可重新注册。请输入注册时填写的身份证号和设置的密码以确认。</p>
      <Form
        form={form}
        name="withdraw"
        layout="vertical"
        initialValues={{ idNumber: defaultIdNumber }}
        onFinish={(v) => withdraw.mutate(v)}
      >
        <Form.Item
          name="idNumber"
          label="身份证号"
          rules={[{ required: true, whitespace: true, message: '请输入身份证号' }]}
        >
          <Input maxLength={32} />
        </Form.Item>
        <Form.Item
          name="password"
          label="注册时设置的密码"
          rules={[{ required: true, message: '请输入注册时设置的密码' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      </Form>
      <ErrorAlert error={withdraw.error} />
    </Modal>
  );
}
