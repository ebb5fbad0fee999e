export * from './synthesize';
export * from './platform-app';
