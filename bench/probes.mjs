// Timing probes that run INSIDE the app's page (injected with page.evaluate, so they must be self-contained).
//
// One measurement: `arm(marker)`, then a key is pressed, then `wait()`. The probe starts the clock when the
// page starts handling the first non-modifier keydown (its own capturing listener on window runs first of
// all listeners; `delivery` is how long the event took from the browser's `timeStamp` to get there — with
// input injected over the DevTools protocol that part is the harness's, not the app's), then watches DOM
// mutations for the first text outside the editor, lists and live regions that contains `marker`: the
// next item's text, or the diff showing what was just typed. From there it records
//   dom    — the change is in the DOM (script work done),
//   layout — style and layout of the changed page are computed (forced synchronously at that moment),
//   frame  — the next animation frame has run and the task after it starts: the frame holding the change
//            was produced. This one includes the wait for the display's next frame (up to ~16.7 ms at 60 Hz).
// For typing the clock starts at the textbox's `input` event instead (where the app's work on a keystroke
// starts; the browser's own keydown → input steps are not the app's), and `echo` is the next frame after it.

export function installProbe() {
  if (window.__loupeProbe) return;
  const MODIFIERS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph']);
  const EXCLUDED = 'textarea, input, [contenteditable=""], [contenteditable="true"], [role=listbox], [role=option], [aria-live], [role=status], [role=alert]';
  let armed = null;

  const afterNextFrame = (done) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done(performance.now());
      channel.port2.postMessage(0);
    });

  const finish = (a, result) => {
    if (a.done) return;
    a.done = true;
    clearTimeout(a.timer);
    a.resolve(result);
  };

  window.addEventListener(
    'keydown',
    (e) => {
      if (armed && armed.startOn === 'keydown' && armed.key === undefined && !MODIFIERS.has(e.key)) {
        armed.key = performance.now();
        armed.received = e.timeStamp;
      }
    },
    true,
  );
  window.addEventListener(
    'input',
    (e) => {
      const a = armed;
      if (!a || a.input !== undefined) return;
      a.input = performance.now();
      if (a.startOn === 'input') {
        a.key = a.input;
        a.received = e.timeStamp;
      }
      afterNextFrame((t) => (a.echo = t));
    },
    true,
  );

  const observer = new MutationObserver((records) => {
    const a = armed;
    if (!a || a.key === undefined || a.dom !== undefined) return;
    for (const r of records) {
      const nodes = r.type === 'characterData' ? [r.target] : [...r.addedNodes];
      for (const node of nodes) {
        const element = node.nodeType === 1 ? node : node.parentElement;
        if (!element || !element.isConnected || element.closest(EXCLUDED)) continue;
        if (!(node.textContent ?? '').includes(a.marker)) continue;
        a.dom = performance.now();
        void document.body.offsetHeight; // style + layout now, so that their cost is counted
        a.layout = performance.now();
        afterNextFrame((frame) => {
          const settle = () => {
            if (a.input !== undefined && a.echo === undefined) return setTimeout(settle, 1);
            finish(a, {
              ok: true,
              delivery: a.key - a.received,
              dom: a.dom - a.key,
              layout: a.layout - a.key,
              frame: frame - a.key,
              ...(a.echo !== undefined ? { echo: a.echo - a.key } : {}),
            });
          };
          settle();
        });
        return;
      }
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });

  window.__loupeProbe = {
    /** `startOn`: 'keydown' times from the keydown handler, 'input' from the text field's input event. */
    arm(marker, timeoutMs, startOn = 'keydown') {
      const a = { marker, startOn, done: false };
      a.promise = new Promise((resolve) => (a.resolve = resolve));
      a.timer = setTimeout(() => finish(a, { ok: false, sawKey: a.key !== undefined }), timeoutMs);
      armed = a;
    },
    wait() {
      return armed ? armed.promise : Promise.resolve({ ok: false, sawKey: false });
    },
  };
}
