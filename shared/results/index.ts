export { ResultRecord, FieldEffort } from './record';
export { resultRecords, assignedAsOf, type ResultSource } from './build';
export { toJsonl, toCsv } from './write';
