export * from './domain';
export * from './api';
export * from './rules';
export * from './regions';
