import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Tag,
  Upload,
  type UploadFile,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  formatHours,
  HISTORICAL_SCAN_LIMITS,
  historicalHoursApi,
  historicalHoursRequest,
  SUBJECT_LABELS,
  validateIdNumber,
} from '@ce/shared';
import { call } from '../../api/client';
import type { HistoricalHoursItem, HistoricalHoursRequest } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, yearNow } from '../../lib/format';
import { zodRule } from '../../lib/zodRule';
import './certificates.css';
import { PagedTable } from '../../components/PagedTable';
import { personColumn, Stacked } from '../../components/Stacked';

const PAGE = 50;
const LIST_KEY = ['admin', 'historical-hours'] as const;
/** The first year of the requirement table (SPEC §7): earlier years cannot be completed. */
const FIRST_YEAR = 2013;

const STATUS_COLORS: Record<string, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  revoked: 'warning',
  draft: 'default',
};

/**
 * 学时转登: an hour reviewer of the person's unit, competent department or bureau enters the
 * hours of a past year's paper certificate; the record then goes up the review chain from the level
 * above the entering organisation (entered by the bureau it counts at once).
 */
export function HistoricalHoursPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<HistoricalHoursRequest>();
  // The server decides in China time; the browser's year is only used to offer past years.
  const lastYear = yearNow() - 1;
  const years = Array.from({ length: lastYear - FIRST_YEAR + 1 }, (_, i) => lastYear - i);

  const list = useInfiniteQuery({
    queryKey: LIST_KEY,
    queryFn: ({ pageParam }) =>
      call(historicalHoursApi.list, { query: { after: pageParam, limit: PAGE } }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const submit = useMutation({
    // Multipart: the fields and the scans of the paper certificate (the record's evidence) in one request.
    mutationFn: (body: HistoricalHoursRequest & { scans: UploadFile[] }) => {
      const form = new FormData();
      const { scans, ...fields } = body;
      for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== null) form.append(k, String(v));
      for (const f of scans) if (f.originFileObj) form.append('scan', f.originFileObj, f.name);
      return call(historicalHoursApi.enterWithScan, { form });
    },
    onSuccess: (item) => {
      message.success(
        `已转登${item.person.name} ${item.year}年度${item.subjectLabel}${formatHours(item.hours)}学时（${item.statusLabel}）`,
      );
      form.resetFields();
      void queryClient.invalidateQueries({ queryKey: LIST_KEY });
    },
  });

  // Widths add up to what fits beside the menu at 1366 px (issue 8 item 5): secondary facts sit
  // under the key one in the same cell instead of in columns of their own.
  const columns: ColumnsType<HistoricalHoursItem> = [
    personColumn((r) => r.person, 170),
    {
      title: '年度 / 科目',
      dataIndex: 'year',
      width: 80,
      render: (year: number, r) => <Stacked main={year} sub={r.subjectLabel} subWraps />,
    },
    { title: '学时', dataIndex: 'hours', width: 60, render: (h: number) => formatHours(h) },
    {
      title: '内容 / 原纸质证书编号',
      dataIndex: 'title',
      width: 260,
      render: (title: string, r) => (
        <>
          <div className="cell-ellipsis" title={title}>
            {title}
          </div>
          <div className="muted cell-ellipsis" title={r.paperCertificateNo}>
            {r.paperCertificateNo}
          </div>
        </>
      ),
    },
    {
      title: '审核状态',
      dataIndex: 'statusLabel',
      width: 180,
      render: (label: string, r) => (
        <>
          <Tag color={STATUS_COLORS[r.status] ?? 'default'}>{label}</Tag>
          {r.status === 'pending' && r.currentReviewerName && (
            <div className="muted">待{r.currentReviewerName}审核</div>
          )}
        </>
      ),
    },
    {
      title: '转登',
      key: 'entered',
      width: 100,
      render: (_, r) => <Stacked main={formatDateTime(r.enteredAt)} sub={r.enteredByName} subWraps />,
    },
    { title: '备注', dataIndex: 'note', width: 190, ellipsis: true },
  ];

  return (
    <>
      <Card title="学时转登" style={{ marginBottom: 16 }}>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="原继续教育制式证书管理号与纸质证书不一致时，以电子证书为准"
          description="往年纸质《河南省专业技术人员继续教育证书》上登记的学时，可由本人所在单位、主管部门或人社部门负责学时审核的管理员转登为该年度的学时记录（须填写原纸质证书编号）。转登的记录从转登机构的上一级开始逐级审核（人社部门转登的直接生效），审核通过后计入该年度完成情况，达标年度可打印电子证书。"
        />
        <Form<HistoricalHoursRequest & { scans?: UploadFile[] }>
          form={form}
          layout="vertical"
          name="historicalHours"
          onFinish={(v) =>
            submit.mutate({
              ...v,
              idNumber: v.idNumber.trim().toUpperCase(),
              title: v.title.trim(),
              paperCertificateNo: v.paperCertificateNo.trim(),
              note: (v.note ?? '').trim(),
              scans: v.scans ?? [],
            })
          }
          initialValues={{ subject: 'professional' }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="idNumber"
                label="身份证号"
                extra="管理范围内专业技术人员的身份证号"
                rules={[
                  { required: true, whitespace: true, message: '请输入身份证号' },
                  {
                    validator: async (_, value: string | undefined) => {
                      if (!value?.trim()) return;
                      const check = validateIdNumber(value);
                      if (!check.ok) throw new Error(check.message);
                    },
                  },
                ]}
              >
                <Input maxLength={18} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="year" label="年度" rules={[{ required: true, message: '请选择年度' }]}>
                <Select
                  placeholder="往年年度"
                  options={years.map((y) => ({ value: y, label: `${y}年度` }))}
                  showSearch={{ optionFilterProp: 'label' }}
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name="hours"
                label="学时"
                required
                rules={[zodRule(historicalHoursRequest.shape.hours)]}
              >
                <InputNumber min={0.1} max={999} step={1} precision={1} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="subject" label="科目" rules={[{ required: true, message: '请选择科目' }]}>
                <Radio.Group
                  options={[
                    { value: 'public', label: SUBJECT_LABELS.public },
                    { value: 'professional', label: SUBJECT_LABELS.professional },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="paperCertificateNo"
                label="原纸质证书编号"
                required
                rules={[zodRule(historicalHoursRequest.shape.paperCertificateNo)]}
              >
                <Input maxLength={50} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="title"
                label="学习内容"
                required
                extra="纸质证书上登记的学习内容，如“2017年度专业科目培训”"
                rules={[zodRule(historicalHoursRequest.shape.title)]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item
                name="scans"
                label="原纸质证书扫描件"
                valuePropName="fileList"
                getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
                extra={`纸质证书的扫描件或照片（PDF、JPG、PNG，每个不超过${HISTORICAL_SCAN_LIMITS.maxFileBytes / 1024 / 1024}MB，最多${HISTORICAL_SCAN_LIMITS.maxFiles}个），作为证明材料供逐级审核查看`}
              >
                <Upload
                  multiple
                  accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                  maxCount={HISTORICAL_SCAN_LIMITS.maxFiles}
                  beforeUpload={(file) => {
                    // Checked when chosen: a bad file is left out with its reason; the good ones stay.
                    if (!/\.(pdf|jpe?g|png)$/i.test(file.name)) {
                      void message.error(`“${file.name}”不是PDF、JPG或PNG文件，未添加`);
                      return Upload.LIST_IGNORE;
                    }
                    if (file.size > HISTORICAL_SCAN_LIMITS.maxFileBytes) {
                      void message.error(`“${file.name}”超过${HISTORICAL_SCAN_LIMITS.maxFileBytes / 1024 / 1024}MB，未添加`);
                      return Upload.LIST_IGNORE;
                    }
                    return false;
                  }}
                >
                  <Button icon={<UploadOutlined />}>选择扫描件</Button>
                </Upload>
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="note" label="备注">
                <Input.TextArea maxLength={500} rows={2} showCount />
              </Form.Item>
            </Col>
          </Row>
          <ErrorAlert error={submit.error} />
          <Button type="primary" htmlType="submit" loading={submit.isPending}>
            转登并提交审核
          </Button>
        </Form>
      </Card>

      <Card title="本机构转登记录" extra={<Button onClick={() => void list.refetch()}>刷新</Button>}>
        <PagedTable<HistoricalHoursItem>
          list={{ ...list, rows }}
          unit="条转登记录"
          emptyText="暂无转登记录"
          rowKey="id"
          size="small"
          columns={columns}
          scroll={{ x: 1040 }}
        />
      </Card>
    </>
  );
}
