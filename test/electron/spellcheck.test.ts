import { describe, expect, it } from 'vitest';
import { chooseDictionaries, setSpellCheckLanguages } from '../../electron/main/spellcheck';
import { SessionStandIn } from './electron-stand-in';

describe('the spellchecker follows the target language', () => {
  const available = ['ar', 'de-DE', 'en-GB', 'en-US', 'fr', 'he', 'pt-BR', 'pt-PT'];

  it('takes the same tag, else the bare language, else the first dictionary of the language', () => {
    expect(chooseDictionaries(['de-DE'], available)).toEqual(['de-DE']);
    expect(chooseDictionaries(['DE-de'], available)).toEqual(['de-DE']);
    expect(chooseDictionaries(['fr-CA'], available)).toEqual(['fr']);
    expect(chooseDictionaries(['ar-EG', 'he'], available)).toEqual(['ar', 'he']);
    expect(chooseDictionaries(['en'], available)).toEqual(['en-GB']);
    expect(chooseDictionaries(['pt-PT', 'pt'], available)).toEqual(['pt-PT']);
  });

  it('leaves out languages without a dictionary', () => {
    expect(chooseDictionaries(['zh-CN', 'si', 'ja'], available)).toEqual([]);
  });

  it('sets the session’s languages only when one fits, and only to ones Electron has', () => {
    const session = new SessionStandIn();
    expect(setSpellCheckLanguages(session, ['ar'])).toEqual(['ar']);
    expect(session.spellCheckerLanguages).toEqual(['ar']);
    expect(setSpellCheckLanguages(session, ['si'])).toEqual([]);
    expect(session.spellCheckerLanguages).toEqual(['ar']);
  });
});
