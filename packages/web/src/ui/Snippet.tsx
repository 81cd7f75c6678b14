import { parseSnippet } from './highlight.ts';

/** Renders an API snippet (escaped text + <mark>) without injecting HTML. */
export function Snippet({ snippet, className }: { snippet: string; className?: string }) {
  const parts = parseSnippet(snippet);
  return (
    <p className={['eig-snippet', className].filter(Boolean).join(' ')}>
      {parts.map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </p>
  );
}
