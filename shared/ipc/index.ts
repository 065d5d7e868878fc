export {
  CHANNEL_PREFIX,
  FLUSH_CHANNEL,
  FLUSHED_CHANNEL,
  INVOKE_CHANNELS,
  OPEN_FILE_CHANNEL,
  OPEN_FILE_READY_CHANNEL,
  isInvokeChannel,
} from './channels';
export type { InvokeChannel } from './channels';
export {
  AppInfo,
  FileSaveRequest,
  FileSaveResult,
  FlushMessage,
  OPEN_FILE_PART_BYTES,
  OpenFileMessage,
  OpenFileProblem,
  invokeContract,
  messageContract,
} from './contract';
export type { InvokeRequest, InvokeResponse, OpenedFileMessage, ValidInvokeRequest } from './contract';
export { BRIDGE_KEY } from './bridge';
export type { InvokeArgs, LoupeBridge } from './bridge';
export { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_META, CONTENT_SECURITY_POLICY_WEB } from './csp';
