/** Identity and access: tokens (hashed at rest), the first coordinator credential, and slowing down bad tokens. */
export { hashToken, issueToken, listTokens, revokeToken, authenticate, bootstrapCoordinator, FIRST_COORDINATOR, type Principal } from './tokens';
export { blockedFor, recordFailure, THROTTLE } from './throttle';
