import { useId, useMemo, useState, type KeyboardEvent, type Ref } from 'react';
import { SEARCH_RESULT_LIMIT } from './timing';
import { useReviewT } from './use-review-t';

export interface SearchableSelectProps {
  id: string;
  options: readonly string[];
  value: string | null;
  onChange: (value: string | null) => void;
  lang?: string | undefined;
  dir?: 'ltr' | 'rtl' | 'auto' | undefined;
  invalid?: boolean;
  describedBy?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * A combobox for long option lists (diagnosis codes): type to narrow the list, ↓/↑ to move, Enter to pick,
 * Esc to close. The ARIA 1.2 pattern: the input is the combobox, the list a listbox it controls, the
 * option under the cursor its active descendant. Shortcuts with Ctrl, ⌘ or Alt pass through to the screen.
 */
export function SearchableSelect({ id, options, value, onChange, lang, dir, invalid, describedBy, inputRef }: SearchableSelectProps) {
  const { t } = useReviewT();
  const listId = `${useId()}-list`;
  const [text, setText] = useState(value ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  const matches = useMemo(() => {
    const q = text.trim().toLowerCase();
    if (!q || text === value) return options;
    return options.filter((o) => o.toLowerCase().includes(q));
  }, [options, text, value]);
  const shown = matches.slice(0, SEARCH_RESULT_LIMIT);
  const activeIndex = Math.min(active, shown.length - 1);
  const optionId = (i: number) => `${listId}-${i}`;

  const choose = (option: string) => {
    setText(option);
    setOpen(false);
    if (option !== value) onChange(option);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(Math.max(0, shown.indexOf(value ?? '')));
        } else {
          setActive(Math.min(activeIndex + 1, shown.length - 1));
        }
        break;
      case 'ArrowUp':
        e.preventDefault();
        setOpen(true);
        setActive(Math.max(activeIndex - 1, 0));
        break;
      case 'Enter': {
        const option = shown[activeIndex];
        if (open && option !== undefined) {
          e.preventDefault();
          choose(option);
        }
        break;
      }
      case 'Escape':
        if (open || text !== (value ?? '')) {
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
          setText(value ?? '');
        }
        break;
    }
  };

  const onBlur = () => {
    setOpen(false);
    const typed = text.trim();
    if (typed === '') {
      setText('');
      if (value !== null) onChange(null);
      return;
    }
    const exact = options.find((o) => o.toLowerCase() === typed.toLowerCase());
    if (exact !== undefined) choose(exact);
    else setText(value ?? '');
  };

  return (
    <div className="loupe-combobox">
      <input
        ref={inputRef}
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && shown[activeIndex] !== undefined ? optionId(activeIndex) : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        lang={lang}
        dir={dir ?? 'auto'}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
      />
      <ul id={listId} role="listbox" className="loupe-combobox__list" hidden={!open} aria-label={t('correction.options')}>
        {shown.map((o, i) => (
          <li
            key={o}
            id={optionId(i)}
            role="option"
            aria-selected={i === activeIndex}
            className={o === value ? 'loupe-combobox__option is-chosen' : 'loupe-combobox__option'}
            lang={lang}
            dir={dir ?? 'auto'}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(o)}
          >
            {o}
          </li>
        ))}
      </ul>
      {open && (
        <p className="loupe-muted loupe-combobox__note" aria-live="polite">
          {matches.length === 0
            ? t('correction.noMatches')
            : matches.length > shown.length
              ? t('correction.moreMatches', { shown: shown.length, count: matches.length })
              : t('correction.matches', { count: matches.length })}
        </p>
      )}
    </div>
  );
}
