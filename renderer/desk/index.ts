/** The coordinator's desk: hand a batch out, collect results, progress, conflicts, merged export. */
export { DeskPage, type DeskPageProps } from './DeskPage';
export { deskMessages } from './messages.en';
export { pairwiseAgreement, verdictsAgree, type Agreement, type Verdict } from './agreement';
