'use client';
import { useEffect, useState } from 'react';

/**
 * Teaching options that live in the URL beside the page state: `?view=simple` hides advanced
 * controls so a class sees only what the lesson needs; `?tour=1` opens the guided tour.
 */
export function useLessonMode() {
  const [simple, setSimple] = useState(false);
  const [tourOpen, setTourOpen] = useState(false);
  useEffect(() => {
    const q = new URLSearchParams(window.location.search);
    setSimple(q.get('view') === 'simple');
    setTourOpen(q.get('tour') === '1');
  }, []);
  return { simple, tourOpen, openTour: () => setTourOpen(true), closeTour: () => setTourOpen(false) };
}
