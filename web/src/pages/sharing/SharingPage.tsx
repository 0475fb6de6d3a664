import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Radio,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined, LinkOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { completionApi, sharingApi, type CreateShareRequest, type CreatedShare, type ShareItem } from '@ce/shared';
import { call, errorMessage } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ProfessionalLayout } from '../../components/ProfessionalLayout';
import { dayText, formatDateTime } from '../../lib/format';
import { rangeCredentialUrl, yearCredentialUrl } from '../../lib/completion';
import './sharing.css';

const SHARES_KEY = ['my', 'shares'] as const;
const VIEWS_KEY = ['my', 'certificate-views'] as const;

/**
 * 证书共享与查验 (issue 14): the verifiable credential downloads, share links for a reviewing body,
 * and 谁查看了我的证书 — with a plain-Chinese explanation of each.
 */
export function SharingPage() {
  return (
    <ProfessionalLayout>
      <div className="sharing">
        <Help />
        <Credentials />
        <CreateShare />
        <Shares />
        <Views />
      </div>
    </ProfessionalLayout>
  );
}

function Help() {
  return (
    <Card className="sharing-help">
      <h1 className="sharing-title">证书共享与查验</h1>
      <p>
        <b>可验证凭证</b>：通过的年度可下载一个“可验证凭证”文件（.jwt）。它是国际通用的电子证书格式，内容有您的姓名、证书管理号、
        脱敏身份证号、各年度公需和专业科目学时和发证机关，并由发证机关签名（与证书二维码同一把密钥）。对方把文件内容粘贴到本平台
        “证书验证”页即可核验，也可以用平台公布的公钥自行核验；内容被改动或证书被撤销，核验都会显示出来。
      </p>
      <p>
        <b>共享链接</b>：职称评审、岗位聘用时，可为评审委员会或用人单位生成一个链接。对方无需登录，打开即可查看并打印您所选年度的学时、
        学习形式、每条记录的来源和审核日期以及证书状态，看不到您的其他信息。有效期 1—90 天，可选择是否显示完整身份证号，随时可以撤销。
        链接只在创建时显示一次，请及时复制发送。
      </p>
      <p>
        <b>谁查看了我的证书</b>：每次有人扫描您证书上的二维码、在“证书查询”页查询您的证书、核验您的可验证凭证或打开您的共享链接，都会记录时间、
        方式、对方 IP 的前半段和浏览器类型（不记录完整 IP 地址），只有您本人能看到。记录保留 180 天。
      </p>
    </Card>
  );
}

function usePassedYears() {
  return useQuery({
    queryKey: ['my', 'completion'],
    queryFn: () => call(completionApi.years),
    select: (d) => d.years,
  });
}

function Credentials() {
  const years = usePassedYears();
  const [range, setRange] = useState<{ from?: number; to?: number }>({});
  if (years.isPending) return <Skeleton active />;
  if (years.isError) return <ErrorAlert error={years.error} />;
  const printable = years.data.filter((y) => y.certificate.printable).map((y) => y.year);
  return (
    <Card title="下载可验证凭证" size="small">
      {printable.length === 0 ? (
        <Empty description="暂无可下载凭证的年度（年度通过且发证后可下载）" />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <div className="sharing-downloads">
            {printable.map((y) => (
              <Button key={y} icon={<DownloadOutlined />} href={yearCredentialUrl(y)} download>
                {y}年度
              </Button>
            ))}
          </div>
          {printable.length > 1 && (
            <div className="sharing-downloads">
              合并下载：
              <Select
                aria-label="起始年度"
                placeholder="起始年度"
                style={{ width: 110 }}
                options={printable.map((y) => ({ value: y, label: `${y}年` }))}
                onChange={(from: number) => setRange((r) => ({ ...r, from }))}
              />
              至
              <Select
                aria-label="截止年度"
                placeholder="截止年度"
                style={{ width: 110 }}
                options={printable.map((y) => ({ value: y, label: `${y}年` }))}
                onChange={(to: number) => setRange((r) => ({ ...r, to }))}
              />
              <Button
                icon={<DownloadOutlined />}
                disabled={!range.from || !range.to || range.from > range.to}
                href={range.from && range.to ? rangeCredentialUrl(range.from, range.to) : undefined}
                download
              >
                下载
              </Button>
            </div>
          )}
        </Space>
      )}
    </Card>
  );
}

