import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Upload,
  type UploadFile,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  checkTransferEntries,
  formatHours,
  OTHER_PROVINCES,
  PROVINCE_TRANSFER_LIMITS,
  type ProvinceTransfer,
  provinceTransfersApi,
  REQUIREMENT_RULES,
  type TransferYearEntry,
} from '@ce/shared';
import { call, errorMessage, href } from '../../api/client';
import { queryKeyOf, usePagedList } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ProfessionalLayout } from '../../components/ProfessionalLayout';
import { formatDateTime, yearNow } from '../../lib/format';
import { useDeclarationOptions } from './queries';

/**
 * 外省学时转入 (issue 14): a professional who moved to Henan transfers in past years' hours with the
 * other province's certificate; the unit and then the HRSS bureau review them.
 */
export function ProvinceTransferPage() {
  return (
    <ProfessionalLayout>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <TransferForm />
        <MyTransfers />
      </Space>
    </ProfessionalLayout>
  );
}

interface FormValues {
  province?: string;
  certificateNo?: string;
  entries: { year?: number; publicHours?: number | null; professionalHours?: number | null }[];
  note?: string;
}

/** The first year with a requirement: nothing earlier can be transferred in. */
const FIRST_YEAR = Math.min(...REQUIREMENT_RULES.map((r) => r.fromYear));

const STATUS_COLORS: Record<ProvinceTransfer['status'], string> = {
  pending: 'processing',
  approved: 'green',
  rejected: 'red',
  partial: 'orange',
  withdrawn: 'default',
};

function TransferForm() {
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const options = useDeclarationOptions();
  const currentYear = options.data?.currentYear ?? yearNow();
  const [form] = Form.useForm<FormValues>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const submit = useMutation({
    mutationFn: (v: FormValues) => {
      const fd = new FormData();
      fd.append('province', v.province ?? '');
      fd.append('certificateNo', v.certificateNo ?? '');
      fd.append('note', v.note ?? '');
      fd.append('entries', JSON.stringify(entriesOf(v)));
      const file = files[0]?.originFileObj;
      if (file) fd.append('evidence', file, file.name);
      return call(provinceTransfersApi.create, { form: fd });
    },
    onSuccess: (t) => {
      void message.success(`已提交${t.provinceName}${t.years.map((y) => y.year).join('、')}年度学时的转入申请，等待单位审核`);
      form.resetFields();
      setFiles([]);
      void queryClient.invalidateQueries({ queryKey: queryKeyOf(provinceTransfersApi.list) });
      void queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const years = Array.from({ length: PROVINCE_TRANSFER_LIMITS.maxYears + 3 }, (_, i) => currentYear - 1 - i);

  return (
    <Card title="外省学时转入">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="从外省调入河南的专业技术人员，可把在外省取得的往年继续教育学时转入本平台"
        description={
          <>
            按年度填写外省证书上的公需科目、专业科目学时，并上传外省继续教育证书（PDF 或照片）。申请由所在单位审核后，报人社部门审核（不经主管部门）；
            审核通过后计入对应年度，年度完成情况和证书上标注“外省转入”。单位审核前可以撤回。当年学时请在本平台正常申报。
          </>
        }
      />
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ entries: [{ year: currentYear - 1, publicHours: null, professionalHours: null }] }}
        onFinish={(v) => submit.mutate(v)}
        style={{ maxWidth: 720 }}
      >
        <Space wrap align="start">
          <Form.Item name="province" label="转出省份" rules={[{ required: true, message: '请选择转出省份' }]}>
            <Select
              style={{ width: 220 }}
              placeholder="请选择"
              showSearch
              optionFilterProp="label"
              options={OTHER_PROVINCES.map((p) => ({ value: p.code, label: p.name }))}
            />
          </Form.Item>
          <Form.Item name="certificateNo" label="外省证书编号（选填）">
            <Input style={{ width: 260 }} maxLength={64} />
          </Form.Item>
        </Space>
        <Form.List name="entries">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} wrap align="baseline" className="transfer-entry">
                  <Form.Item name={[field.name, 'year']} label="年度" rules={[{ required: true, message: '请选择年度' }]}>
                    <Select style={{ width: 120 }} options={years.map((y) => ({ value: y, label: `${y}年度` }))} aria-label="年度" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'publicHours']} label="公需科目学时">
                    <InputNumber min={0} max={PROVINCE_TRANSFER_LIMITS.maxHoursPerSubject} step={0.5} precision={1} style={{ width: 130 }} aria-label="公需科目学时" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'professionalHours']} label="专业科目学时">
                    <InputNumber min={0} max={PROVINCE_TRANSFER_LIMITS.maxHoursPerSubject} step={0.5} precision={1} style={{ width: 130 }} aria-label="专业科目学时" />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label="删除该年度" />
                  )}
                </Space>
              ))}
              {fields.length < PROVINCE_TRANSFER_LIMITS.maxYears && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ publicHours: null, professionalHours: null })} style={{ marginBottom: 16 }}>
                  增加年度
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Form.Item
          label="外省继续教育证书"
          required
          extra="PDF、JPG 或 PNG，不超过10MB；按文件内容识别格式"
        >
          <Upload
            accept=".pdf,.jpg,.jpeg,.png"
            maxCount={1}
            fileList={files}
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList.slice(-1))}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="note" label="说明（选填）">
          <Input.TextArea rows={2} maxLength={500} placeholder="如：2025年从武汉市某单位调入" />
        </Form.Item>
        {submit.isError && <ErrorAlert error={submit.error} />}
        <Form.Item
          shouldUpdate
          style={{ marginTop: 12 }}
        >
          {() => {
            const problem = checkTransferEntries(entriesOf(form.getFieldsValue(true) as FormValues), {
              currentYear,
              firstYear: FIRST_YEAR,
            });
            const ready = form.getFieldValue('province') && files.length > 0 && !problem;
            return (
              <Space direction="vertical">
                {problem && form.isFieldsTouched() && <span className="muted">{problem}</span>}
                <Button type="primary" htmlType="submit" loading={submit.isPending} disabled={!ready}>
                  提交审核
                </Button>
              </Space>
            );
          }}
        </Form.Item>
      </Form>
    </Card>
  );
}

