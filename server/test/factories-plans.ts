import type { TestContext } from './helper';
import { JPEG, PNG } from './factories-declarations';

/** A plan body: a May training (24 h, attended in the tests) and a later one. */
export const planBody = (year = 2026) => ({
  year,
  trainings: [
    { title: '新课标教学能力提升培训', organiser: '本单位教务处', startDate: `${year}-05-10`, endDate: `${year}-05-12`, place: '学校报告厅', hours: 24, subject: 'professional' as const, expectedAttendees: 60 },
    { title: '班主任工作专题培训', organiser: '本单位德育处', startDate: `${year}-09-01`, endDate: `${year}-09-02`, place: '第二会议室', hours: 12, subject: 'professional' as const, expectedAttendees: 30 },
  ],
});

/** The attendance form: picked attendees (account ids) or a batch file, a sign-in sheet and a photo. */
export function attendanceForm(f: { trainingKey: string; attendees?: number[]; startDate?: string; endDate?: string; hours?: number; file?: Buffer; signIn?: boolean; media?: boolean }) {
  const form = new FormData();
  form.append('trainingKey', f.trainingKey);
  if (f.attendees) form.append('attendees', f.attendees.join(','));
  if (f.startDate) form.append('startDate', f.startDate);
  if (f.endDate) form.append('endDate', f.endDate);
  if (f.hours != null) form.append('hours', String(f.hours));
  if (f.file) form.append('file', new Blob([new Uint8Array(f.file)]), '参训人员.xlsx');
  if (f.signIn !== false) form.append('signIn', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), '签到表.png');
  if (f.media !== false) form.append('media', new Blob([new Uint8Array(JPEG)], { type: 'image/jpeg' }), '现场.jpg');
  return form;
}

export function postAttendance(ctx: TestContext, cookie: string, planId: number, form: FormData) {
  return ctx.app.inject({ method: 'POST', url: `/api/admin/training-plans/${planId}/attendance`, headers: { cookie }, payload: form });
}
