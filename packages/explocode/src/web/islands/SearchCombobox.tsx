/**
 * ExploCode search bar: a WAI-ARIA 1.2 combobox (editable, list autocomplete) in DSFR search bar
 * markup. Without JavaScript it is a plain GET form to the results page.
 *
 * As the user types (debounced), it asks GET /api/explocode/suggest for matching themes
 * (thématiques) and query completions. Choosing a theme searches that theme (its query replaces the
 * typed fragment); choosing a completion searches it; Enter without a highlighted option submits what
 * was typed. The results page jumps to an article or an agreement only when the query is unambiguous.
 * On a phone, the field scrolls to the top of the screen when it takes focus, so that the list of
 * suggestions has room under it above the keyboard.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DocType, SuggestResponse } from '../../http/schemas.ts';
import { explocodePaths } from '../paths.ts';
import { countAnnouncement, type Option, optionsFrom, themeQuery } from './combobox-model.ts';

export interface SearchComboboxProps {
  /** Value shown at first (the current query on the results page). */
  defaultValue?: string;
  size?: 'lg' | 'md';
  label?: string;
  placeholder?: string;
  /** id of the <input>, target of skip links */
  inputId?: string;
  /** Keep the current type filter when searching again. */
  type?: DocType | null;
  debounceMs?: number;
}

const MIN_CHARS = 2;

/** Narrow screens (DSFR's md breakpoint): the field goes to the top of the viewport on focus. */
const PHONE_QUERY = '(max-width: 47.99em)';

function scrollToTopOnPhone(input: HTMLElement | null) {
  if (!input || typeof window.matchMedia !== 'function' || !window.matchMedia(PHONE_QUERY).matches) return;
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  // A label above the field stays visible: a small margin.
  const top = input.getBoundingClientRect().top + window.scrollY - 8;
  window.scrollTo({ top: Math.max(0, top), behavior: reduce ? 'auto' : 'smooth' });
}

