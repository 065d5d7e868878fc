import type { resources } from './index';

// Keys and namespaces are checked at compile time: a missing or misspelt string is a type error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'app';
    resources: (typeof resources)['en'];
    returnNull: false;
  }
}
