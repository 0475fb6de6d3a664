/**
 * Heavy libraries loaded on first use instead of when the app is built: ExcelJS (imports, exports,
 * batch queries) and the S3 client (FILE_STORAGE=s3 only) take about 250 and 170 ms to load on these
 * machines, which every app start and every API test file paid although most never use them.
 * `require` here is Node's own (both are CommonJS packages) and caches like an import; the types are
 * the packages' own. The certificate renderer (pdf-lib, fontkit, qrcode) is imported dynamically by
 * `certificates/printing.ts` for the same reason.
 */
import { createRequire } from 'node:module';
import type * as ExcelJSModule from 'exceljs';
import type * as S3Module from '@aws-sdk/client-s3';

const require = createRequire(import.meta.url);

export const excelJS = (): typeof ExcelJSModule => require('exceljs') as typeof ExcelJSModule;
export const s3Sdk = (): typeof S3Module => require('@aws-sdk/client-s3') as typeof S3Module;
