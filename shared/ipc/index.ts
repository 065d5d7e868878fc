export { CHANNEL_PREFIX, FLUSH_CHANNEL, FLUSHED_CHANNEL, INVOKE_CHANNELS, isInvokeChannel } from './channels';
export type { InvokeChannel } from './channels';
export {
  AppInfo,
  FileSaveRequest,
  FileSaveResult,
  FlushMessage,
  invokeContract,
  messageContract,
} from './contract';
export type { InvokeRequest, InvokeResponse, ValidInvokeRequest } from './contract';
export { BRIDGE_KEY } from './bridge';
export type { InvokeArgs, LoupeBridge } from './bridge';
export { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META } from './csp';
