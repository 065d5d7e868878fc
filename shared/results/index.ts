export { ResultRecord, FieldEffort } from './record';
export { resultRecords, type ResultSource } from './build';
export { toJsonl, toCsv } from './write';
