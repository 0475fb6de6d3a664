import { useState } from 'react';
import { Alert, App, Button, Form, Modal, Progress, Select, Space } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { CERTIFICATE_ZIP_MAX_PEOPLE, JOB_STATE_LABELS, certificatePrintsApi, jobsApi } from '@ce/shared';
import { call, href } from '../../api/client';
import { queryKeyOf } from '../../api/queries';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fetchFile, saveBlob } from '../../lib/download';
import { yearNow } from '../../lib/format';

/**
 * Units print their people's certificates (issue 8 item 3): one person's yearly or merged PDF
 * (a download that shows the server's reason when a year cannot be printed), or many people as one
 * ZIP made by a job whose progress is shown until the file can be downloaded.
 */

const span = (from: number, to: number) => (from === to ? `${from}年度` : `${from}-${to}年度`);

/** Downloads one person's certificate of `from`…`to` (one year when equal). */
export function usePrintCertificate() {
  const { message } = App.useApp();
  return useMutation({
    mutationFn: async (p: { certNo: string; name: string; from: number; to: number }) => {
      const blob = await fetchFile(href(certificatePrintsApi.pdf, { params: { certNo: p.certNo }, query: { from: p.from, to: p.to } }));
      saveBlob(blob, `${p.name}_继续教育证书_${span(p.from, p.to)}.pdf`);
    },
    onError: (err) => void message.error(err.message),
  });
}

/** A button printing one year of one person. */
export function PrintYearButton({ certNo, name, year, label = '打印证书' }: { certNo: string; name: string; year: number; label?: string }) {
  const print = usePrintCertificate();
  return (
    <Button
      size="small"
      type="link"
      icon={<PrinterOutlined />}
      loading={print.isPending}
      onClick={() => print.mutate({ certNo, name, from: year, to: year })}
    >
      {label}
    </Button>
  );
}

/** 合并打印 of one person: a year range among the years that hold a certificate. */
export function MergedPrint({ certNo, name, years }: { certNo: string; name: string; years: number[] }) {
  const sorted = [...years].sort((a, b) => a - b);
  const [range, setRange] = useState<{ from?: number; to?: number }>({ from: sorted[0], to: sorted[sorted.length - 1] });
  const print = usePrintCertificate();
  if (sorted.length < 2) return null;
  const options = sorted.map((y) => ({ value: y, label: `${y}年度` }));
  return (
    <Space wrap className="merged-print">
      <span>合并打印：</span>
      <Select aria-label="起始年度" value={range.from} options={options} style={{ width: 110 }} onChange={(from) => setRange((r) => ({ ...r, from }))} />
      <span>至</span>
      <Select aria-label="截止年度" value={range.to} options={options} style={{ width: 110 }} onChange={(to) => setRange((r) => ({ ...r, to }))} />
      <Button
        icon={<PrinterOutlined />}
        loading={print.isPending}
        disabled={!range.from || !range.to || range.from > range.to}
        onClick={() => range.from && range.to && print.mutate({ certNo, name, from: range.from, to: range.to })}
      >
        合并打印
      </Button>
    </Space>
  );
}

/** The years an admin may choose for printing: this year and the ten before it, newest first. */
const yearOptions = () => {
  const current = yearNow();
  return Array.from({ length: 11 }, (_, i) => current - i).map((y) => ({ value: y, label: `${y}年度` }));
};

/** 批量打印证书: the chosen people's certificates as one ZIP (a job with progress). */
export function BatchPrintModal({
  people,
  open,
  onClose,
}: {
  people: { certNo: string; name: string }[];
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ from: number; to: number }>();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: (v: { from: number; to: number }) =>
      call(certificatePrintsApi.zip, { body: { certNos: people.map((p) => p.certNo), from: v.from, to: v.to } }),
    onSuccess: (res) => setJobId(res.jobId),
  });
  const job = useQuery({
    queryKey: queryKeyOf(jobsApi.status, { params: { jobId } }),
    queryFn: () => call(jobsApi.status, { params: { jobId: jobId! } }),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.state === 'succeeded' || q.state.data.state === 'failed') ? false : 1000),
  });
  const status = job.data;
  const finished = status?.state === 'succeeded' || status?.state === 'failed';
  const last = yearNow() - 1;
  const close = () => {
    setJobId(null);
    start.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={`批量打印证书（已选 ${people.length} 人）`}
      onCancel={close}
      destroyOnHidden
      footer={
        jobId ? (
          <Button onClick={close}>{finished ? '关闭' : '在后台继续，关闭窗口'}</Button>
        ) : (
          <Space>
            <Button onClick={close}>取消</Button>
            <Button type="primary" loading={start.isPending} onClick={() => form.submit()}>
              开始生成
            </Button>
          </Space>
        )
      }
    >
      {!jobId ? (
        <>
          <p>
            所选人员的证书将在后台生成，打包为一个 ZIP 压缩包（每人一个 PDF）。起止年度相同为年度证书，不同为合并打印；
            所选年度未通过或暂不能打印的人员不生成证书，原因列在压缩包中的“未打印名单.txt”。一次最多{' '}
            {CERTIFICATE_ZIP_MAX_PEOPLE} 人。
          </p>
          <Form
            form={form}
            name="batchPrint"
            layout="inline"
            initialValues={{ from: last, to: last }}
            onFinish={(v) => start.mutate(v)}
          >
            <Form.Item name="from" label="起始年度" rules={[{ required: true, message: '请选择起始年度' }]}>
              <Select options={yearOptions()} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item
              name="to"
              label="截止年度"
              dependencies={['from']}
              rules={[
                { required: true, message: '请选择截止年度' },
                ({ getFieldValue }) => ({
                  validator: async (_, to: number) => {
                    if (to < getFieldValue('from')) throw new Error('截止年度不能早于起始年度');
                  },
                }),
              ]}
            >
              <Select options={yearOptions()} style={{ width: 120 }} />
            </Form.Item>
          </Form>
          <ErrorAlert error={start.error} />
        </>
      ) : (
        <div data-testid="batch-print-progress">
          <Progress
            percent={status && status.total > 0 ? Math.floor((status.done / status.total) * 100) : 0}
            status={status?.state === 'failed' ? 'exception' : status?.state === 'succeeded' ? 'success' : 'active'}
          />
          <p>
            {status ? `${JOB_STATE_LABELS[status.state]}：${status.message}` : '正在提交…'}
          </p>
          {status?.state === 'succeeded' && (
            <Button type="primary" icon={<DownloadOutlined />} href={href(jobsApi.file, { params: { jobId } })}>
              下载证书压缩包
            </Button>
          )}
          {status?.state === 'failed' && <Alert type="error" showIcon title={status.message} />}
          <ErrorAlert error={job.error} />
        </div>
      )}
    </Modal>
  );
}
