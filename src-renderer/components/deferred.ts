import { useEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/**
 * False until the browser has painted a frame in which `ready` was true (a screen with its data),
 * then true for good. What a screen needs only once someone reaches for it (the thousand choices of
 * a closed list) can wait for it, so it is added in the task after that frame rather than holding
 * the frame back: a task queued from an animation frame runs after the frame is painted.
 */
export function usePaintedOnce(ready: boolean): boolean {
  const latch = usePaintedLatch();
  useLatchOncePainted(latch, ready);
  return latch.painted;
}

/** usePaintedOnce's flag, and what sets it; apart for a screen that reads it above what it waits for. */
export interface PaintedLatch {
  painted: boolean;
  set(painted: true): void;
}

/**
 * usePaintedOnce in two halves, for a screen that needs the flag before it knows what it waits for
 * (a read held back until the frame with the answer of a read that depends on it): the flag here,
 * set by useLatchOncePainted further down the same component.
 */
export function usePaintedLatch(): PaintedLatch {
  const [painted, setPainted] = useState(false);
  return { painted, set: setPainted };
}

/** Sets the latch for good in the task after the browser has painted a frame in which `ready` was true. */
export function useLatchOncePainted({ painted, set }: PaintedLatch, ready: boolean): void {
  useEffect(() => {
    if (painted || !ready) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => set(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [painted, ready, set]);
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
