import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('configuration from the environment', () => {
  it('has safe defaults: captcha on, embedded database, demo data on', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, captcha: true, demoData: true, databaseUrl: undefined, adminSessionIdleMinutes: 30 });
    expect(c.dataDir).toMatch(/data$/);
  });

  it('reads CAPTCHA=off, DATABASE_URL and PORT', () => {
    const c = loadConfig({ CAPTCHA: 'off', DATABASE_URL: 'postgres://u@h:5432/db', PORT: '8080' });
    expect(c).toMatchObject({ captcha: false, databaseUrl: 'postgres://u@h:5432/db', port: 8080 });
  });

  it('refuses a bad value with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/配置错误（环境变量）：PORT/);
    expect(() => loadConfig({ CAPTCHA: 'maybe' })).toThrow(/CAPTCHA/);
  });

  it('keeps attachments on local disk unless FILE_STORAGE=s3, and reads the object storage settings', () => {
    expect(loadConfig({}).fileStorage).toEqual({ kind: 'local' });
    const s3 = {
      FILE_STORAGE: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'ce-files',
      S3_ACCESS_KEY_ID: 'minio',
      S3_SECRET_ACCESS_KEY: 'minio-secret',
      S3_FORCE_PATH_STYLE: 'on',
    };
    expect(loadConfig(s3).fileStorage).toEqual({
      kind: 's3',
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      bucket: 'ce-files',
      accessKeyId: 'minio',
      secretAccessKey: 'minio-secret',
      forcePathStyle: true,
    });
    expect(loadConfig({ ...s3, S3_REGION: 'cn-henan-1', S3_FORCE_PATH_STYLE: undefined }).fileStorage).toMatchObject({ region: 'cn-henan-1', forcePathStyle: false });
  });

  it('refuses incomplete or stray object storage settings with a message naming the variables', () => {
    expect(() => loadConfig({ FILE_STORAGE: 's3', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'ce-files' })).toThrow(
      '配置错误（环境变量）：FILE_STORAGE=s3 须同时设置 S3_ACCESS_KEY_ID、S3_SECRET_ACCESS_KEY',
    );
    expect(() => loadConfig({ FILE_STORAGE: 's3', S3_BUCKET: 'ce-files', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' })).toThrow(/S3_ENDPOINT（或 Amazon S3 的 S3_REGION）/);
    expect(() => loadConfig({ S3_BUCKET: 'ce-files', S3_ENDPOINT: 'http://127.0.0.1:9000' })).toThrow(/设置了 S3_ENDPOINT、S3_BUCKET，但 FILE_STORAGE 不是 s3/);
    expect(() => loadConfig({ FILE_STORAGE: 'oss' })).toThrow(/FILE_STORAGE/);
    expect(() => loadConfig({ FILE_STORAGE: 's3', S3_BUCKET: 'CE_Files' })).toThrow(/S3_BUCKET: 存储桶名称/);
    expect(() => loadConfig({ FILE_STORAGE: 's3', S3_ENDPOINT: 'minio:9000' })).toThrow('S3_ENDPOINT: 须为 http:// 或 https:// 开头的地址');
  });
});
