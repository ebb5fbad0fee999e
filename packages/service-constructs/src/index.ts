export * from './naming';
export * from './aws-solutions-gate';
export * from './declared-resources';
export * from './paved-service-stack';
export * from './paved-bucket';
export * from './paved-queue';
export * from './paved-topic';
export * from './paved-table';
