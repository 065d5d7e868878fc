export { App } from './App';
export type { AppProps } from './App';
export { readSwitches } from './switches';
export type { Switches } from './switches';
export { parseRoute, routeHref } from './route';
export type { Route } from './route';
export { appMessages } from './messages.en';
