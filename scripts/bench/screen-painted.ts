/**
 * Page source (the bench is Node code, compiled without the DOM's types) of `untilPainted(root,
 * before)`: resolves once `root` holds a heading whose text is not `before`, nothing in it is
 * still loading, and the browser has painted a frame with it. The next animation frame runs
 * before the paint that shows the data; a task queued there runs after it.
 */
export const untilPaintedSource = `async function untilPainted(root, before) {
  const ready = () => {
    const heading = root.querySelector('h1');
    return heading !== null && heading.textContent !== before && root.querySelector('.loading') === null;
  };
  await new Promise((resolve) => {
    if (ready()) return resolve();
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  });
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}`;
