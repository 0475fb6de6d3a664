export * from './policies';
export * from './help';
