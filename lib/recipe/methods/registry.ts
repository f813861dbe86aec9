import { z } from 'zod';
import type { EditMethod } from './method';
import { negation, negationParams } from './negation';
import { taskArithmetic, taskArithmeticParams } from './task-arithmetic';
import { ties, tiesParams } from './ties';
import { dare, dareParams } from './dare';
import { isoC, isoCParams } from './iso-c';
import { isoCts, isoCtsParams } from './iso-cts';
import { tsvMerge, tsvMergeParams } from './tsv-merge';
import { breadcrumbs, breadcrumbsParams } from './breadcrumbs';
import { della, dellaParams } from './della';
import { modelStock, modelStockParams } from './model-stock';
import { ram, ramParams } from './ram';
import { knots, knotsParams } from './knots';
import { coreSpace, coreSpaceParams } from './core-space';

/** The explicit list of methods: adding one means adding a file and a line here. */
export const methods = [taskArithmetic, negation, ties, tsvMerge, isoC, isoCts, dare, breadcrumbs, della, modelStock, ram, knots, coreSpace] as const;

export const methodParamsSchema = z.discriminatedUnion('name', [taskArithmeticParams, negationParams, tiesParams, tsvMergeParams, isoCParams, isoCtsParams, dareParams, breadcrumbsParams, dellaParams, modelStockParams, ramParams, knotsParams, coreSpaceParams]);
export type MethodParams = z.output<typeof methodParamsSchema>;
export type MethodName = MethodParams['name'];

export function getMethod(name: MethodName): EditMethod<MethodParams> {
  const m = methods.find((x) => x.name === name);
  if (!m) throw new Error(`unknown method "${name}"`);
  return m as unknown as EditMethod<MethodParams>;
}
