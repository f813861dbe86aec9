export * from './schema';
export * from './apply';
export { methods, getMethod, methodParamsSchema, type MethodParams, type MethodName } from './methods/registry';
