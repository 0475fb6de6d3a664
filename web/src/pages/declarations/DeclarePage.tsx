import { useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Skeleton,
  Tag,
  Upload,
  type UploadFile,
} from 'antd';
import type { Rule } from 'antd/es/form';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  evidenceContentType,
  formatHours,
  myDeclarationsApi as mine,
  SNIFF_BYTES,
  type DeclarationSubject,
  type FormCode,
} from '@ce/shared';
import { ApiError, call, errorMessage } from '../../api/client';
import type { DeclarationDetail, DeclarationInput, DeclarationOptions } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LinkButton } from '../../components/LinkButton';
import { ProfessionalLayout } from '../../components/ProfessionalLayout';
import {
  cleanParams,
  evidenceApplies,
  formatBytes,
  liveStandard,
  standardText,
  visibleParamFields,
  type ParamField,
} from '../../lib/declarations';
import { myAttachmentUrl, useDeclarationOptions, useMyDeclaration, useRefreshDeclarations } from './queries';

interface Values {
  year?: number;
  subject?: DeclarationSubject;
  form?: FormCode;
  params?: Record<string, unknown>;
  title?: string;
  organiser?: string;
  startDate?: Dayjs;
  endDate?: Dayjs;
  assessmentResult?: string;
  claimedHours?: number;
  /** Form 15 ('reduction') only: the whole months of the year on duty (第八条, R-19). */
  monthsOnDuty?: number;
  note?: string;
}

/** Where a failed save after the draft was created sends the person (the edit page of that draft). */
interface NavState {
  notice?: string;
}

const ACCEPT = '.jpg,.jpeg,.png,.pdf,.zip,image/jpeg,image/png,application/pdf,application/zip';
const EXTENSIONS = /\.(jpe?g|png|pdf|zip)$/i;
const MB = 1024 * 1024;

/** The first bytes of a file (the browser's Blob API, or FileReader where it lacks arrayBuffer). */
function headOf(file: File, n: number): Promise<Uint8Array> {
  const part = file.slice(0, n);
  if (typeof part.arrayBuffer === 'function') return part.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsArrayBuffer(part);
  });
}

/** Why an evidence file cannot be uploaded (the server's own checks, SPEC §11), or null. */
async function evidenceFileProblem(
  file: File,
  limits: DeclarationOptions['attachments'],
): Promise<string | null> {
  const okType = EXTENSIONS.test(file.name) || limits.types.includes(file.type);
  if (!okType) return `“${file.name}”不是${limits.typesLabel}`;
  if (file.size === 0) return `“${file.name}”是空文件`;
  if (file.size > limits.maxFileBytes) return `“${file.name}”超过${limits.maxFileBytes / MB}MB，请压缩后上传`;
  if (!evidenceContentType(await headOf(file, SNIFF_BYTES))) {
    return `“${file.name}”的内容不是${limits.typesLabel}（按文件内容识别，与扩展名无关），请重新选择`;
  }
  return null;
}

/** Whether required fields are checked: on 提交 and while typing, not on 保存暂不提交. */
type Strict = { current: boolean };
const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
/** A required field (issue 8 item 10): a draft may be saved with it empty, a submission may not. */
const needed =
  (strict: Strict) =>
  (message: string): Rule => ({
    validator: async (_: unknown, value: unknown) => {
      if (strict.current && isEmpty(value)) throw new Error(message);
    },
  });
type Need = ReturnType<typeof needed>;

/**
 * 学时（分）申报 (R-13): a new declaration at /me/declare, or a draft / rejected one at
 * /me/declarations/:id/edit (修改后重新提交).
 */
export function DeclarePage() {
  const { id } = useParams();
  return (
    <ProfessionalLayout>
      <DeclareContent key={id ?? 'new'} id={id ? Number(id) : null} />
    </ProfessionalLayout>
  );
}

function DeclareContent({ id }: { id: number | null }) {
  const options = useDeclarationOptions();
  const detail = useMyDeclaration(id ?? 0);
  if (options.isPending || (id !== null && detail.isPending))
    return <Skeleton active paragraph={{ rows: 10 }} />;
  if (options.isError)
    return <Result status="error" title="加载失败" subTitle={errorMessage(options.error)} />;
  if (id !== null && detail.isError)
    return <Result status="error" title="加载失败" subTitle={errorMessage(detail.error)} />;
  const existing = id !== null ? (detail.data ?? null) : null;
  if (existing && !existing.can.edit) {
    return (
      <Result
        status="info"
        title={`该申报当前为“${existing.statusLabel}”，不能修改`}
        subTitle="只有待提交或审核不通过的申报可以修改。"
        extra={
          <LinkButton type="primary" to={`/me/declarations/${existing.id}`}>
            查看申报详细
          </LinkButton>
        }
      />
    );
  }
  return <DeclarationForm options={options.data} existing={existing} />;
}