export function SearchCombobox({
  defaultValue = '',
  size = 'lg',
  label = 'Rechercher dans le droit du travail',
  placeholder = 'Ex. : mon employeur peut-il refuser mes congés ?',
  inputId,
  type,
  debounceMs = 120,
}: SearchComboboxProps) {
  const reactId = useId();
  const id = inputId ?? `search-${reactId.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const listboxId = `${id}-listbox`;
  const hintId = `${id}-hint`;

  const [value, setValue] = useState(defaultValue);
  const [suggestions, setSuggestions] = useState<SuggestResponse | null>(null);
  /** Query the current suggestions answer. */
  const [suggestedFor, setSuggestedFor] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState('');
  /** Suggestions are fetched only after the user typed (not for the pre-filled query). */
  const [dirty, setDirty] = useState(false);
  const cache = useRef(new Map<string, SuggestResponse>());
  const inputRef = useRef<HTMLInputElement>(null);

  const options: Option[] = useMemo(() => (suggestions ? optionsFrom(suggestions, 6, 4, suggestedFor) : []), [suggestions, suggestedFor]);
  const optionId = (i: number) => `${listboxId}-option-${i}`;
  const expanded = open && options.length > 0;

  // Debounced fetch of suggestions; stale answers are ignored (AbortController).
  useEffect(() => {
    if (!dirty) return;
    const q = value.trim();
    if (q.length < MIN_CHARS) {
      setSuggestions(null);
      setSuggestedFor('');
      setOpen(false);
      setActive(-1);
      setAnnouncement('');
      return;
    }
    const cached = cache.current.get(q.toLowerCase());
    if (cached) {
      show(q, cached);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      fetch(explocodePaths.suggestApi(q), { signal: ctrl.signal, headers: { accept: 'application/json' } })
        .then((r) => (r.ok ? (r.json() as Promise<SuggestResponse>) : null))
        .then((data) => {
          if (!data) return;
          const clean: SuggestResponse = { themes: data.themes ?? [], completions: data.completions ?? [] };
          cache.current.set(q.toLowerCase(), clean);
          show(q, clean);
        })
        .catch(() => {
          /* offline or aborted: the plain search still works */
        });
    }, debounceMs);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value, dirty]);

  function show(q: string, data: SuggestResponse) {
    setSuggestions(data);
    setSuggestedFor(q);
    setActive(-1);
    setOpen(true);
    setAnnouncement(countAnnouncement(optionsFrom(data, 6, 4, q)));
  }

  function close() {
    setOpen(false);
    setActive(-1);
  }

  function choose(option: Option) {
    close();
    if (option.kind === 'theme') {
      // The theme replaces the typed fragment ("licenciement éco" → "Licenciement pour motif économique").
      const q = themeQuery(option.theme);
      setValue(q);
      window.location.assign(explocodePaths.search({ q, theme: option.theme.id, type }));
    } else {
      setValue(option.text);
      window.location.assign(explocodePaths.search({ q: option.text, type }));
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const n = options.length;
    switch (e.key) {
      case 'ArrowDown': {
        if (n === 0) return;
        e.preventDefault();
        if (!open) {
          setOpen(true);
          if (!e.altKey) setActive(0);
        } else {
          setActive((a) => (a + 1) % n);
        }
        return;
      }
      case 'ArrowUp': {
        if (n === 0) return;
        e.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(n - 1);
        } else {
          setActive((a) => (a <= 0 ? n - 1 : a - 1));
        }
        return;
      }
      case 'Enter': {
        if (expanded && active >= 0 && active < n) {
          e.preventDefault();
          choose(options[active]);
        }
        // otherwise: the form is submitted as typed
        return;
      }
      case 'Escape': {
        if (expanded) {
          e.preventDefault();
          close();
        } else if (value) {
          e.preventDefault();
          setValue('');
          setSuggestions(null);
        }
        return;
      }
      case 'Tab':
        close();
        return;
      default:
        return;
    }
  }

  // Keep the highlighted option visible in long lists.
  useEffect(() => {
    if (active < 0) return;
    document.getElementById(optionId(active))?.scrollIntoView?.({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active]);

  const themeOptions = options.filter((o) => o.kind === 'theme');
  const completionOptions = options.filter((o) => o.kind === 'completion');

  const renderOption = (o: Option) => {
    const i = options.indexOf(o);
    const selected = i === active;
    return (
      <li
        key={o.key}
        id={optionId(i)}
        role="option"
        aria-selected={selected}
        className={`eig-combobox__option${selected ? ' eig-combobox__option--active' : ''}`}
        onMouseDown={(e) => e.preventDefault() /* keep focus in the input */}
        onClick={() => choose(o)}
        onMouseMove={() => active !== i && setActive(i)}
      >
        {o.kind === 'theme' ? (
          <>
            <span className="fr-icon-bookmark-line eig-combobox__icon" aria-hidden="true" />
            <span className="eig-combobox__text">
              <span className="eig-combobox__title">
                <span className="fr-sr-only">Thème : </span>
                {o.theme.title}
              </span>
              {o.theme.path.length > 0 && (
                <span className="eig-combobox__path">
                  {(o.theme.path.length > 2 ? ['…', ...o.theme.path.slice(-2)] : o.theme.path).join(' › ')}
                </span>
              )}
            </span>
            <span className="eig-combobox__count">
              {o.theme.count.toLocaleString('fr-FR')} document{o.theme.count > 1 ? 's' : ''}
            </span>
          </>
        ) : (
          <>
            <span className="fr-icon-search-line eig-combobox__icon" aria-hidden="true" />
            <span className="eig-combobox__text">{o.text}</span>
          </>
        )}
      </li>
    );
  };

  return (
    <form action="/explocode/recherche" method="get" role="search" className="eig-combobox" autoComplete="off">
      <div className={`fr-search-bar${size === 'lg' ? ' fr-search-bar--lg' : ''}`}>
        <label className="fr-label" htmlFor={id}>
          {label}
        </label>
        <input
          ref={inputRef}
          className="fr-input"
          type="search"
          id={id}
          name="q"
          placeholder={placeholder}
          value={value}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-describedby={hintId}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={200}
          onChange={(e) => {
            setDirty(true);
            setValue(e.target.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={close}
          onFocus={() => {
            scrollToTopOnPhone(inputRef.current);
            if (suggestions && value.trim().length >= MIN_CHARS) setOpen(true);
          }}
        />
        <button className="fr-btn" type="submit" title="Lancer la recherche">
          Rechercher
        </button>
      </div>
      {type && <input type="hidden" name="type" value={type} />}
      <p id={hintId} className="fr-sr-only">
        Des thèmes et des recherches vous sont suggérés pendant la saisie : parcourez-les avec les flèches haut et bas, validez avec Entrée,
        fermez avec Échap.
      </p>
      <div className="eig-combobox__popup" hidden={!expanded}>
        <ul id={listboxId} role="listbox" aria-label="Suggestions" className="eig-combobox__listbox">
          {themeOptions.length > 0 && (
            <li role="presentation" className="eig-combobox__group" aria-hidden="true">
              Thèmes
            </li>
          )}
          {themeOptions.map(renderOption)}
          {completionOptions.length > 0 && (
            <li role="presentation" className="eig-combobox__group" aria-hidden="true">
              Recherches suggérées
            </li>
          )}
          {completionOptions.map(renderOption)}
        </ul>
      </div>
      <div role="status" aria-live="polite" aria-atomic="true" className="fr-sr-only">
        {announcement}
      </div>
    </form>
  );
}
