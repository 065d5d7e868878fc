export { ExportMenu } from './ExportMenu';
export { resultsFile } from './export-results';
export type { ResultsFile, ResultsFormat } from './export-results';
export { exportMessages } from './messages.en';
