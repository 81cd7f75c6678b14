/**
 * Announces a calculator's result to screen readers once the page has loaded (a live region filled
 * after load is read; one already full at load is not), and moves the focus to the result's heading so
 * that keyboard users land on it. Without JavaScript the result is simply the page's next section.
 */
import { useEffect, useState } from 'react';

export interface ResultAnnouncerProps {
  /** what is read, in French ("Indemnité légale : 2 500,00 €") */
  message: string;
  /** id of the result's heading (tabIndex -1), focused on load */
  focusId?: string;
}

export function ResultAnnouncer({ message, focusId }: ResultAnnouncerProps) {
  const [text, setText] = useState('');
  useEffect(() => {
    const t = setTimeout(() => {
      setText(message);
      if (focusId) document.getElementById(focusId)?.focus({ preventScroll: false });
    }, 250);
    return () => clearTimeout(t);
  }, [message, focusId]);
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="fr-sr-only">
      {text}
    </div>
  );
}