/** A draft sends what is filled; what is empty goes as null ('' for text), see DeclarationInput. */
const toInput = (v: Values): DeclarationInput => ({
  year: v.year!,
  subject: v.subject ?? null,
  form: v.form ?? null,
  title: v.title ?? '',
  organiser: v.organiser ?? '',
  startDate: v.startDate ? v.startDate.format('YYYY-MM-DD') : null,
  endDate: v.endDate ? v.endDate.format('YYYY-MM-DD') : null,
  assessmentResult: v.assessmentResult ?? '',
  params: cleanParams(v.form, v.params),
  claimedHours: v.claimedHours ?? null,
  ...(v.form === 'reduction' ? { monthsOnDuty: v.monthsOnDuty } : {}),
  note: v.note?.trim() ?? '',
});

function initialValues(options: DeclarationOptions, d: DeclarationDetail | null): Values {
  if (!d) {
    const open = options.openYears.map((y) => y.year);
    return { year: open.includes(options.currentYear) ? options.currentYear : open[0], params: {} };
  }
  return {
    year: d.year,
    subject: d.subject ?? undefined,
    form: d.form ?? undefined,
    params: { ...d.params },
    title: d.title,
    organiser: d.organiser,
    startDate: d.startDate ? dayjs(d.startDate) : undefined,
    endDate: d.endDate ? dayjs(d.endDate) : undefined,
    assessmentResult: d.assessmentResult,
    claimedHours: d.claimedHours ?? undefined,
    monthsOnDuty: d.monthsOnDuty ?? undefined,
    note: d.note,
  };
}

