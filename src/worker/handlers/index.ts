/**
 * Every handler table the worker serves. To add requests: declare them in protocol.ts's RequestMap, write
 * `handlers/<name>.ts` exporting a HandlerTable, and add it to this list.
 */
import type { HandlerTable } from '../registry';
import { backendHandlers } from './backend';
import { datasetHandlers } from './dataset';
import { exportHandlers } from './export';
import { measureHandlers } from './measure';
import { profilerHandlers } from './profiler';
import { searchHandlers } from './search';
import { trainHandlers } from './train';

export const allHandlers: readonly HandlerTable[] = [backendHandlers, datasetHandlers, trainHandlers, exportHandlers, profilerHandlers, searchHandlers, measureHandlers];
