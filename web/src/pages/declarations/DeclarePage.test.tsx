import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ATTACHMENT_LIMITS, LEARNING_FORMS } from '@ce/shared';
import type { DeclarationDetail, DeclarationOptions, Me } from '../../api/types';
import { RequireSignIn } from '../../components/RequireAdmin';
import { mockFetch, renderAt } from '../../test/render';
import { DeclarePage } from './DeclarePage';

const me: Me = {
  accountId: 21,
  role: 'professional',
  name: '张伟',
  idNumberMasked: '410102********2116',
  isSuperAdmin: false,
  adminRoleName: null,
  permissions: [],
  workDepartmentScope: null,
  mustChangePassword: false,
  otherRoles: [],
  idleMinutes: 120,
  org: { id: 3, name: '郑州市第一中学', kind: 'unit', regionCode: '410102' },
};

const options = (over: Partial<DeclarationOptions> = {}): DeclarationOptions => ({
  currentYear: 2026,
  openYears: [{ year: 2026, until: '2026-12-31', reason: '当年学时' }],
  closedMessage: '往年学时申报已截止，目前仅可申报当年学时。因特殊情况需补报往年学时的，请联系当地人社部门。',
  subjects: [
    { code: 'public', label: '公需科目' },
    { code: 'professional', label: '专业科目' },
  ],
  forms: LEARNING_FORMS.map((f) => ({
    code: f.code,
    label: f.label,
    evidence: [...f.evidence],
    evidenceNote: f.evidenceNote ?? null,
    maxHours: f.code === 'conference' ? 60 : null,
    professionalOnly: f.code === 'department_training' || f.code === 'unit_training',
  })),
  attachments: {
    maxFileBytes: ATTACHMENT_LIMITS.maxFileBytes,
    maxTotalBytes: ATTACHMENT_LIMITS.maxTotalBytes,
    maxFiles: ATTACHMENT_LIMITS.maxFiles,
    types: [...ATTACHMENT_LIMITS.types],
    typesLabel: ATTACHMENT_LIMITS.typesLabel,
  },
  ...over,
});

const draft = (over: Partial<DeclarationDetail> = {}): DeclarationDetail => ({
  id: 5,
  year: 2026,
  subject: 'professional',
  subjectLabel: '专业科目',
  form: 'conference',
  formLabel: '学术会议',
  title: '全国基础教育信息化学术年会',
  organiser: '教育部教育管理信息中心',
  startDate: '2026-10-12',
  endDate: '2026-10-14',
  claimedHours: 24,
  standardHours: 24,
  standardCovers: null,
  standardBasis: '第七条第（四）项（3天×6+6=24学时）',
  overStandardBy: null,
  monthsOnDuty: null,
  status: 'draft',
  statusLabel: '待提交',
  currentReviewerName: null,
  currentLevel: null,
  chainLength: 0,
  submissionNo: 0,
  submittedAt: null,
  updatedAt: '2026-10-20T02:00:00.000Z',
  rejectReason: null,
  revokeReason: null,
  attachmentCount: 0,
  version: 0,
  originProvinceName: null,
  sourcePlatformName: null,
  overlapWarning: null,
  assessmentResult: '合格',
  params: { level: 'national', days: 3, presented: true },
  note: '',
  evidence: ['会议通知', '单位证明材料', '宣读论文或报告的证明材料（宣读、报告论文者）'],
  evidenceNote: '宣读论文或报告的，需提供有关证明材料',
  attachments: [],
  batchEvidence: [],
  chain: [],
  batch: null,
  history: [],
  person: { name: '张伟', idNumberMasked: '410102********2116' },
  unitName: '郑州市第一中学',
  workDepartmentName: null,
  samples: [],
  can: { edit: true, delete: true, submit: true, revoke: false, review: false },
  ...over,
});

const renderDeclare = (path = '/me/declare', route = '/me/declare') =>
  renderAt(
    <RequireSignIn admin={false}>
      <DeclarePage />
    </RequireSignIn>,
    { path, route },
  );

/** Opens an antd Select by its label and picks an option. */
async function pick(label: string, option: string) {
  fireEvent.mouseDown(screen.getByLabelText(label));
  const item = await screen.findByTitle(option);
  fireEvent.click(item);
}

