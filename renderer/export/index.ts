export { ExportMenu } from './ExportMenu';
export { resultsFile, resultFileFor } from './export-results';
export type { ResultsFile, ResultsFormat } from './export-results';
export { exportMessages } from './messages.en';
