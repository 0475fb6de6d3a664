import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Radio,
  Space,
  Table,
  Tabs,
  Tag,
  Upload,
  type UploadFile,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, InboxOutlined, SearchOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  CERTIFICATE_BATCH_LIMITS,
  CERTIFICATE_BATCH_STATES,
  certificateQueryApi,
  chinaFileStamp,
  formatHours,
} from '@ce/shared';
import { call, href, searchBody } from '../../api/client';
import type { CertificateYear } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fetchFile, saveBlob } from '../../lib/download';
import { MergedPrint, PrintYearButton } from './CertificatePrinting';
import './certificates.css';

type By = 'certNo' | 'idNumber';
type Lookup = { certNo: string } | { idNumber: string };

export const BATCH_TEMPLATE_URL = href(certificateQueryApi.batchTemplate);
export const BATCH_URL = href(certificateQueryApi.batch);

/**
 * 证书查询 of the console: one person by 证书管理号 or 身份证号, or a batch (an Excel file of ID
 * numbers → an Excel file of results), within the admin's own organisation subtree.
 */
export function CertificateQueryAdminPage() {
  return (
    <Card title="证书查询">
      <p className="muted" style={{ marginTop: 0 }}>
        可查询本机构及下级机构专业技术人员的继续教育电子证书（各年度证书状态、学时和发证单位）。超出管理范围的人员查询不到。
      </p>
      <Tabs
        items={[
          { key: 'single', label: '单个查询', children: <SingleQuery /> },
          { key: 'batch', label: '批量查询', children: <BatchQuery /> },
        ]}
      />
    </Card>
  );
}

const STATUS: Record<CertificateYear['status'], { label: string; color: string }> = {
  valid: { label: '有效', color: 'green' },
  revoked: { label: '已撤销', color: 'orange' },
};

