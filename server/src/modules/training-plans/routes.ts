import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { trainingPlansApi as api } from '@ce/shared';
import { AppError } from '../../errors';
import { metaOf, requireAdmin, type Deps } from '../../http/context';
import { route } from '../../http/route';
import { createPlan, decidePlan, declareAttendance, listPlans, planDetail, resubmitPlan, withdrawPlan, type AttendanceInput } from './service';
// Its review queue on the admin home page (queues/registry.ts).

/** 单位培训计划. */
export function trainingPlanRoutes(app: FastifyInstance, deps: Deps) {
  route(app, api.list, async (req) => listPlans(deps, await requireAdmin(req, deps), req.query));
  route(app, api.create, async (req) => createPlan(deps, metaOf(req, deps), await requireAdmin(req, deps), req.body));
  route(app, api.detail, async (req) => planDetail(deps, await requireAdmin(req, deps), req.params.id));
  route(app, api.resubmit, async (req) => resubmitPlan(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body));
  route(app, api.withdraw, async (req) => withdrawPlan(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body));
  route(app, api.decide, async (req) => decidePlan(deps, metaOf(req, deps), await requireAdmin(req, deps), req.params.id, req.body));

  void app.register(async (scope) => {
    if (!scope.hasContentTypeParser('multipart/form-data')) await scope.register(multipart);
    route(
      scope,
      api.attendance,
      async (req) => {
        const actor = await requireAdmin(req, deps);
        if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA', '请以 multipart/form-data 方式上传');
        const input: AttendanceInput = { trainingKey: '', attendeeAccountIds: [], startDate: null, endDate: null, hours: null, assessmentResult: null, file: null, signIn: [], media: [] };
        try {
          for await (const part of req.parts({ limits: { fileSize: 20 * 1024 * 1024, files: 21, fields: 10, parts: 40, fieldSize: 200_000 } })) {
            if (part.type === 'file') {
              const f = { name: part.filename || '附件', data: await part.toBuffer() };
              if (part.fieldname === 'file') {
                if (input.file) throw new AppError('VALIDATION', '一次只能上传一个批量申报文件');
                input.file = f;
              } else if (part.fieldname === 'signIn') input.signIn.push(f);
              else if (part.fieldname === 'media') input.media.push(f);
              continue;
            }
            const value = String(part.value ?? '').trim();
            if (part.fieldname === 'trainingKey') input.trainingKey = value;
            else if (part.fieldname === 'startDate') input.startDate = value || null;
            else if (part.fieldname === 'endDate') input.endDate = value || null;
            else if (part.fieldname === 'assessmentResult') input.assessmentResult = value.slice(0, 50) || null;
            else if (part.fieldname === 'hours') {
              const n = Number(value);
              if (!value || !Number.isFinite(n)) throw new AppError('VALIDATION', '学时应为数字');
              input.hours = n;
            } else if (part.fieldname === 'attendees') {
              const ids = value ? value.split(',').map((s) => Number(s.trim())) : [];
              if (ids.some((n) => !Number.isInteger(n) || n <= 0 || n > 2_147_483_647)) throw new AppError('VALIDATION', '参训人员格式不正确');
              if (ids.length > 5000) throw new AppError('VALIDATION', '一次最多选择5000名参训人员，人数更多时请上传批量申报文件');
              input.attendeeAccountIds = ids;
            }
          }
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', '单个文件不能超过20MB');
          if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new AppError('PAYLOAD_TOO_LARGE', '一次上传的文件过多');
          throw err;
        }
        return declareAttendance(deps, metaOf(req, deps), actor, req.params.id, input);
      },
      { description: 'multipart/form-data：trainingKey = 计划中的培训；attendees = 参训人员账号编号（逗号分隔）及 startDate、endDate、hours、assessmentResult，或 file = 填好的批量申报模板（.xlsx）；signIn = 签到表（JPG/PNG/PDF，至少一个）；media = 现场照片或培训视频（JPG/PNG/PDF/MP4，至少一个）。返回 202 与任务编号，用 GET /api/jobs/{jobId} 查询进度。' },
    );
  });
}
