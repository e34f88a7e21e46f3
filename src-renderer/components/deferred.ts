import { useEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/**
 * False until the browser has painted a frame in which `ready` was true (a screen with its data),
 * then true for good. What a screen needs only once someone reaches for it (the thousand choices of
 * a closed list) can wait for it, so it is added in the task after that frame rather than holding
 * the frame back: a task queued from an animation frame runs after the frame is painted.
 */
export function usePaintedOnce(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (painted || !ready) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [painted, ready]);
  return painted;
}

/**
 * False until the element behind the returned ref comes within a screen's height of the view (or
 * the page is printed), then true for good. A screen below whose fold sit charts costing a
 * hundred-odd milliseconds each draws them as they are scrolled towards, not before its first frame.
 * Without IntersectionObserver (server rendering, tests) it is true at once.
 */
export function useNearView<T extends Element>(): [RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: '100% 0px' });
    observer.observe(element);
    // Printing lays out every page at once: what is drawn by then is what is printed.
    const print = () => flushSync(() => setNear(true));
    window.addEventListener('beforeprint', print);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', print);
    };
  }, [near]);
  return [ref, near];
}