const columns: ColumnsType<CertificateYear> = [
  { title: '年度', dataIndex: 'year', width: 90, render: (y: number) => `${y}年度` },
  {
    title: '状态',
    dataIndex: 'status',
    width: 90,
    render: (s: CertificateYear['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>,
  },
  {
    title: '公需科目',
    dataIndex: 'publicHours',
    width: 100,
    render: (h: number) => `${formatHours(h)} 学时`,
  },
  {
    title: '专业科目',
    dataIndex: 'professionalHours',
    width: 100,
    render: (h: number) => `${formatHours(h)} 学时`,
  },
  { title: '发证单位', dataIndex: 'issuer', ellipsis: true },
];

function SingleQuery() {
  const [by, setBy] = useState<By>('certNo');
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const answer = useQuery({
    queryKey: ['admin', 'certificates', lookup],
    queryFn: () => call(certificateQueryApi.adminSearch, { body: searchBody(lookup ?? {}) }),
    enabled: lookup !== null,
  });

  return (
    <>
      <Form<{ value: string }>
        layout="inline"
        className="filter-form"
        onFinish={(v) => {
          const value = v.value.trim().toUpperCase();
          setLookup(by === 'certNo' ? { certNo: value } : { idNumber: value });
        }}
      >
        <Form.Item>
          <Radio.Group
            value={by}
            onChange={(e) => setBy(e.target.value as By)}
            optionType="button"
            options={[
              { value: 'certNo', label: '证书管理号' },
              { value: 'idNumber', label: '身份证号' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="value"
          rules={[
            {
              required: true,
              whitespace: true,
              message: by === 'certNo' ? '请输入证书管理号' : '请输入身份证号',
            },
            by === 'certNo'
              ? { pattern: /^\s*\d{13}\s*$/, message: '证书管理号为13位数字' }
              : { pattern: /^\s*\d{17}[\dXx]\s*$/, message: '身份证号为18位' },
          ]}
        >
          <Input
            aria-label={by === 'certNo' ? '证书管理号' : '身份证号'}
            placeholder={by === 'certNo' ? '13位证书管理号' : '18位身份证号'}
            maxLength={20}
            allowClear
            style={{ width: 240 }}
            autoComplete="off"
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={answer.isFetching}>
            查询
          </Button>
        </Form.Item>
      </Form>

      {lookup &&
        (answer.isPending ? null : answer.isError ? (
          <ErrorAlert error={answer.error} />
        ) : (
          <div data-testid="admin-cert-result">
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, sm: 2 }}
              style={{ marginBottom: 16 }}
              items={[
                { key: 'name', label: '姓名', children: answer.data.person.name },
                {
                  key: 'id',
                  label: '身份证号',
                  children: <span className="mono">{answer.data.person.idNumberMasked}</span>,
                },
                {
                  key: 'certNo',
                  label: '证书管理号',
                  children: <span className="mono">{answer.data.person.certNo}</span>,
                },
                { key: 'unit', label: '所在单位', children: answer.data.person.unitName },
              ]}
            />
            <Table<CertificateYear>
              rowKey="year"
              size="small"
              columns={[
                ...columns,
                {
                  title: '操作',
                  key: 'print',
                  width: 110,
                  render: (_, y) =>
                    y.status === 'valid' ? (
                      <PrintYearButton certNo={answer.data.person.certNo} name={answer.data.person.name} year={y.year} />
                    ) : (
                      <span className="muted">已撤销，不能打印</span>
                    ),
                },
              ]}
              dataSource={[...answer.data.years].sort((a, b) => b.year - a.year)}
              pagination={false}
              scroll={{ x: 750 }}
              locale={{
                emptyText: <Empty description="该人员暂无电子证书（各年度学时均未达标或尚未审核通过）" />,
              }}
            />
            <div style={{ marginTop: 12 }}>
              <MergedPrint
                certNo={answer.data.person.certNo}
                name={answer.data.person.name}
                years={answer.data.years.filter((y) => y.status === 'valid').map((y) => y.year)}
              />
            </div>
          </div>
        ))}
    </>
  );
}

function BatchQuery() {
  const { message } = App.useApp();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const template = useMutation({
    mutationFn: () => fetchFile(BATCH_TEMPLATE_URL),
    onSuccess: (blob) => saveBlob(blob, '证书批量查询模板.xlsx'),
  });
  const run = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return fetchFile(BATCH_URL, form);
    },
    onSuccess: (blob) => {
      saveBlob(blob, `证书批量查询结果_${chinaFileStamp(new Date())}.xlsx`);
      message.success('查询完成，结果文件已开始下载');
    },
  });
  const file = files[0]?.originFileObj;

  return (
    <div className="batch-query">
      <ol className="batch-steps">
        <li>
          下载模板，在“身份证号”一列逐行填写要查询的身份证号（每次最多 {CERTIFICATE_BATCH_LIMITS.maxRows}{' '}
          行）。
          <div>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => template.mutate()}
              loading={template.isPending}
              style={{ marginTop: 8 }}
            >
              下载模板
            </Button>
          </div>
          <ErrorAlert error={template.error} />
        </li>
        <li>
          选择填好的 Excel
          文件（.xlsx），点击“开始查询”，浏览器将下载查询结果（身份证号、姓名、证书管理号、年度、状态、学时、发证单位）。
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            fileList={files}
            beforeUpload={(f) => {
              if (!/\.xlsx$/i.test(f.name)) {
                message.error('请选择 .xlsx 格式的 Excel 文件');
                return Upload.LIST_IGNORE;
              }
              if (f.size > CERTIFICATE_BATCH_LIMITS.maxFileBytes) {
                message.error(`文件不能超过${CERTIFICATE_BATCH_LIMITS.maxFileBytes / 1024 / 1024}MB`);
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
            onChange={({ fileList }) => {
              setFiles(fileList.slice(-1));
              run.reset();
            }}
            className="batch-dragger"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或将文件拖到此处</p>
            <p className="ant-upload-hint">仅支持 .xlsx，一次一个文件</p>
          </Upload.Dragger>
        </li>
      </ol>
      <Space wrap>
        <Button
          type="primary"
          disabled={!file}
          loading={run.isPending}
          onClick={() => file && run.mutate(file as File)}
        >
          开始查询
        </Button>
      </Space>
      {run.isError && (
        <Alert type="error" showIcon title={`查询失败：${run.error.message}`} style={{ marginTop: 16 }} />
      )}
      {run.isSuccess && (
        <Alert
          type="success"
          showIcon
          title="查询完成，结果文件已下载"
          description={`“状态”一列：${CERTIFICATE_BATCH_STATES.join('、')}。每人每个有证书的年度一行。`}
          style={{ marginTop: 16 }}
        />
      )}
    </div>
  );
}
