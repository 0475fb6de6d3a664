import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, Result, Space, Spin, Table, Tabs, Tag, Upload, type UploadFile } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowLeftOutlined, DeleteOutlined, DownloadOutlined, FileExcelOutlined, MinusCircleOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { baseClassesApi, type BaseClassDetail } from '@ce/shared';
import { call, errorMessage, href } from '../../../api/client';
import { useEndpoint } from '../../../api/queries';
import { EvidenceViewer } from '../../../components/DeclarationParts';
import { JobProgress } from '../../../components/JobProgress';
import { fetchFile, saveBlob } from '../../../lib/download';
import { formatDateTime } from '../../../lib/format';
import { BatchCounts, BatchStatusTag } from '../batches/parts';
import { BaseClassEditorModal } from './BaseClassEditorModal';

type Trainee = BaseClassDetail['trainees'][number];
type Import = BaseClassDetail['imports'][number];

const STATUS_COLORS: Record<string, string> = { pending: 'processing', approved: 'success', rejected: 'error', deleted: 'default', revoked: 'warning' };

/**
 * One training class of a base: its facts and evidence (attached once), its trainees added by
 * ID number and name or in the batch template (a job, with the error report when refused), and the
 * state of each record, which the base withdraws while the trainee's unit has not acted.
 */
