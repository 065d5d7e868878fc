import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Platform } from '../platform';
import type { LoupeDatabase } from '../storage';
import { resultEncryption, resultsFile, xliffOriginalName, type ResultsFormat } from './export-results';

interface ExportMenuProps {
  db: LoupeDatabase;
  platform: Platform;
  /** The batch open now, else the one opened last; none before any batch was opened. */
  target: { batchId: string; name: string } | undefined;
  reviewer: { id: string; name: string } | null;
  announce: (text: string) => void;
  onError: (error: unknown) => void;
}

/**
 * Export as a menu button (WAI-ARIA menu pattern): arrows move, Enter or Space choose, Escape closes and
 * gives focus back to the button. Saving goes through the platform: a save dialog on the desktop, a
 * download in the browser.
 */
export function ExportMenu({ db, platform, target, reviewer, announce, onError }: ExportMenuProps) {
  const { t } = useTranslation('export');
  const [open, setOpen] = useState(false);
  const [all, setAll] = useState(false);
  const [busy, setBusy] = useState(false);
  /** When the batch file named a key of the coordinator's, the `.loupe-result` is encrypted to it. */
  const [sealed, setSealed] = useState<{ batchId: string; fingerprint: string } | null>(null);
  /** A batch made from an XLIFF file can be exported as that file, with the reviewer's work in it. */
  const [xliff, setXliff] = useState<{ batchId: string; fileName: string } | null>(null);
  /** What writing the last XLIFF file noticed: shown until dismissed, since the menu has closed by then. */
  const [notes, setNotes] = useState<{ file: string; warnings: string[] } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const noteId = useId();
  const usable = target !== undefined && reviewer !== null;

  const batchId = target?.batchId;
  useEffect(() => {
    if (!open || batchId === undefined) return;
    let live = true;
    resultEncryption(db, batchId).then((found) => live && setSealed(found ? { batchId, ...found } : null), onError);
    xliffOriginalName(db, batchId).then((fileName) => live && setXliff(fileName === null ? null : { batchId, fileName }), onError);
    return () => {
      live = false;
    };
  }, [open, db, batchId, onError]);
  const encrypted = sealed !== null && sealed.batchId === batchId ? sealed : null;
  const original = xliff !== null && xliff.batchId === batchId ? xliff : null;

  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const outside = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const save = async (format: ResultsFormat) => {
    if (!target || !reviewer || busy) return;
    close();
    setBusy(true);
    setNotes(null);
    try {
      const file = await resultsFile(db, target.batchId, format, { all, reviewer });
      const { count, encrypted: _encrypted, warnings = [], ...request } = file;
      const result = await platform.saveFile(request);
      if (!result.saved) announce(t('cancelled'));
      else if (format === 'xliff') {
        announce(count === 0 ? t('savedXliffUnchanged', { file: file.suggestedName }) : t('savedXliff', { count, file: file.suggestedName }));
        if (warnings.length > 0) setNotes({ file: file.suggestedName, warnings });
      } else if (format === 'loupe-result') announce(t(file.encrypted ? 'savedEventsEncrypted' : 'savedEvents', { count, file: file.suggestedName }));
      else if (count === 0) announce(t('savedEmpty', { file: file.suggestedName }));
      else announce(t('saved', { count, file: file.suggestedName }));
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  const onMenuKey = (event: KeyboardEvent) => {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => list[(i + list.length) % list.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focus(index + 1);
        break;
      case 'ArrowUp':
        focus(index - 1);
        break;
      case 'Home':
        focus(0);
        break;
      case 'End':
        focus(list.length - 1);
        break;
      case 'Escape':
        close();
        break;
      case 'Tab':
        setOpen(false);
        return;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div className="menu-wrap" ref={wrapper}>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {t('button')}
      </button>
      {open && (
        <div className="menu-popover">
          <p id={noteId} className="menu-note">
            {usable ? t('of', { name: target.name }) : t('nothing')}
          </p>
          <div ref={menu} id={menuId} role="menu" aria-label={t('button')} aria-describedby={noteId} onKeyDown={onMenuKey}>
            <button type="button" role="menuitem" tabIndex={-1} aria-disabled={!usable || undefined} onClick={() => void save('jsonl')}>
              {t('jsonl')}
            </button>
            <button type="button" role="menuitem" tabIndex={-1} aria-disabled={!usable || undefined} onClick={() => void save('csv')}>
              {t('csv')}
            </button>
            {original && (
              <button type="button" role="menuitem" tabIndex={-1} aria-disabled={!usable || undefined} onClick={() => void save('xliff')}>
                {t('xliff', { file: original.fileName })}
              </button>
            )}
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              aria-disabled={!usable || undefined}
              title={encrypted ? t('encryptedHint', { fingerprint: encrypted.fingerprint }) : undefined}
              onClick={() => void save('loupe-result')}
            >
              {encrypted ? t('loupeResultEncrypted') : t('loupeResult')}
            </button>
            <div role="separator" />
            <button type="button" role="menuitemcheckbox" tabIndex={-1} aria-checked={all} onClick={() => setAll((a) => !a)}>
              <span aria-hidden="true" className="check">
                {all ? '☑' : '☐'}
              </span>{' '}
              {t('all')}
            </button>
          </div>
        </div>
      )}
      {notes && !open && (
        <div className="menu-popover" role="status">
          <p className="menu-note">{t('xliffNotes', { count: notes.warnings.length, file: notes.file })}</p>
          <ul>
            {notes.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
          <button
            type="button"
            onClick={() => {
              setNotes(null);
              button.current?.focus();
            }}
          >
            {t('dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
