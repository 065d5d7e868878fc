export type { Platform, SaveFileRequest, SaveFileResult } from './platform';
