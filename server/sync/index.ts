/** Sync: publishing batches, pushing events at most once, pulling changes by cursor, progress and conflicts. */
export { publishBatch, listBatches, getBatch, batchItems, batchProgress, batchConflicts } from './batches';
export { pushEvents } from './push';
export { pullChanges, encodeCursor, decodeCursor } from './pull';
export { ApiError, notFound, forbidden, conflict, invalid } from './errors';
