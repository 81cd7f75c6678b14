/**
 * The review editor, an island. Server-rendered, it is the read-only text with its spans and plain
 * forms (each edit and workflow action posts to the server). Hydrated, the text becomes a read-only
 * caret region (contenteditable with every input refused): the agent selects text with the mouse or
 * the keyboard (Shift + arrows, across line breaks), and edits spans with single-key shortcuts, with
 * undo/redo; the changes are saved with the workflow actions. Shortcuts: /openjustice/raccourcis.
 */
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import {
  AnnotationError,
  addAnnotation,
  changeCategory,
  extendAt,
  groupByCategory,
  linkEntities,
  pseudonymizedText,
  removeAt,
  removeEntity,
  resolveAnnotations,
  unlinkAt,
  unlinkPerson,
  type Annotation,
} from '../../review/annotations.ts';
import { ACTION_LABELS, type Action } from '../../review/workflow.ts';
import { CATEGORIES, CATEGORY_STYLE, categoryLabel, type Category } from '../categories.ts';

export interface ReviewEditorProps {
  decisionId: number;
  text: string;
  annotations: Annotation[];
  version: number;
  canEdit: boolean;
  actions: string[];
}

const ACTION_ORDER: Action[] = [
  'claim',
  'resume',
  'save',
  'validate',
  'confirm',
  'reject',
  'unclaim',
  'release',
  'reopen',
  'lock',
  'unlock',
];
const PRIMARY = new Set<Action>(['claim', 'validate', 'confirm', 'resume']);
/** Longest active stretch counted without an interaction (away from the desk is not review time). */
const IDLE_MS = 120_000;

type Range = { start: number; end: number };

function offsetIn(root: HTMLElement, node: Node | null, off: number): number | null {
  if (!node || !root.contains(node)) return null;
  if (node.nodeType === 3) {
    const holder = node.parentElement?.closest<HTMLElement>('[data-s]');
    return holder ? Number(holder.dataset.s) + off : null;
  }
  const el = node as HTMLElement;
  if (el === root) {
    const child = root.childNodes[off] as HTMLElement | undefined;
    return child?.dataset?.s !== undefined ? Number(child.dataset.s) : Number(root.dataset.len);
  }
  const holder = el.closest<HTMLElement>('[data-s]');
  return holder ? Number(holder.dataset.s) + (off > 0 ? (holder.textContent ?? '').length : 0) : null;
}

