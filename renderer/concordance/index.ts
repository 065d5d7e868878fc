export { ConcordancePanel } from './ConcordancePanel';
export type { ConcordancePanelProps, UseHow } from './ConcordancePanel';
export { MarkedText } from './MarkedText';
export { selectedQuery } from './selection';
export { concordanceMessages } from './messages.en';
