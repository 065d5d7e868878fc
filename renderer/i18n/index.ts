import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { appMessages } from '../app/messages.en';
import { concordanceMessages } from '../concordance/messages.en';
import { deskMessages } from '../desk/messages.en';
import { exportMessages } from '../export/messages.en';
import { importMessages } from '../import/messages.en';
import { queueMessages } from '../queue/messages.en';
import { reviewMessages } from '../review';
import { syncMessages } from '../sync/messages.en';

/** Every namespace with its English strings; a feature owns its `messages.en.ts`. */
export const resources = {
  en: {
    app: appMessages,
    queue: queueMessages,
    import: importMessages,
    export: exportMessages,
    review: reviewMessages,
    desk: deskMessages,
    sync: syncMessages,
    concordance: concordanceMessages,
  },
} as const;

export const namespaces = Object.keys(resources.en) as Array<keyof (typeof resources)['en']>;

/**
 * The app's one i18next instance. English ships inside the bundle and initialises synchronously, so the
 * first render already has its text; other languages add resources under their own code.
 */
export function createI18n(language = 'en'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    ns: namespaces,
    defaultNS: 'app',
    initAsync: false,
    // React escapes what it renders; escaping here as well would show entities in the UI.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
