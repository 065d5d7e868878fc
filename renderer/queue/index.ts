export { BatchList } from './BatchList';
export { BatchPage } from './BatchPage';
export type { BatchPageProps } from './BatchPage';
export { reviewStart } from './start';
export { queueMessages } from './messages.en';
export { EffortTable, SourceWords } from './EffortTable';
