export * from './routes';
export * from './paths';
export * from './enums';
export * from './validation';
export * from './list-query';
export * as schemas from './schemas';
export type * from './schemas';
export * from './field-types';