function CreateShare() {
  const years = usePassedYears();
  const qc = useQueryClient();
  const [form] = Form.useForm<CreateShareRequest>();
  const [created, setCreated] = useState<CreatedShare | null>(null);
  const create = useMutation({
    mutationFn: (body: CreateShareRequest) => call(sharingApi.create, { body }),
    onSuccess: (s) => {
      setCreated(s);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: SHARES_KEY });
    },
  });
  if (years.isPending) return <Skeleton active />;
  if (years.isError) return <ErrorAlert error={years.error} />;
  const options = years.data.map((y) => ({ value: y.year, label: `${y.year}年度（${y.resultLabel}）` }));
  return (
    <Card title="创建共享链接" size="small">
      {created && (
        <Alert
          type="success"
          showIcon
          className="sharing-created"
          message={`已为“${created.recipient}”创建共享链接，有效期至 ${dayText(created.expiresAt)}`}
          description={
            <>
              <Typography.Paragraph copyable={{ text: created.url, tooltips: ['复制链接', '已复制'] }} className="sharing-link" data-testid="share-url">
                {created.url}
              </Typography.Paragraph>
              <div>链接只显示这一次，请复制后发送给对方。</div>
            </>
          }
          closable
          onClose={() => setCreated(null)}
        />
      )}
      <Form<CreateShareRequest>
        form={form}
        layout="vertical"
        name="share"
        initialValues={{ validDays: 30, showFullId: false, years: years.data.filter((y) => y.passed).map((y) => y.year) }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item
          name="recipient"
          label="接收单位"
          rules={[{ required: true, whitespace: true, min: 2, message: '请填写接收单位名称（至少2个字）' }]}
        >
          <Input maxLength={100} placeholder="例如：河南省中小学教师高级职称评审委员会" />
        </Form.Item>
        <Form.Item name="years" label="共享年度" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个年度' }]}>
          <Checkbox.Group options={options} />
        </Form.Item>
        <Form.Item name="validDays" label="有效天数（1—90天）" rules={[{ required: true, message: '请填写有效天数' }]}>
          <InputNumber min={1} max={90} precision={0} addonAfter="天" />
        </Form.Item>
        <Form.Item name="showFullId" label="身份证号">
          <Radio.Group
            options={[
              { value: false, label: '脱敏显示（推荐）' },
              { value: true, label: '显示完整号码' },
            ]}
          />
        </Form.Item>
        {create.isError && <ErrorAlert error={create.error} />}
        <Button type="primary" htmlType="submit" icon={<LinkOutlined />} loading={create.isPending}>
          生成共享链接
        </Button>
      </Form>
    </Card>
  );
}

const STATE_COLORS: Record<ShareItem['state'], string> = { active: 'green', expired: 'default', revoked: 'orange' };

function Shares() {
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const list = useQuery({ queryKey: SHARES_KEY, queryFn: () => call(sharingApi.list) });
  const revoke = useMutation({
    mutationFn: (s: ShareItem) => call(sharingApi.revoke, { params: { id: s.id }, body: { version: s.version } }),
    onSuccess: () => {
      void message.success('共享链接已撤销，对方将无法再打开');
      void qc.invalidateQueries({ queryKey: SHARES_KEY });
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  return (
    <Card title="我的共享链接" size="small">
      {list.isPending ? (
        <Skeleton active />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : (
        <List
          dataSource={list.data.items}
          locale={{ emptyText: '还没有共享链接' }}
          renderItem={(s) => (
            <List.Item
              actions={
                s.state === 'active'
                  ? [
                      <Popconfirm key="revoke" title="撤销后对方将无法再打开该链接，确定撤销？" onConfirm={() => revoke.mutate(s)}>
                        <Button size="small" danger>
                          撤销
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <span>
                    {s.recipient} <Tag color={STATE_COLORS[s.state]}>{s.stateLabel}</Tag>
                  </span>
                }
                description={
                  <>
                    <div>
                      {s.years.join('、')}年度 · {s.showFullId ? '显示完整身份证号' : '身份证号脱敏'} · 有效期至 {formatDateTime(s.expiresAt)}
                    </div>
                    <div>
                      已查看 {s.views} 次{s.lastViewedAt ? `，最近一次 ${formatDateTime(s.lastViewedAt)}` : ''}
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function Views() {
  const [after, setAfter] = useState<number[]>([]);
  const cursor = after[after.length - 1];
  const views = useQuery({
    queryKey: [...VIEWS_KEY, cursor ?? 0],
    queryFn: () => call(sharingApi.certificateViews, { query: { limit: 20, after: cursor } }),
  });
  return (
    <Card title="谁查看了我的证书" size="small" data-testid="views">
      {views.isPending ? (
        <Skeleton active />
      ) : views.isError ? (
        <ErrorAlert error={views.error} />
      ) : (
        <>
          <div className="sharing-counts">
            <span>近 {views.data.retentionDays} 天共 {views.data.total} 次</span>
            {views.data.perYear.map((p) => (
              <Tag key={p.year} color="blue">
                {p.year}年度证书 {p.count} 次
              </Tag>
            ))}
          </div>
          <List
            dataSource={views.data.items}
            locale={{ emptyText: '近180天没有人查看过您的证书' }}
            renderItem={(v) => (
              <List.Item>
                <div className="sharing-view">
                  <div>
                    <b>{formatDateTime(v.at)}</b> {v.channelLabel}
                    {v.recipient && <Tag color="purple" style={{ marginLeft: 8 }}>共享给：{v.recipient}</Tag>}
                  </div>
                  <div className="share-muted">
                    {v.years.length > 0 ? `${v.years.join('、')}年度 · ` : ''}
                    {v.outcomeLabel} · IP {v.ipMasked} · {v.uaFamily}
                  </div>
                </div>
              </List.Item>
            )}
          />
          <Space>
            {after.length > 0 && <Button onClick={() => setAfter((a) => a.slice(0, -1))}>上一页</Button>}
            {views.data.nextAfter && <Button onClick={() => setAfter((a) => [...a, views.data.nextAfter!])}>下一页</Button>}
          </Space>
        </>
      )}
    </Card>
  );
}
