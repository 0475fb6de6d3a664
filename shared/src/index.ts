// First: Zod's messages in Chinese before any schema is used.
import './zod-locale';
export * from './domain';
export * from './api';
export * from './rules';
export * from './regions';
export * from './catalogues';
export * from './api-declarations';
export * from './api-professionals';
export * from './api-certificates';
export * from './api-credentials';
export * from './api-organisations';
export * from './endpoint';
export * from './endpoints';
export * from './api-jobs';
export * from './api-statistics';
export * from './portal';
export * from './api-home';
export * from './api-mfa';
