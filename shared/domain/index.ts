export * from './task-schema';
export * from './values';
export * from './item';
export * from './batch';
export * from './reviewer';
export * from './event';
