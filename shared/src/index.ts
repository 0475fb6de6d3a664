export * from './domain';
export * from './api';
export * from './rules';
export * from './regions';
export * from './catalogues';
export * from './api-declarations';
export * from './api-professionals';
export * from './api-certificates';
