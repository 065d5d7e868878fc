/** The sync protocol (docs/sync-protocol.md): shapes shared by the server and the app's sync client. */
export * from './protocol';
export * from './connection';
export { fetchServer } from './fetch-transport';
export type { FetchConnection } from './fetch-transport';
