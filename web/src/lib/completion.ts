import { completionApi, credentialsApi, formatHours, type CompletionYear } from '@ce/shared';
import { href } from '../api/client';
import { dayText } from './format';

/** "公需科目还差 6 学时，专业科目还差 12 学时"; empty when nothing is missing. */
export function missingText(y: Pick<CompletionYear, 'missingPublic' | 'missingProfessional'>): string {
  const parts: string[] = [];
  if (y.missingPublic > 0) parts.push(`公需科目还差 ${formatHours(y.missingPublic)} 学时`);
  if (y.missingProfessional > 0) parts.push(`专业科目还差 ${formatHours(y.missingProfessional)} 学时`);
  return parts.join('，');
}

/** Full-year rules (第七条（三）（十一）, SPEC R-20) that apply to the year, explained. */
export function coversText(covers: readonly CompletionYear['covers'][number][]): string[] {
  const out: string[] = [];
  if (covers.includes('all'))
    out.push(
      '本年度有援藏、援疆、援外或到基层、贫困地区服务满一年的记录，按规定视为完成全年公需科目和专业科目学时。',
    );
  if (covers.includes('professional') && !covers.includes('all'))
    out.push('本年度有课程进修超过6个月的记录，按规定视为完成全年专业科目学时。');
  return out;
}

/** 有效 / 已撤销（YYYY年M月D日） / 未发证: the certificate's state in a few words. */
export function certificateStateText(c: CompletionYear['certificate']): string {
  if (c.status === 'valid') return '有效';
  if (c.status === 'revoked') return c.revokedAt ? `已撤销（${dayText(c.revokedAt)}）` : '已撤销';
  return '未发证';
}

/** The single-year certificate PDF of the signed-in professional. */
export const yearPdfUrl = (year: number) => href(completionApi.yearPdf, { params: { year } });
/** The merged (合并打印) certificate PDF of a year range. */
/** The year's verifiable credential (VC-JWT, a download). */
export const yearCredentialUrl = (year: number) => href(credentialsApi.year, { params: { year } });
export const rangeCredentialUrl = (from: number, to: number) => href(credentialsApi.merged, { query: { from, to } });
export const rangePdfUrl = (from: number, to: number) => href(completionApi.mergedPdf, { query: { from, to } });
