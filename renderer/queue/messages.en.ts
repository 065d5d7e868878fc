import { statusNames } from '../i18n/status.en';

/** English strings of the batch list and the queue (i18next namespace `queue`). */
export const queueMessages = {
  status: statusNames,
  progress: {
    label: 'Progress: {{parts}}',
    part: '{{n}} {{status}}',
  },
  batches: {
    title: 'Batches',
    loading: 'Loading batches…',
    empty: 'No batches yet.',
    emptyHint: 'Choose Import (Ctrl+O) or drop AI output — JSONL or CSV, with its .schema.json if you have one — anywhere on this window.',
    name: 'Name',
    items: 'Items',
    progress: 'Progress',
    created: 'Created',
    demo: 'demo',
  },
  queue: {
    loading: 'Loading…',
    missingTitle: 'Batch not found',
    missing: 'This batch is not on this machine. It may have been imported in another browser or profile.',
    allBatches: 'All batches',
    breadcrumb: 'Breadcrumb',
    meta_one: '{{items}} item · from {{file}} · imported {{date}}',
    meta_other: '{{items}} items · from {{file}} · imported {{date}}',
    start: 'Start reviewing',
    continue: 'Continue at {{id}}',
    showing_one: 'Showing {{shown}} of {{total}} item',
    showing_other: 'Showing {{shown}} of {{total}} items',
    noMatch: 'No items match this status and search.',
  },
  filter: {
    status: 'Status',
    all: 'All',
    option: '{{status}} ({{count}})',
    search: 'Search',
    searchPlaceholder: 'id or text',
    stale: 'Changed since your review ({{count}})',
    withdrawn: 'Withdrawn ({{count}})',
  },
  revision: {
    stale_one: '{{count}} item you worked on changed in a newer revision of this batch — look at it again.',
    stale_other: '{{count}} items you worked on changed in a newer revision of this batch — look at them again.',
    show: 'Show them',
    withdrawn_one: '{{count}} item was withdrawn by a newer revision; it stays here with your work, at the end of the list.',
    withdrawn_other: '{{count}} items were withdrawn by a newer revision; they stay here with your work, at the end of the list.',
    label: 'Revision {{revision}}',
  },
  list: {
    label: 'Items of {{name}}',
    loadingRow: '…',
    stale: 'Changed — look again',
    withdrawn: 'Withdrawn',
  },
  hints: {
    move: 'move',
    open: 'open',
    search: 'search',
  },
};
