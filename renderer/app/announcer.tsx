import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * One polite live region for the whole app. Saying the same thing twice in a row must be heard twice,
 * so the region is emptied first and filled on the next frame.
 */
export function useAnnouncer(): { message: string; announce: (text: string) => void } {
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const announce = useCallback((text: string) => {
    setMessage('');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setMessage(text), 50);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);
  return { message, announce };
}

export function LiveRegion({ message }: { message: string }) {
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="visually-hidden" data-testid="announcer">
      {message}
    </div>
  );
}