const entriesOf = (v: FormValues): TransferYearEntry[] =>
  (v.entries ?? []).map((e) => ({ year: e.year ?? 0, publicHours: e.publicHours ?? 0, professionalHours: e.professionalHours ?? 0 }));

function MyTransfers() {
  const list = usePagedList(provinceTransfersApi.list, {});
  return (
    <Card title="我的外省学时转入申请">
      {list.isError ? (
        <Alert type="error" showIcon title={errorMessage(list.error)} />
      ) : (
        <List
          loading={list.isPending}
          dataSource={list.rows}
          locale={{ emptyText: <Empty description="暂无外省学时转入申请" /> }}
          renderItem={(t) => <TransferItem t={t} />}
          loadMore={
            list.hasNextPage ? (
              <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                加载更多
              </Button>
            ) : null
          }
        />
      )}
    </Card>
  );
}

function TransferItem({ t }: { t: ProvinceTransfer }) {
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () => call(provinceTransfersApi.withdraw, { params: { id: t.id } }),
    onSuccess: () => {
      void message.success('申请已撤回');
      void queryClient.invalidateQueries({ queryKey: queryKeyOf(provinceTransfersApi.list) });
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  const rows = t.years.flatMap((y) => y.rows.map((r) => ({ ...r, year: y.year })));
  return (
    <List.Item>
      <div style={{ width: '100%' }} data-testid={`transfer-${t.id}`}>
        <Space wrap style={{ marginBottom: 8 }}>
          <b>{t.provinceName}</b>
          <Tag color={STATUS_COLORS[t.status]}>{t.statusLabel}</Tag>
          <span className="muted">提交于 {formatDateTime(t.createdAt)}</span>
          {t.certificateNo && <span className="muted">外省证书编号：{t.certificateNo}</span>}
          <a href={href(provinceTransfersApi.evidence, { params: { id: t.id } })} target="_blank" rel="noreferrer">
            查看证明材料（{t.evidence.name}）
          </a>
          {t.canWithdraw && (
            <Popconfirm title="撤回这份外省学时转入申请？" okText="撤回" cancelText="取消" onConfirm={() => withdraw.mutate()}>
              <Button size="small" loading={withdraw.isPending}>
                撤回
              </Button>
            </Popconfirm>
          )}
        </Space>
        <Table
          size="small"
          pagination={false}
          rowKey="declarationId"
          dataSource={rows}
          scroll={{ x: 520 }}
          columns={[
            { title: '年度', dataIndex: 'year', width: 80 },
            { title: '科目', dataIndex: 'subjectLabel', width: 90 },
            { title: '学时', dataIndex: 'hours', width: 80, render: (h: number) => formatHours(h) },
            {
              title: '状态',
              key: 'status',
              render: (_, r) => (
                <>
                  {r.statusLabel}
                  {r.currentReviewerName && <span className="muted">（待{r.currentReviewerName}审核）</span>}
                  {r.rejectReason && <div className="muted">原因：{r.rejectReason}</div>}
                </>
              ),
            },
          ]}
        />
      </div>
    </List.Item>
  );
}