describe('DeclarePage', () => {
  it('loads the conference fields for 学术会议 and computes the standard hours live (national, 3 days, presented → 24)', async () => {
    mockFetch((url) => {
      if (url === '/api/auth/me') return [200, me];
      if (url === '/api/me/declaration-options') return [200, options()];
      return [404, { code: 'NOT_FOUND', message: '不存在' }];
    });
    renderDeclare();
    await screen.findByLabelText('学习形式');
    expect(screen.queryByLabelText('会议级别')).toBeNull();

    await pick('学习形式', '学术会议');
    // The form's own fields appear, and the evidence of seed 001 as a checklist.
    expect(await screen.findByText('会议级别')).toBeTruthy();
    expect(screen.getByText('参会天数')).toBeTruthy();
    expect(screen.getByText('是否宣读、报告论文')).toBeTruthy();
    const checklist = screen.getByTestId('evidence-checklist');
    expect(within(checklist).getByText('会议通知')).toBeTruthy();
    expect(within(checklist).getByText('单位证明材料')).toBeTruthy();
    const box = screen.getByTestId('standard-box');
    expect(box.textContent).toContain('请先填写会议级别、参会天数、是否宣读、报告论文');
    expect(box.textContent).toContain('每条申报上限：60 学时');

    fireEvent.click(screen.getByLabelText('国家级（国家部委举办）'));
    fireEvent.change(screen.getByLabelText('参会天数'), { target: { value: '3' } });
    fireEvent.click(screen.getByLabelText('是'));

    await waitFor(() => expect(screen.getByTestId('standard-hours').textContent).toBe('24 学时'));
    expect(box.textContent).toContain('3天×6+6=24学时');
    // A paper was presented: its proof joins the checklist as required, no longer "如适用".
    expect(within(checklist).getByText('宣读论文或报告的证明材料（宣读、报告论文者）')).toBeTruthy();
    expect(within(checklist).queryByText('如适用')).toBeNull();

    // Provincial instead: 3 × 4 + 4.
    fireEvent.click(screen.getByLabelText('省级'));
    await waitFor(() => expect(screen.getByTestId('standard-hours').textContent).toBe('16 学时'));

    // A claim above the standard is flagged beside it, with the difference; above the cap too.
    fireEvent.change(screen.getByLabelText('申报学时'), { target: { value: '70' } });
    expect(await screen.findByText('申报学时比标准学时多 54 学时')).toBeTruthy();
    expect(screen.getByText('超过每条申报上限（60 学时），提交时将被拒绝')).toBeTruthy();
  });

  it('saves the draft, uploads the evidence to it, then submits; the server refusal is shown as is', async () => {
    let detail = draft();
    const calls = mockFetch((url, method) => {
      if (url === '/api/auth/me') return [200, me];
      if (url === '/api/me/declaration-options') return [200, options()];
      if (url === '/api/me/declarations/5' && method === 'GET') return [200, detail];
      if (url === '/api/me/declarations/5' && method === 'PUT') {
        detail = { ...detail, version: 1 };
        return [200, detail];
      }
      if (url === '/api/me/declarations/5/attachments' && method === 'POST') {
        detail = {
          ...detail,
          attachments: [
            {
              id: 9,
              name: '会议通知.pdf',
              contentType: 'application/pdf',
              size: 1200,
              uploadedAt: '2026-10-20T02:00:00.000Z',
            },
          ],
        };
        return [201, { items: detail.attachments }];
      }
      if (url === '/api/me/declarations/5/submit') {
        return [409, { code: 'YEAR_CLOSED', message: '往年学时申报已截止' }];
      }
      return [404, { code: 'NOT_FOUND', message: '不存在' }];
    });
    renderDeclare('/me/declarations/5/edit', '/me/declarations/:id/edit');
    expect(await screen.findByDisplayValue('全国基础教育信息化学术年会')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('standard-hours').textContent).toBe('24 学时'));

    // Submitting without evidence is stopped before any request.
    fireEvent.click(screen.getByRole('button', { name: /^提\s*交$/ }));
    expect(
      await screen.findByText(
        '请先上传证明材料（会议通知、单位证明材料、宣读论文或报告的证明材料（宣读、报告论文者））',
      ),
    ).toBeTruthy();
    expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);

    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    const pdf = new File(['%PDF-1.4 test'], '会议通知.pdf', { type: 'application/pdf' });
    fireEvent.change(input, { target: { files: [pdf] } });
    expect(await screen.findByText('会议通知.pdf')).toBeTruthy();
    for (const box of within(screen.getByTestId('evidence-checklist')).getAllByRole('checkbox'))
      fireEvent.click(box);

    fireEvent.click(screen.getByRole('button', { name: /^提\s*交$/ }));
    // 提交 asks once more before anything is sent.
    expect((await screen.findAllByText('确认提交学时申报')).length).toBeGreaterThan(0);
    expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: /确认提交/ }));
    const hint = await screen.findByText('因特殊情况需补报往年学时的，请联系当地人社部门开放补报。');
    expect(hint.closest('.ant-alert')!.textContent).toContain('往年学时申报已截止');
    const writes = calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.url}`);
    expect(writes).toEqual([
      'PUT /api/me/declarations/5',
      'POST /api/me/declarations/5/attachments',
      'POST /api/me/declarations/5/submit',
    ]);
    const put = calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toMatchObject({
      version: 0,
      form: 'conference',
      params: { level: 'national', days: 3, presented: true },
      claimedHours: 24,
      startDate: '2026-10-12',
      endDate: '2026-10-14',
    });
    // The submit used the version the save returned.
    expect(calls.find((c) => c.url.endsWith('/submit'))!.body).toEqual({ version: 1 });
  });

  it('保存暂不提交 keeps a draft with required fields empty; a wrong file is named when chosen and the good one kept', async () => {
    const calls = mockFetch((url, method) => {
      if (url === '/api/auth/me') return [200, me];
      if (url === '/api/me/declaration-options') return [200, options()];
      if (url === '/api/me/declarations' && method === 'POST') {
        return [
          201,
          draft({
            id: 8,
            subject: null,
            subjectLabel: null,
            form: null,
            formLabel: null,
            title: '',
            organiser: '',
            startDate: null,
            endDate: null,
            assessmentResult: '',
            claimedHours: null,
            standardHours: null,
            standardBasis: '',
            params: {},
          }),
        ];
      }
      if (url === '/api/me/declarations/8/attachments' && method === 'POST') return [201, { items: [] }];
      if (url === '/api/me/declarations/8' && method === 'GET') return [200, draft({ id: 8 })];
      return [404, { code: 'NOT_FOUND', message: '不存在' }];
    });
    renderDeclare();
    await screen.findByLabelText('学习形式');

    // A text file named .pdf is refused by its content at once; the real PDF beside it stays.
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    const fake = new File(['hello, not a pdf'], '假证明.pdf', { type: 'application/pdf' });
    const pdf = new File(['%PDF-1.4 test'], '会议通知.pdf', { type: 'application/pdf' });
    fireEvent.change(input, { target: { files: [fake, pdf] } });
    expect(await screen.findByText('会议通知.pdf')).toBeTruthy();
    expect(
      await screen.findByText(
        '“假证明.pdf”的内容不是JPG、PNG 图片，PDF 文件或 ZIP 压缩包（按文件内容识别，与扩展名无关），请重新选择',
      ),
    ).toBeTruthy();
    expect(screen.queryByText('假证明.pdf')).toBeNull();

    fireEvent.click(screen.getByText(/保存暂不提交/).closest('button')!);
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.url === '/api/me/declarations')).toBe(true),
    );
    // No required-field error stopped the draft, and nothing empty was made up.
    expect(screen.queryByText('请填写学习内容')).toBeNull();
    const post = calls.find((c) => c.method === 'POST' && c.url === '/api/me/declarations')!;
    expect(post.body).toMatchObject({
      year: 2026,
      subject: null,
      form: null,
      title: '',
      startDate: null,
      endDate: null,
      claimedHours: null,
    });
    await waitFor(() =>
      expect(calls.filter((c) => c.url === '/api/me/declarations/8/attachments')).toHaveLength(1),
    );
  });

  it('提交 checks every required field before anything is sent', async () => {
    const calls = mockFetch((url) => {
      if (url === '/api/auth/me') return [200, me];
      if (url === '/api/me/declaration-options') return [200, options()];
      return [404, { code: 'NOT_FOUND', message: '不存在' }];
    });
    renderDeclare();
    await screen.findByLabelText('学习形式');
    fireEvent.click(screen.getByText(/^提\s*交$/).closest('button')!);
    expect(await screen.findByText('请填写学习内容')).toBeTruthy();
    const errors = [...document.querySelectorAll('.ant-form-item-explain-error')].map((e) => e.textContent);
    expect(errors).toEqual(expect.arrayContaining(['请选择计入科目', '请选择学习形式', '请填写学习内容', '请填写申报学时']));
    expect(calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });
});