export function BaseClassPage() {
  const id = Number(useParams().id);
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const detail = useEndpoint(baseClassesApi.detail, { params: { id } });
  const [editing, setEditing] = useState(false);
  const [evidence, setEvidence] = useState<UploadFile[]>([]);
  const [file, setFile] = useState<UploadFile[]>([]);
  const [jobId, setJobId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [traineeForm] = Form.useForm<{ trainees: { idNumber: string; name: string }[] }>();
  const [problems, setProblems] = useState<string[]>([]);
  const c = detail.data;

  const refresh = useCallback(() => {
    setSelected([]);
    void queryClient.invalidateQueries({ queryKey: ['admin'] });
  }, [queryClient]);
  const run = async (work: () => Promise<string | void>) => {
    setBusy(true);
    try {
      const text = await work();
      if (text) void message.success(text);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(false);
      refresh();
    }
  };

  if (detail.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (detail.isError || !c) return <Result status="warning" title={errorMessage(detail.error)} extra={<Link to="/admin/base-classes">返回培训班次管理</Link>} />;

  const uploadEvidence = () =>
    run(async () => {
      const form = new FormData();
      for (const e of evidence) if (e.originFileObj) form.append('evidence', e.originFileObj, e.name);
      await call(baseClassesApi.addEvidence, { params: { id }, form });
      setEvidence([]);
      return '证明材料已上传';
    });

  const declarePicked = (v: { trainees: { idNumber: string; name: string }[] }) =>
    run(async () => {
      setProblems([]);
      try {
        const res = await call(baseClassesApi.declare, { params: { id }, body: { trainees: v.trainees.map((t) => ({ idNumber: t.idNumber.trim().toUpperCase(), name: t.name.trim() })) } });
        setJobId(res.jobId);
        traineeForm.setFieldsValue({ trainees: [{ idNumber: '', name: '' }] });
        return '已提交，正在校验并导入';
      } catch (err) {
        const details = (err as { details?: { problems?: string[] } }).details;
        if (details?.problems) setProblems(details.problems);
        throw err;
      }
    });

  const uploadFile = () =>
    run(async () => {
      const f = file[0]?.originFileObj;
      if (!f) return void message.warning('请选择填写好的批量申报文件（.xlsx）');
      const form = new FormData();
      form.append('file', f, f.name);
      const res = await call(baseClassesApi.upload, { params: { id }, form });
      setJobId(res.jobId);
      setFile([]);
      return '文件已上传，正在校验';
    });

  const downloadTemplate = () =>
    run(async () => {
      saveBlob(await fetchFile(href(baseClassesApi.template, { params: { id } })), '学员批量申报模板.xlsx');
    });

  const withdraw = (ids: number[] | null) =>
    modal.confirm({
      title: ids ? `撤回选中的 ${ids.length} 条记录` : '撤回全部可撤回的记录',
      content: '撤回后记录从学员所在单位的审核列表中移除（历史保留）。学员所在单位已审核的记录不能撤回。',
      okText: '撤回',
      okButtonProps: { danger: true },
      onOk: () => run(async () => (await call(baseClassesApi.withdraw, { params: { id }, body: ids ? { declarationIds: ids } : {} })).message),
    });

  const withdrawable = c.trainees.filter((t) => t.canWithdraw);
  const traineeColumns: ColumnsType<Trainee> = [
    { title: '姓名', dataIndex: 'personName', width: 120 },
    { title: '身份证号', dataIndex: 'idNumberMasked', width: 190 },
    { title: '学时', dataIndex: 'claimedHours', width: 70 },
    {
      title: '记录状态',
      key: 'status',
      render: (_, t) => (
        <>
          <Tag color={STATUS_COLORS[t.status]}>{t.statusLabel}</Tag>
          {t.stage && <span className="muted">{t.stage}</span>}
          {t.rejectReason && <div className="muted">原因：{t.rejectReason}</div>}
        </>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, t) =>
        t.canWithdraw ? (
          <Button size="small" type="link" danger onClick={() => withdraw([t.id])}>
            撤回
          </Button>
        ) : null,
    },
  ];
  const importColumns: ColumnsType<Import> = [
    { title: '提交时间', dataIndex: 'createdAt', width: 150, render: formatDateTime },
    { title: '来源', dataIndex: 'fileName' },
    { title: '状态', key: 'status', width: 110, render: (_, b) => <BatchStatusTag b={b} /> },
    { title: '行数', key: 'rows', width: 120, render: (_, b) => (b.status === 'failed' ? `${b.rowCount}（错误 ${b.errorCount}）` : b.status === 'imported' ? b.rowCount : '—') },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      render: (_, b) =>
        b.errorReportUrl ? (
          <Button size="small" type="link" danger href={b.errorReportUrl} download>
            下载错误报告
          </Button>
        ) : null,
    },
  ];

  const noEvidence = c.evidence.length === 0;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Link to="/admin/base-classes">
              <ArrowLeftOutlined />
            </Link>
            {c.title}
          </Space>
        }
        extra={
          c.editable ? (
            <Button onClick={() => setEditing(true)}>修改班次</Button>
          ) : (
            <span className="muted">已申报学员，班次信息不能再修改</span>
          )
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
          <Descriptions.Item label="举办基地">{c.baseName}</Descriptions.Item>
          <Descriptions.Item label="计入科目">{c.subjectLabel}</Descriptions.Item>
          <Descriptions.Item label="学习形式">{c.formLabel}</Descriptions.Item>
          <Descriptions.Item label="适用职称系列">{c.series ?? '不限'}</Descriptions.Item>
          <Descriptions.Item label="培训日期">
            {c.startDate} 至 {c.endDate}（{c.year}年度）
          </Descriptions.Item>
          <Descriptions.Item label="学时">{c.hours}</Descriptions.Item>
          <Descriptions.Item label="培训方式">{c.online ? '线上' : '线下'}</Descriptions.Item>
          <Descriptions.Item label={c.online ? '线上平台' : '培训地点'}>{c.place || '—'}</Descriptions.Item>
          <Descriptions.Item label="学员记录">{c.counts.total + c.counts.withdrawn > 0 ? <BatchCounts counts={c.counts} /> : '尚未申报'}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title="班次证明材料" extra={<span className="muted">培训通知、结业名单等，整个班次上传一次，学员无需另行提供</span>}>
        <EvidenceViewer attachments={c.evidence} urlOf={(f) => href(baseClassesApi.evidence, { params: { id: c.id, fileId: f.id } })} />
        {c.editable && (
          <Space wrap style={{ marginTop: 12 }} align="start">
            <Upload accept=".jpg,.jpeg,.png,.pdf" multiple maxCount={10} fileList={evidence} beforeUpload={() => false} onChange={({ fileList }) => setEvidence(fileList)}>
              <Button icon={<PaperClipOutlined />}>选择证明材料（JPG、PNG、PDF）</Button>
            </Upload>
            <Button type="primary" icon={<UploadOutlined />} disabled={evidence.length === 0} loading={busy} onClick={() => void uploadEvidence()}>
              上传
            </Button>
            {c.evidence.map((f) => (
              <Button key={f.id} size="small" danger icon={<DeleteOutlined />} onClick={() => void run(async () => void (await call(baseClassesApi.removeEvidence, { params: { id: c.id, fileId: f.id } })))}>
                删除“{f.name}”
              </Button>
            ))}
          </Space>
        )}
      </Card>

      <Card title="申报学员">
        {noEvidence && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="请先上传班次证明材料（培训通知、结业名单），再申报学员。" />}
        <Tabs
          items={[
            {
              key: 'pick',
              label: (
                <span>
                  <UserAddOutlined /> 按身份证号添加
                </span>
              ),
              children: (
                <Form form={traineeForm} name="base-trainees" initialValues={{ trainees: [{ idNumber: '', name: '' }] }} onFinish={(v) => void declarePicked(v)}>
                  <div className="muted" style={{ marginBottom: 8 }}>
                    学员须为本省已注册的专业技术人员，姓名须与身份证号一致。每位学员计 {c.hours} 学时（{c.subjectLabel}）。
                  </div>
                  <Form.List name="trainees">
                    {(fields, { add, remove }) => (
                      <>
                        {fields.map((field, i) => (
                          <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                            <span className="muted" style={{ width: 24 }}>
                              {i + 1}.
                            </span>
                            <Form.Item name={[field.name, 'idNumber']} rules={[{ required: true, whitespace: true, message: '请填写身份证号' }]}>
                              <Input placeholder="身份证号" maxLength={18} style={{ width: 220 }} aria-label={`第${i + 1}位学员身份证号`} />
                            </Form.Item>
                            <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
                              <Input placeholder="姓名" maxLength={50} style={{ width: 140 }} aria-label={`第${i + 1}位学员姓名`} />
                            </Form.Item>
                            {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} aria-label="删除该学员" />}
                          </Space>
                        ))}
                        <Space>
                          <Button icon={<PlusOutlined />} onClick={() => add({ idNumber: '', name: '' })}>
                            添加一行
                          </Button>
                          <Button type="primary" htmlType="submit" loading={busy} disabled={noEvidence}>
                            提交申报
                          </Button>
                        </Space>
                      </>
                    )}
                  </Form.List>
                  {problems.length > 1 && (
                    <Alert type="error" showIcon style={{ marginTop: 12 }} title="以下学员有误，未申报任何学员：" description={<ul style={{ margin: 0 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul>} />
                  )}
                </Form>
              ),
            },
            {
              key: 'excel',
              label: (
                <span>
                  <FileExcelOutlined /> 上传Excel
                </span>
              ),
              children: (
                <Space wrap align="start" size={[24, 12]}>
                  <div>
                    <div className="decl-section-title">1. 下载模板</div>
                    <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate()}>
                      下载批量申报模板
                    </Button>
                    <div className="muted" style={{ marginTop: 4, maxWidth: 360 }}>
                      每行一位学员；学习形式填“{c.formLabel}”，学习内容填班次名称，主办单位填“{c.baseName}”，日期在班次日期内，学时不超过 {c.hours}。
                    </div>
                  </div>
                  <div style={{ minWidth: 260 }}>
                    <div className="decl-section-title">2. 选择填好的文件</div>
                    <Upload accept=".xlsx" maxCount={1} fileList={file} beforeUpload={() => false} onChange={({ fileList }) => setFile(fileList.slice(-1))}>
                      <Button icon={<FileExcelOutlined />}>选择 Excel 文件（.xlsx）</Button>
                    </Upload>
                  </div>
                  <div>
                    <div className="decl-section-title">3. 上传并校验</div>
                    <Button type="primary" icon={<UploadOutlined />} loading={busy} disabled={file.length === 0 || noEvidence} onClick={() => void uploadFile()}>
                      上传并校验
                    </Button>
                  </div>
                </Space>
              ),
            },
          ]}
        />
        {jobId && (
          <div style={{ marginTop: 16 }}>
            <JobProgress jobId={jobId} onDone={refresh} />
          </div>
        )}
        {c.imports.length > 0 && <Table<Import> style={{ marginTop: 16 }} rowKey="batchId" size="small" columns={importColumns} dataSource={c.imports} pagination={false} />}
      </Card>

      <Card
        title="学员记录"
        extra={
          <Space>
            <Button danger disabled={selected.length === 0} onClick={() => withdraw(selected)}>
              撤回选中{selected.length ? `（${selected.length}）` : ''}
            </Button>
            <Button danger disabled={withdrawable.length === 0} onClick={() => withdraw(null)}>
              撤回全部可撤回的记录
            </Button>
          </Space>
        }
      >
        <Table<Trainee>
          rowKey="id"
          size="small"
          columns={traineeColumns}
          dataSource={c.trainees}
          pagination={c.trainees.length > 50 ? { pageSize: 50 } : false}
          rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(Number)), getCheckboxProps: (t: Trainee) => ({ disabled: !t.canWithdraw }) }}
          locale={{ emptyText: '尚未申报学员' }}
        />
      </Card>

      <BaseClassEditorModal
        open={editing}
        editing={c}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          refresh();
        }}
      />
    </Space>
  );
}
