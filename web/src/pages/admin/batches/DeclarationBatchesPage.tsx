import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Space, Upload, type UploadFile } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, FileExcelOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { declarationBatchesApi, type DeclarationBatchSummary } from '@ce/shared';
import { call, errorMessage, href } from '../../../api/client';
import { usePagedList } from '../../../api/queries';
import { JobProgress } from '../../../components/JobProgress';
import { PagedTable } from '../../../components/PagedTable';
import { useSignedIn } from '../../../components/RequireAdmin';
import { fetchFile, saveBlob } from '../../../lib/download';
import { formatDateTime } from '../../../lib/format';
import { BatchStatusTag, BatchCounts } from './parts';

const EVIDENCE_ACCEPT = '.jpg,.jpeg,.png,.pdf';

/**
 * 批量申报: a unit or department admin downloads the template, uploads the filled file with
 * the batch's evidence, watches the check (a job) and gets either the imported batch or the error
 * report to correct and upload again; below, every batch of the organisation.
 */
export function DeclarationBatchesPage() {
  const me = useSignedIn();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<UploadFile[]>([]);
  const [evidence, setEvidence] = useState<UploadFile[]>([]);
  const [jobId, setJobId] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const list = usePagedList(declarationBatchesApi.list, {});

  const downloadTemplate = async () => {
    setDownloading(true);
    try {
      saveBlob(await fetchFile(href(declarationBatchesApi.template)), '学时批量申报模板.xlsx');
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setDownloading(false);
    }
  };

  const submit = async () => {
    const f = file[0]?.originFileObj;
    if (!f) return void message.warning('请选择填写好的批量申报文件（.xlsx）');
    const form = new FormData();
    form.append('file', f, f.name);
    for (const e of evidence) if (e.originFileObj) form.append('evidence', e.originFileObj, e.name);
    setSending(true);
    try {
      const { jobId: id } = await call(declarationBatchesApi.upload, { form });
      setJobId(id);
      setFile([]);
      setEvidence([]);
      void queryClient.invalidateQueries({ queryKey: ['admin', 'declaration-batches'] });
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setSending(false);
    }
  };

  const onDone = useCallback(() => void queryClient.invalidateQueries({ queryKey: ['admin'] }), [queryClient]);

  const columns: ColumnsType<DeclarationBatchSummary> = [
    { title: '编号', dataIndex: 'id', width: 70 },
    {
      title: '文件',
      key: 'file',
      render: (_, b) => (
        <>
          <Link to={`/admin/declaration-batches/${b.id}`}>
            <FileExcelOutlined /> {b.fileName}
          </Link>
          <div className="muted">
            {b.declarerName} · {formatDateTime(b.createdAt)}
          </div>
        </>
      ),
    },
    { title: '状态', key: 'status', width: 110, render: (_, b) => <BatchStatusTag b={b} /> },
    { title: '行数', key: 'rows', width: 110, render: (_, b) => (b.status === 'failed' ? `${b.rowCount}（错误 ${b.errorCount}）` : b.status === 'imported' ? b.rowCount : '—') },
    { title: '审核情况', key: 'counts', width: 250, render: (_, b) => (b.status === 'imported' ? <BatchCounts counts={b.counts} /> : '—') },
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_, b) => (
        <Space size={0}>
          <Link to={`/admin/declaration-batches/${b.id}`}>
            <Button size="small" type="link">
              详情
            </Button>
          </Link>
          {b.errorReportUrl && (
            <Button size="small" type="link" danger href={b.errorReportUrl} download>
              错误报告
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={me.org.kind === 'department' ? '主管部门批量申报' : '单位批量申报'}
        extra={<span className="muted">导入的记录由上一级审核，本人无需上传证明材料，也不能自行撤销</span>}
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="先下载模板，每行填写一位专业技术人员的一条学时记录；上传时附上整批的证明材料（通知、签到表、照片）。"
          description="全部行校验通过才会导入并提交审核；任何一行有错误则全部不导入，请下载错误报告，按“错误原因”列修改后重新上传。同一文件不能重复上传。"
        />
        <Space wrap align="start" size={[24, 12]}>
          <div>
            <div className="decl-section-title">1. 下载模板</div>
            <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void downloadTemplate()}>
              下载批量申报模板
            </Button>
          </div>
          <div style={{ minWidth: 260 }}>
            <div className="decl-section-title">2. 选择填好的文件</div>
            <Upload
              accept=".xlsx"
              maxCount={1}
              fileList={file}
              beforeUpload={() => false}
              onChange={({ fileList }) => setFile(fileList.slice(-1))}
            >
              <Button icon={<FileExcelOutlined />}>选择 Excel 文件（.xlsx）</Button>
            </Upload>
          </div>
          <div style={{ minWidth: 260 }}>
            <div className="decl-section-title">3. 整批证明材料（JPG、PNG、PDF）</div>
            <Upload accept={EVIDENCE_ACCEPT} multiple maxCount={20} fileList={evidence} beforeUpload={() => false} onChange={({ fileList }) => setEvidence(fileList)}>
              <Button icon={<PaperClipOutlined />}>添加证明材料</Button>
            </Upload>
          </div>
          <div>
            <div className="decl-section-title">4. 上传并校验</div>
            <Button type="primary" icon={<UploadOutlined />} loading={sending} disabled={file.length === 0} onClick={() => void submit()}>
              上传并校验
            </Button>
          </div>
        </Space>
        {jobId && (
          <div style={{ marginTop: 16 }}>
            <JobProgress jobId={jobId} onDone={onDone} />
          </div>
        )}
      </Card>
      <Card title="批量申报记录">
        <PagedTable list={list} columns={columns} unit="个批次" emptyText="还没有批量申报" />
      </Card>
    </Space>
  );
}
