export type { OpenFileFailure, OpenFileProblem, OpenedFile, Platform, SaveFileRequest, SaveFileResult } from './platform';
