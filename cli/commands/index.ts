/** Every command of `loupe`, in the order `loupe --help` lists them. */
import type { Command } from '../shell';
import { batchCreate } from './batch-create';
import { batchInspect } from './batch-inspect';
import { effort } from './effort';
import { keygen } from './keygen';
import { resultsExport } from './results-export';
import { server, serverBackup, serverRestore } from './server';
import { tokenIssue, tokenList, tokenRevoke } from './token';

export const COMMANDS: readonly Command[] = [
  batchCreate,
  batchInspect,
  resultsExport,
  effort,
  keygen,
  server,
  serverBackup,
  serverRestore,
  tokenIssue,
  tokenList,
  tokenRevoke,
];