export function ReviewEditor(props: ReviewEditorProps) {
  const { decisionId, text, canEdit } = props;
  const [js, setJs] = useState(false);
  const [anns, setAnns] = useState<Annotation[]>(props.annotations);
  const [past, setPast] = useState<Annotation[][]>([]);
  const [future, setFuture] = useState<Annotation[][]>([]);
  const [category, setCategory] = useState<Category>('personnePhysiqueNom');
  const [allOccurrences, setAllOccurrences] = useState(true);
  const [message, setMessage] = useState('');
  const [current, setCurrent] = useState<number | null>(null);
  const [preview, setPreview] = useState(false);
  const [version, setVersion] = useState(props.version);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const textRef = useRef<HTMLDivElement>(null);
  const active = useRef({ spent: 0, last: Date.now() });

  useEffect(() => setJs(true), []);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  /** Counts review time: the gap since the last interaction, up to IDLE_MS. */
  const touch = useCallback(() => {
    const now = Date.now();
    active.current.spent += Math.min(now - active.current.last, IDLE_MS);
    active.current.last = now;
  }, []);
  const takeSpent = () => {
    touch();
    const s = active.current.spent;
    active.current.spent = 0;
    return Math.round(s);
  };

  const resolved = useMemo(() => resolveAnnotations(text, anns), [text, anns]);
  const groups = useMemo(() => groupByCategory(text, anns), [text, anns]);

  const apply = (next: Annotation[], say: string) => {
    setPast((p) => [...p.slice(-199), anns]);
    setFuture([]);
    setAnns(next);
    setDirty(true);
    setMessage(say);
  };
  const attempt = (fn: () => Annotation[], say: string) => {
    touch();
    try {
      apply(fn(), say);
    } catch (err) {
      setMessage(err instanceof AnnotationError ? err.message : 'Modification impossible.');
    }
  };
  const undo = () => {
    if (!past.length) return setMessage('Rien à annuler.');
    setFuture((f) => [anns, ...f]);
    setAnns(past[past.length - 1]);
    setPast((p) => p.slice(0, -1));
    setDirty(true);
    setMessage('Modification annulée.');
  };
  const redo = () => {
    if (!future.length) return setMessage('Rien à rétablir.');
    setPast((p) => [...p, anns]);
    setAnns(future[0]);
    setFuture((f) => f.slice(1));
    setDirty(true);
    setMessage('Modification rétablie.');
  };

  const selection = (): Range | null => {
    const root = textRef.current;
    const sel = typeof window !== 'undefined' ? window.getSelection() : null;
    if (!root || !sel || sel.rangeCount === 0) return null;
    const r = sel.getRangeAt(0);
    const a = offsetIn(root, r.startContainer, r.startOffset);
    const b = offsetIn(root, r.endContainer, r.endOffset);
    if (a === null || b === null) return null;
    return { start: Math.min(a, b), end: Math.max(a, b) };
  };
  const indexAt = (r: Range | null): number => {
    if (!r) return -1;
    const i = anns.findIndex((a) => (r.start === r.end ? a.start <= r.start && r.start < a.end : a.start < r.end && r.start < a.end));
    return i >= 0 ? i : r.start === r.end ? anns.findIndex((a) => a.end === r.start) : -1;
  };
  const select = (i: number) => {
    const root = textRef.current;
    const mark = root?.querySelector<HTMLElement>(`[data-i="${i}"]`);
    const node = mark?.firstChild;
    if (!mark || !node) return;
    const range = document.createRange();
    range.setStart(node, 0);
    range.setEnd(node, (node.textContent ?? '').length);
    const sel = window.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
    mark.scrollIntoView({ block: 'nearest' });
    setCurrent(i);
    const a = resolved[i];
    setMessage(
      `${categoryLabel(a.category)} : « ${a.text} »${a.replacement ? ` → ${a.replacement}` : ' (laissé en clair)'} (${i + 1} sur ${anns.length}).`,
    );
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    touch();
    const k = e.key;
    if (e.ctrlKey || e.metaKey) {
      const lower = k.toLowerCase();
      if (lower === 'z' && !e.shiftKey) return (e.preventDefault(), undo());
      if (lower === 'y' || (lower === 'z' && e.shiftKey)) return (e.preventDefault(), redo());
      if (lower === 's') return (e.preventDefault(), void run('save'));
      if (['x', 'v', 'b', 'i', 'u'].includes(lower)) e.preventDefault();
      return;
    }
    if (/^(Arrow|Page|Home|End|Tab|Shift|Alt|Control|Meta|Escape|F\d)/.test(k)) return;
    e.preventDefault();
    const r = selection();
    const i = indexAt(r);
    if (k === 'o' || k === 'Enter') {
      if (!r || r.start === r.end) return setMessage('Sélectionnez d’abord le texte à occulter (Maj + flèches).');
      attempt(
        () => addAnnotation(text, anns, r, category, { allOccurrences }),
        `Occultation ajoutée (${categoryLabel(category)})${allOccurrences ? ', avec les autres occurrences' : ''}.`,
      );
    } else if (k === 'x' || k === 'Delete' || k === 'Backspace') {
      if (i < 0) return setMessage('Aucune occultation sous le curseur.');
      attempt(() => removeAt(anns, i), `Occultation « ${resolved[i].text} » retirée.`);
    } else if (k === 'e') {
      if (i < 0 || !r) return setMessage('Placez la sélection sur une occultation et au-delà pour l’étendre.');
      attempt(() => extendAt(text, anns, i, r), 'Occultation étendue.');
    } else if (k === 'c') {
      if (i < 0) return setMessage('Aucune occultation sous le curseur.');
      attempt(() => changeCategory(anns, anns[i].entityId, category), `Catégorie changée : ${categoryLabel(category)}.`);
    } else if (k === 'u') {
      if (i < 0) return setMessage('Aucune occultation sous le curseur.');
      attempt(() => unlinkAt(anns, i), 'Mention détachée de son entité.');
    } else if (k === 'n' || k === 'p') {
      if (!anns.length) return setMessage('Aucune occultation.');
      const from =
        current ?? (r ? (k === 'n' ? anns.findIndex((a) => a.start >= r.end) - 1 : anns.findIndex((a) => a.start >= r.start)) : -1);
      const next = k === 'n' ? (from + 1) % anns.length : (from - 1 + anns.length) % anns.length;
      select(next < 0 ? anns.length - 1 : next);
    } else
      setMessage(
        'Touche sans effet ici. Raccourcis : o occulter, x retirer, e étendre, c changer de catégorie, u détacher, n/p suivante/précédente, Ctrl+Z/Ctrl+Y.',
      );
  };

  async function run(action: Action | 'save') {
    touch();
    setBusy(true);
    try {
      const body = { version, timeSpentMs: takeSpent(), ...(canEdit && (dirty || action === 'save') ? { annotations: anns } : {}) };
      const res =
        action === 'save'
          ? await fetch(`/api/openjustice/decisions/${decisionId}/annotations`, {
              method: 'PUT',
              credentials: 'same-origin',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ ...body, annotations: anns }),
            })
          : await fetch(`/api/openjustice/decisions/${decisionId}/actions/${action}`, {
              method: 'POST',
              credentials: 'same-origin',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(body),
            });
      const json = (await res.json().catch(() => null)) as { version?: number; message?: string } | null;
      if (!res.ok) {
        setMessage(json?.message ?? 'L’action n’a pas pu être faite. Veuillez réessayer.');
        return;
      }
      setDirty(false);
      if (action === 'save') {
        setVersion(json?.version ?? version);
        setMessage('Occultations enregistrées.');
        return;
      }
      const back =
        action === 'validate' || action === 'confirm' || action === 'unclaim'
          ? '/openjustice/decisions'
          : `/openjustice/decisions/${decisionId}`;
      window.location.assign(`${back}?ok=${action}`);
    } catch {
      setMessage('Connexion perdue : vos modifications sont conservées dans la page, réessayez.');
    } finally {
      setBusy(false);
    }
  }

  /** The side panel's and the toolbar's forms: applied here when the island runs, posted otherwise. */
  const onEditForm = (e: FormEvent<HTMLFormElement>) => {
    if (!js) return;
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const op = String(f.get('op'));
    const entityId = String(f.get('entityId') ?? '');
    const cat = String(f.get('category') ?? '') as Category;
    if (op === 'removeEntity') attempt(() => removeEntity(anns, entityId), 'Entité retirée (toutes ses mentions).');
    else if (op === 'changeCategory') attempt(() => changeCategory(anns, entityId, cat), `Catégorie changée : ${categoryLabel(cat)}.`);
    else if (op === 'link') attempt(() => linkEntities(anns, entityId, String(f.get('to'))), 'Entités liées.');
    else if (op === 'unlinkPerson') attempt(() => unlinkPerson(anns, entityId), 'Prénom et nom déliés.');
    else if (op === 'addText') {
      const wanted = String(f.get('text') ?? '').trim();
      const at = wanted ? text.toLowerCase().indexOf(wanted.toLowerCase()) : -1;
      if (at < 0) return setMessage('Ce texte ne figure pas dans la décision.');
      attempt(
        () => addAnnotation(text, anns, { start: at, end: at + wanted.length }, cat, { allOccurrences: true }),
        `« ${wanted} » occulté partout (${categoryLabel(cat)}).`,
      );
    }
  };
  const onActionForm = (e: FormEvent<HTMLFormElement>) => {
    if (!js) return;
    e.preventDefault();
    void run(String(new FormData(e.currentTarget).get('action')) as Action);
  };

  // ---- render

  const segments: ReactNode[] = [];
  let last = 0;
  resolved.forEach((a, i) => {
    if (a.start > last)
      segments.push(
        <span key={`t${last}`} data-s={last}>
          {text.slice(last, a.start)}
        </span>,
      );
    const st = CATEGORY_STYLE[a.category];
    segments.push(
      <mark
        key={`m${i}`}
        data-s={a.start}
        data-i={i}
        data-abbr={st.abbr}
        className={`oj-mark oj-cat--${a.category}${current === i ? ' oj-mark--current' : ''}`}
        title={`${categoryLabel(a.category)}${a.replacement ? ` → ${a.replacement}` : ' (en clair)'}`}
      >
        {a.text}
      </mark>,
    );
    last = a.end;
  });
  if (last < text.length)
    segments.push(
      <span key={`t${last}`} data-s={last}>
        {text.slice(last)}
      </span>,
    );

  const editable = js && canEdit;
  const hidden = (name: string, value: string | number) => <input type="hidden" name={name} value={value} />;
  const editAction = `/openjustice/decisions/${decisionId}/modifier`;
  const actions = ACTION_ORDER.filter((a) => props.actions.includes(a) && !(a === 'save' && !canEdit));

  return (
    <div>
      <p className="fr-sr-only" role="status" aria-live="polite">
        {message}
      </p>
      {canEdit && (
        <div className="oj-toolbar" role="group" aria-label="Outils d’occultation">
          <div className="fr-select-group">
            <label className="fr-label" htmlFor={`oj-cat-${decisionId}`}>
              Catégorie des nouvelles occultations
            </label>
            <select
              id={`oj-cat-${decisionId}`}
              className="fr-select"
              value={category}
              onChange={(e) => setCategory(e.target.value as Category)}
              disabled={!js}
            >
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {categoryLabel(c)}
                </option>
              ))}
            </select>
          </div>
          <div className="fr-checkbox-group fr-checkbox-group--sm">
            <input
              type="checkbox"
              id={`oj-all-${decisionId}`}
              checked={allOccurrences}
              onChange={(e) => setAllOccurrences(e.target.checked)}
              disabled={!js}
            />
            <label className="fr-label" htmlFor={`oj-all-${decisionId}`}>
              Toutes les occurrences
            </label>
          </div>
          <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={undo} disabled={!js || !past.length}>
            Annuler
          </button>
          <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={redo} disabled={!js || !future.length}>
            Rétablir
          </button>
          <button
            type="button"
            className="fr-btn fr-btn--tertiary fr-btn--sm"
            aria-pressed={preview}
            onClick={() => setPreview((p) => !p)}
            disabled={!js}
          >
            Aperçu pseudonymisé
          </button>
          <span className="fr-text--sm fr-mb-0" aria-live="off">
            {dirty ? 'Modifications non enregistrées' : 'Tout est enregistré'}
          </span>
        </div>
      )}
      {!js && canEdit && (
        <p className="fr-text--sm">
          Sans JavaScript, les modifications se font par les formulaires du panneau ; la sélection dans le texte demande JavaScript.
        </p>
      )}
      <div className="oj-layout">
        <div>
          <h2 id="oj-texte-titre" className="fr-h5">
            Texte de la décision
          </h2>
          {preview ? (
            <div id="oj-texte" className="oj-preview" role="region" aria-label="Aperçu du texte pseudonymisé" tabIndex={0}>
              {pseudonymizedText(text, anns)}
            </div>
          ) : (
            <div
              id="oj-texte"
              ref={textRef}
              className="oj-text"
              data-len={text.length}
              tabIndex={0}
              {...(editable
                ? {
                    role: 'textbox',
                    'aria-readonly': true,
                    'aria-multiline': true,
                    'aria-describedby': 'oj-aide-clavier',
                    contentEditable: true,
                    suppressContentEditableWarning: true,
                    spellCheck: false,
                    onKeyDown,
                    onBeforeInput: (e: FormEvent) => e.preventDefault(),
                    onPaste: (e: ClipboardEvent) => e.preventDefault(),
                    onDrop: (e: DragEvent) => e.preventDefault(),
                    onCut: (e: ClipboardEvent) => e.preventDefault(),
                    onMouseUp: () => (touch(), setCurrent(null)),
                  }
                : { role: 'region' })}
              aria-labelledby="oj-texte-titre"
            >
              {segments}
            </div>
          )}
          {editable && (
            <p id="oj-aide-clavier" className="fr-hint-text fr-mt-1w">
              Sélectionnez au clavier (Maj + flèches) ou à la souris, puis : o occulter, x retirer, e étendre, c changer de catégorie, u
              détacher, n/p occultation suivante/précédente, Ctrl+Z annuler, Ctrl+Y rétablir, Ctrl+S enregistrer.{' '}
              <a href="/openjustice/raccourcis">Tous les raccourcis</a>
            </p>
          )}
        </div>
        <div className="oj-panel" role="region" aria-labelledby={`oj-panel-${decisionId}`} tabIndex={0}>
          <h2 id={`oj-panel-${decisionId}`} className="fr-h5">
            Occultations par catégorie
          </h2>
          {canEdit && (
            <form method="post" action={editAction} onSubmit={onEditForm} className="fr-mb-2w">
              {hidden('op', 'addText')}
              {hidden('version', version)}
              <div className="fr-input-group fr-mb-1w">
                <label className="fr-label" htmlFor={`oj-add-${decisionId}`}>
                  Occulter un texte partout
                </label>
                <input className="fr-input" id={`oj-add-${decisionId}`} name="text" maxLength={500} />
              </div>
              <div className="fr-select-group fr-mb-1w">
                <label className="fr-label" htmlFor={`oj-add-cat-${decisionId}`}>
                  Dans la catégorie
                </label>
                <select className="fr-select" id={`oj-add-cat-${decisionId}`} name="category" defaultValue="personnePhysiqueNom">
                  {CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {categoryLabel(c)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="fr-btn fr-btn--sm fr-btn--secondary">
                Occulter
              </button>
            </form>
          )}
          {groups.length === 0 && <p>Aucune occultation.</p>}
          {groups.map((g) => {
            const st = CATEGORY_STYLE[g.category];
            const headingId = `oj-g-${decisionId}-${g.category}`;
            return (
              <section key={g.category} aria-labelledby={headingId} className="fr-mb-2w">
                <h3 id={headingId} className="fr-h6 fr-mb-1w">
                  <span className={`oj-swatch oj-cat--${g.category}`} aria-hidden="true">
                    {st.abbr}
                  </span>
                  {categoryLabel(g.category)} ({g.entities.length})
                </h3>
                <ul className="fr-raw-list">
                  {g.entities.map((e) => {
                    const others = groups.flatMap((o) =>
                      o.entities
                        .filter(
                          (x) =>
                            x.entityId !== e.entityId &&
                            (o.category === g.category || (isPersonCat(o.category) && isPersonCat(g.category))),
                        )
                        .map((x) => ({ ...x, category: o.category })),
                    );
                    return (
                      <li key={e.entityId} className="oj-entity">
                        <strong>{e.text}</strong> {e.replacement ? `→ ${e.replacement}` : '(laissé en clair)'} · {e.mentions.length} mention
                        {e.mentions.length > 1 ? 's' : ''}
                        {js && (
                          <button
                            type="button"
                            className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm fr-ml-1w"
                            onClick={() => select(e.mentions[0])}
                          >
                            Voir<span className="fr-sr-only"> « {e.text} »</span> dans le texte
                          </button>
                        )}
                        {canEdit && (
                          <div>
                            <form method="post" action={editAction} onSubmit={onEditForm}>
                              {hidden('op', 'removeEntity')}
                              {hidden('entityId', e.entityId)}
                              {hidden('version', version)}
                              <button type="submit" className="fr-btn fr-btn--sm fr-btn--tertiary">
                                Retirer<span className="fr-sr-only"> « {e.text} » (toutes les mentions)</span>
                              </button>
                            </form>
                            <form method="post" action={editAction} onSubmit={onEditForm}>
                              {hidden('op', 'changeCategory')}
                              {hidden('entityId', e.entityId)}
                              {hidden('version', version)}
                              <label className="fr-sr-only" htmlFor={`oj-cc-${e.entityId}`}>
                                Nouvelle catégorie pour « {e.text} »
                              </label>
                              <select
                                className="fr-select fr-select--sm"
                                id={`oj-cc-${e.entityId}`}
                                name="category"
                                defaultValue={g.category}
                              >
                                {CATEGORIES.map((c) => (
                                  <option key={c} value={c}>
                                    {categoryLabel(c)}
                                  </option>
                                ))}
                              </select>
                              <button type="submit" className="fr-btn fr-btn--sm fr-btn--tertiary">
                                Changer<span className="fr-sr-only"> la catégorie de « {e.text} »</span>
                              </button>
                            </form>
                            {others.length > 0 && (
                              <form method="post" action={editAction} onSubmit={onEditForm}>
                                {hidden('op', 'link')}
                                {hidden('entityId', e.entityId)}
                                {hidden('version', version)}
                                <label className="fr-sr-only" htmlFor={`oj-ln-${e.entityId}`}>
                                  Lier « {e.text} » à
                                </label>
                                <select className="fr-select fr-select--sm" id={`oj-ln-${e.entityId}`} name="to">
                                  {others.slice(0, 200).map((o) => (
                                    <option key={o.entityId} value={o.entityId}>
                                      {o.text} ({categoryLabel(o.category)})
                                    </option>
                                  ))}
                                </select>
                                <button type="submit" className="fr-btn fr-btn--sm fr-btn--tertiary">
                                  Lier<span className="fr-sr-only"> « {e.text} » à l’entité choisie</span>
                                </button>
                              </form>
                            )}
                            {e.personId && (
                              <form method="post" action={editAction} onSubmit={onEditForm}>
                                {hidden('op', 'unlinkPerson')}
                                {hidden('entityId', e.entityId)}
                                {hidden('version', version)}
                                <button type="submit" className="fr-btn fr-btn--sm fr-btn--tertiary">
                                  Délier<span className="fr-sr-only"> « {e.text} » de la personne</span>
                                </button>
                              </form>
                            )}
                          </div>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </section>
            );
          })}
        </div>
      </div>
      {actions.length > 0 && (
        <div className="oj-actions" role="group" aria-label="Circuit de relecture">
          {actions.map((a) => (
            <form key={a} method="post" action={`/openjustice/decisions/${decisionId}/action`} onSubmit={onActionForm}>
              {hidden('action', a)}
              {hidden('version', version)}
              <button type="submit" className={`fr-btn ${PRIMARY.has(a) ? '' : 'fr-btn--secondary'}`} disabled={busy}>
                {ACTION_LABELS[a]}
              </button>
            </form>
          ))}
        </div>
      )}
    </div>
  );
}

const isPersonCat = (c: string) => c === 'personnePhysiquePrenom' || c === 'personnePhysiqueNom';