function DeclarationForm({
  options,
  existing,
}: {
  options: DeclarationOptions;
  existing: DeclarationDetail | null;
}) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const refresh = useRefreshDeclarations();
  const [form] = Form.useForm<Values>();
  const strict = useRef(true);
  const need = needed(strict);
  const [initial] = useState(() => initialValues(options, existing));
  const [pending, setPending] = useState<UploadFile[]>([]);
  const [ticked, setTicked] = useState<string[]>([]);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const notice = (location.state as NavState | null)?.notice;

  const formCode = Form.useWatch('form', form) as FormCode | undefined;
  const params = (Form.useWatch('params', form) as Record<string, unknown> | undefined) ?? {};
  const claimed = Form.useWatch('claimedHours', form) as number | undefined;
  const year = Form.useWatch('year', form) as number | undefined;

  const formInfo = options.forms.find((f) => f.code === formCode);
  const fields = visibleParamFields(formCode, params);
  const standard = liveStandard(formCode, params);
  const attachments = existing?.attachments ?? [];
  const limits = options.attachments;
  const evidence = (formInfo?.evidence ?? [])
    .map((item) => ({ item, applies: evidenceApplies(formCode, item, params) }))
    .filter((e) => e.applies !== false);
  const resubmit = existing?.status === 'rejected';
  const reduction = formCode === 'reduction';

  const yearOptions = options.openYears.map((y) => ({
    value: y.year,
    label:
      y.reason === '当年学时'
        ? `${y.year}年度`
        : `${y.year}年度（${y.reason}${y.until ? `，截止${y.until}` : ''}）`,
  }));
  const yearClosed = year !== undefined && !options.openYears.some((y) => y.year === year);
  if (existing && yearClosed)
    yearOptions.push({ value: existing.year, label: `${existing.year}年度（已截止）` });

  const existingFiles: UploadFile[] = attachments.map((a) => ({
    uid: `a-${a.id}`,
    name: `${a.name}（${formatBytes(a.size)}）`,
    status: 'done',
    url: myAttachmentUrl(existing!.id, a.id),
    size: a.size,
  }));
  const usedBytes =
    attachments.reduce((n, a) => n + a.size, 0) + pending.reduce((n, f) => n + (f.size ?? 0), 0);

  // Each chosen file is checked at once, as the server will (type by content, size, not empty);
  // a bad one is refused by name and never counts against the limits of the good ones beside it.
  const fileProblems = useRef(new WeakMap<File, Promise<string | null>>());
  const problemOf = (file: File) => {
    let p = fileProblems.current.get(file);
    if (!p) {
      p = evidenceFileProblem(file, limits);
      fileProblems.current.set(file, p);
    }
    return p;
  };
  const beforeUpload = async (file: File, batch: File[]) => {
    const own = await problemOf(file);
    if (own) {
      void message.error(own);
      return Upload.LIST_IGNORE;
    }
    const earlier = batch.slice(0, batch.indexOf(file));
    const goodBefore = (
      await Promise.all(earlier.map(async (f) => ((await problemOf(f)) ? null : f)))
    ).filter((f): f is File => f !== null);
    if (attachments.length + pending.length + goodBefore.length + 1 > limits.maxFiles) {
      void message.error(`“${file.name}”未添加：每条申报最多上传${limits.maxFiles}个证明材料`);
      return Upload.LIST_IGNORE;
    }
    if (usedBytes + goodBefore.reduce((n, f) => n + f.size, 0) + file.size > limits.maxTotalBytes) {
      void message.error(
        `“${file.name}”未添加：每条申报的证明材料合计不能超过${limits.maxTotalBytes / MB}MB`,
      );
      return Upload.LIST_IGNORE;
    }
    return false; // kept here; uploaded to the draft when it is saved
  };

  const removeFile = (file: UploadFile) => {
    if (!file.uid.startsWith('a-') || !existing) return true;
    const attachmentId = Number(file.uid.slice(2));
    return new Promise<boolean>((resolve) => {
      modal.confirm({
        title: '删除证明材料',
        content: `确认删除已上传的“${file.name}”？`,
        okText: '删除',
        okButtonProps: { danger: true },
        onOk: async () => {
          try {
            await call(mine.deleteAttachment, { params: { id: existing.id, attachmentId } });
            void message.success('证明材料已删除');
            await refresh();
            resolve(true);
          } catch (err) {
            void message.error(errorMessage(err));
            resolve(false);
          }
        },
        onCancel: () => resolve(false),
      });
    });
  };

  const confirm = (title: string, content: ReactNode) =>
    new Promise<boolean>((resolve) =>
      modal.confirm({
        title,
        content,
        okText: '仍要提交',
        cancelText: '返回补充',
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      }),
    );

  async function save(submit: boolean) {
    let values: Values;
    // 保存暂不提交 keeps what is filled, empty required fields included; 提交 needs everything.
    strict.current = submit;
    try {
      values = await form.validateFields();
    } catch {
      void message.error(submit ? '请按提示填写完整后再提交' : '请按提示修改后再保存');
      return;
    } finally {
      strict.current = true;
    }
    if (submit) {
      if (attachments.length + pending.length === 0) {
        setError(
          new ApiError(
            400,
            'VALIDATION',
            `请先上传证明材料（${(formInfo?.evidence ?? ['相关证明']).join('、')}）`,
          ),
        );
        return;
      }
      const unticked = evidence
        .filter((e) => e.applies === true && !ticked.includes(e.item))
        .map((e) => e.item);
      if (unticked.length > 0) {
        const go = await confirm(
          '证明材料尚未逐项确认',
          <>
            <p>以下证明材料尚未勾选确认已上传：</p>
            <ul>
              {unticked.map((i) => (
                <li key={i}>{i}</li>
              ))}
            </ul>
            <p>缺少证明材料的申报可能被审核部门退回。</p>
          </>,
        );
        if (!go) return;
      }
      // 提交 starts the review: asked once more (issue 8 item 10); 保存暂不提交 is not.
      const sure = await new Promise<boolean>((resolve) =>
        modal.confirm({
          title: '确认提交学时申报',
          content: '提交后将逐级审核，审核期间不能修改；所在单位审核前可以撤销。确认提交？',
          okText: '确认提交',
          cancelText: '再看看',
          onOk: () => resolve(true),
          onCancel: () => resolve(false),
        }),
      );
      if (!sure) return;
    }
    setBusy(submit ? 'submit' : 'save');
    setError(null);
    const body = toInput(values);
    let saved: DeclarationDetail | null = null;
    try {
      saved = existing
        ? await call(mine.update, { params: { id: existing.id }, body: { ...body, version: existing.version } })
        : await call(mine.create, { body });
      if (pending.length > 0) {
        // One file a request: a file the server refuses never takes the good ones down with it.
        const refused: { file: UploadFile; message: string }[] = [];
        for (const f of pending) {
          const data = new FormData();
          data.append('files', f.originFileObj as File, f.name);
          try {
            await call(mine.upload, { params: { id: saved.id }, form: data });
          } catch (err) {
            refused.push({ file: f, message: errorMessage(err) });
          }
        }
        setPending(refused.map((r) => ({ ...r.file, status: 'error', response: r.message })));
        saved = await call(mine.detail, { params: { id: saved.id } });
        if (refused.length > 0) {
          const uploaded = pending.length - refused.length;
          throw new ApiError(
            400,
            'VALIDATION',
            `${refused.map((r) => r.message).join('；')}${uploaded > 0 ? `。其余${uploaded}个文件已上传` : ''}`,
          );
        }
      }
      if (submit)
        saved = await call(mine.submit, { params: { id: saved.id }, body: { version: saved.version } });
      await refresh();
      const flash = submit
        ? `申报已提交${saved.currentReviewerName ? `，等待${saved.currentReviewerName}审核` : ''}`
        : '已保存（待提交），可在“申报进度查询”中查看、修改或提交';
      void message.success(submit ? '申报已提交' : '已保存');
      navigate(`/me/declarations/${saved.id}`, { replace: true, state: { flash, version: saved.version } });
    } catch (err) {
      void message.error(errorMessage(err));
      // The server's field errors (a submission missing a field) go next to the fields.
      const issues =
        err instanceof ApiError
          ? (err.details?.issues as { path: string; message: string }[] | undefined)
          : undefined;
      if (issues) form.setFields(issues.map((i) => ({ name: i.path.slice(1), errors: [i.message] })));
      await refresh();
      if (!existing && saved) {
        // The draft exists now: continue on its edit page rather than creating another one.
        navigate(`/me/declarations/${saved.id}/edit`, {
          replace: true,
          state: {
            notice: `${errorMessage(err)}。申报已保存为“待提交”，请核对证明材料后重新提交。`,
          } satisfies NavState,
        });
        return;
      }
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  const errorExtra =
    error instanceof ApiError && error.code === 'YEAR_CLOSED'
      ? '因特殊情况需补报往年学时的，请联系当地人社部门开放补报。'
      : error instanceof ApiError && error.code === 'OVER_CAP'
        ? '请按学时折算标准核实申报学时后再提交。'
        : undefined;

  return (
    <Card title={existing ? (resubmit ? '修改后重新提交' : '修改学时申报') : '学时（分）申报'}>
      {notice && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
      {resubmit && existing?.rejectReason && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title="审核不通过的原因"
          description={existing.rejectReason}
        />
      )}
      {options.openYears.length === 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={options.closedMessage} />
      )}
      <Form<Values>
        form={form}
        name="declare"
        layout="vertical"
        initialValues={initial}
        scrollToFirstError
        onValuesChange={(changed: Partial<Values>) => {
          if ('form' in changed) {
            form.setFieldValue('params', {});
            setTicked([]);
            const info = options.forms.find((f) => f.code === changed.form);
            if (info?.professionalOnly && form.getFieldValue('subject') === 'public')
              form.setFieldValue('subject', 'professional');
            // 第八条 lowers the year's requirement instead of adding hours: the record itself claims none.
            if (changed.form === 'reduction') form.setFieldValue('claimedHours', 0);
          }
        }}
      >
        <div className="decl-section-title">基本信息</div>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="year"
              label="计入年度"
              extra="审核通过后，学时汇总到该年度的累计学时中"
              rules={[{ required: true, message: '请选择计入年度' }]}
            >
              <Select options={yearOptions} placeholder="请选择计入年度" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item required name="subject" label="计入科目" rules={[need('请选择计入科目')]}>
              <Radio.Group
                options={options.subjects.map((s) => ({
                  value: s.code,
                  label: s.label,
                  disabled: s.code === 'public' && !!formInfo?.professionalOnly,
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
        {yearClosed && (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={options.closedMessage} />
        )}
        <Form.Item
          required
          name="form"
          label="学习形式"
          extra="选择学习形式后，系统会自动载入需要录入的信息项和需提交的证明材料"
          rules={[need('请选择学习形式')]}
        >
          <Select<FormCode>
            placeholder="请选择学习形式"
            showSearch={{ optionFilterProp: 'label' }}
            options={options.forms.map((f) => ({ value: f.code, label: f.label }))}
          />
        </Form.Item>
        {formInfo?.professionalOnly && (
          <div className="muted" style={{ marginTop: -12, marginBottom: 12 }}>
            该学习形式只能计入专业科目
          </div>
        )}

        {(fields.length > 0 || reduction) && (
          <>
            <div className="decl-section-title">{formInfo?.label}信息</div>
            <Row gutter={16}>
              {fields.map((f) => (
                <Col key={f.key} xs={24} md={f.kind === 'number' ? 12 : 24}>
                  <ParamItem field={f} need={need} />
                </Col>
              ))}
              {reduction && (
                <Col xs={24} md={12}>
                  <Form.Item
                    required
                    name="monthsOnDuty"
                    label="该年度实际在岗月数"
                    extra="当年应完成学时按实际在岗时间折算，如休半年产假，在岗6个月，应完成学时减半"
                    rules={[need('请填写该年度实际在岗月数')]}
                  >
                    <InputNumber min={0} max={12} precision={0} suffix="个月" style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              )}
            </Row>
          </>
        )}

        <div className="decl-section-title">学习内容</div>
        <Form.Item
          required
          name="title"
          label="学习内容"
          rules={[need('请填写学习内容'), { max: 200, message: '不能超过200个字符' }]}
        >
          <Input placeholder="培训、会议、课题、论文、著作等的名称" maxLength={200} />
        </Form.Item>
        <Form.Item
          required
          name="organiser"
          label="主办单位"
          extra="主办单位、发证机关、刊物或出版社名称"
          rules={[need('请填写主办单位'), { max: 100, message: '不能超过100个字符' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12}>
            <Form.Item required name="startDate" label="开始日期" rules={[need('请选择开始日期')]}>
              <DatePicker style={{ width: '100%' }} placeholder="开始日期" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              required
              name="endDate"
              label="结束日期"
              dependencies={['startDate']}
              rules={[
                need('请选择结束日期'),
                ({ getFieldValue }) => ({
                  validator: async (_, value: Dayjs | undefined) => {
                    const start = getFieldValue('startDate') as Dayjs | undefined;
                    if (value && start && value.isBefore(start, 'day'))
                      throw new Error('结束日期不能早于开始日期');
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} placeholder="结束日期" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          required
          name="assessmentResult"
          label="考核结果"
          rules={[need('请填写考核结果'), { max: 100, message: '不能超过100个字符' }]}
        >
          <Input placeholder="如：合格、优秀、已发表、已授权" maxLength={100} />
        </Form.Item>

        <div className="decl-section-title">学时</div>
        <Row gutter={16} align="stretch">
          <Col xs={24} md={10}>
            <Form.Item
              required
              name="claimedHours"
              label="申报学时"
              rules={[
                need('请填写申报学时'),
                {
                  validator: async (_, v: number | undefined) => {
                    if (v != null && Math.abs(Math.round(v * 10) - v * 10) > 1e-9)
                      throw new Error('学时最多保留一位小数');
                  },
                },
              ]}
              extra={
                reduction ? '该学习形式折减当年应完成学时，本身不计学时，申报学时为0' : '最多保留一位小数'
              }
            >
              <InputNumber
                min={0}
                max={9999}
                step={1}
                suffix="学时"
                disabled={reduction}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={14} style={{ marginBottom: 16 }}>
            <StandardBox standard={standard} claimed={claimed} maxHours={formInfo?.maxHours ?? null} />
          </Col>
        </Row>

        <div className="decl-section-title">证明材料</div>
        {formInfo ? (
          <div className="evidence-check" data-testid="evidence-checklist">
            <div className="muted">请对照以下清单准备并上传证明材料，上传后逐项勾选确认：</div>
            {evidence.map((e) => (
              <Checkbox
                key={e.item}
                checked={ticked.includes(e.item)}
                onChange={(ev) =>
                  setTicked((t) => (ev.target.checked ? [...t, e.item] : t.filter((x) => x !== e.item)))
                }
              >
                {e.item}
                {e.applies === undefined && <Tag style={{ marginLeft: 6 }}>如适用</Tag>}
              </Checkbox>
            ))}
            {formInfo.evidenceNote && <div className="muted">{formInfo.evidenceNote}</div>}
          </div>
        ) : (
          <div className="muted">选择学习形式后显示需提交的证明材料。</div>
        )}
        <Form.Item
          label="上传附件"
          extra={`可上传多个文件：${limits.typesLabel}；单个文件不超过${limits.maxFileBytes / MB}MB，每条申报最多${limits.maxFiles}个、合计不超过${limits.maxTotalBytes / MB}MB。${pending.length > 0 ? `已选择 ${pending.length} 个待上传文件，保存或提交时上传。` : ''}`}
          style={{ marginTop: 12 }}
        >
          <Upload
            multiple
            accept={ACCEPT}
            fileList={[...existingFiles, ...pending]}
            beforeUpload={beforeUpload}
            onChange={({ fileList }) => setPending(fileList.filter((f) => !f.uid.startsWith('a-')))}
            onRemove={removeFile}
          >
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>

        <Form.Item name="note" label="备注" rules={[{ max: 500, message: '备注不能超过500个字符' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="需要向审核部门说明的情况（选填）" />
        </Form.Item>

        <ErrorAlert error={error} extra={errorExtra} />
        <div className="form-actions">
          <Button
            size="large"
            loading={busy === 'save'}
            disabled={busy !== null}
            onClick={() => void save(false)}
          >
            保存暂不提交
          </Button>
          <Button
            size="large"
            type="primary"
            loading={busy === 'submit'}
            disabled={busy !== null || options.openYears.length === 0}
            onClick={() => void save(true)}
          >
            {resubmit ? '重新提交' : '提交'}
          </Button>
        </div>
        <div className="form-footnote">
          提交后由 用人单位 → 主管部门 → 人社部门 逐级审核，可在“申报进度查询”中查看进度；单位审核前可以撤销。
        </div>
      </Form>
    </Card>
  );
}

/** One field of the learning form, named params.<key>. */
function ParamItem({ field: f, need }: { field: ParamField; need: Need }) {
  if (f.kind === 'number') {
    return (
      <Form.Item
        name={['params', f.key]}
        label={f.label}
        extra={f.extra}
        required={!f.optional}
        rules={f.optional ? [] : [need(`请填写${f.label}`)]}
      >
        <InputNumber min={f.min} max={f.max} precision={0} suffix={f.suffix} style={{ width: '100%' }} />
      </Form.Item>
    );
  }
  const options = f.options.map((o) => ({ value: o.value, label: o.label }));
  return (
    <Form.Item
      name={['params', f.key]}
      label={f.label}
      extra={f.extra}
      required={!f.optional}
      rules={f.optional ? [] : [need(`请选择${f.label}`)]}
    >
      {f.kind === 'radio' ? (
        <Radio.Group options={options} />
      ) : (
        <Select options={options} placeholder={`请选择${f.label}`} />
      )}
    </Form.Item>
  );
}

/** The standard hours of what is on the form, beside the claim (R-18), and the province's cap. */
function StandardBox({
  standard,
  claimed,
  maxHours,
}: {
  standard: ReturnType<typeof liveStandard>;
  claimed: number | undefined;
  maxHours: number | null;
}) {
  const hours = standard.state === 'ok' ? standard.result.hours : null;
  const over =
    hours != null && claimed != null && claimed > hours ? Math.round((claimed - hours) * 10) / 10 : null;
  const overCap = maxHours != null && claimed != null && claimed > maxHours;
  return (
    <div className="standard-box" data-testid="standard-box">
      <div className="muted">标准学时（按学时折算标准自动计算）</div>
      {standard.state === 'none' && <div>选择学习形式后自动计算</div>}
      {standard.state === 'missing' && <div>请先填写{standard.labels.join('、')}</div>}
      {standard.state === 'invalid' && (
        <div className="hours-over">{standard.message.replace(/（[a-zA-Z_]+）/g, '')}</div>
      )}
      {standard.state === 'ok' && (
        <>
          <div className="standard-box-hours" data-testid="standard-hours">
            {standardText(standard.result)}
          </div>
          <div className="muted">{standard.result.basis}</div>
        </>
      )}
      {maxHours != null && (
        <div style={{ marginTop: 6 }}>每条申报上限：{formatHours(maxHours)} 学时（省人社厅设定）</div>
      )}
      {over != null && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={`申报学时比标准学时多 ${formatHours(over)} 学时`}
          description="超出标准的申报会被审核部门重点核查，可能被退回，请按学时折算标准和实际情况填写。"
        />
      )}
      {overCap && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={`超过每条申报上限（${formatHours(maxHours)} 学时），提交时将被拒绝`}
        />
      )}
    </div>
  );
}
