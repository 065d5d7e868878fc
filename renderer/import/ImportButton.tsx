import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** Every kind Import recognises; unknown files can still be chosen through "All files". */
const IMPORT_ACCEPT = '.jsonl,.ndjson,.json,.csv,.tsv,.xlf,.xliff,.loupe,.loupe-result';

/**
 * A real button that opens a real file chooser (tests wait for it), also on Ctrl+O / ⌘O. The input is
 * reset after each choice so choosing the same file again still imports (and says nothing changed).
 */
export function ImportButton({ onFiles, busy }: { onFiles: (files: File[]) => void; busy: boolean }) {
  const { t } = useTranslation('import');
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        if (!busy) input.current?.click();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [busy]);

  return (
    <>
      <button type="button" onClick={() => !busy && input.current?.click()} aria-disabled={busy || undefined} title={t('button.hint')} aria-keyshortcuts="Control+O">
        {t('button.label')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={IMPORT_ACCEPT}
        hidden
        data-testid="import-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length > 0 && !busy) onFiles(files);
        }}
      />
    </>
  );
}
