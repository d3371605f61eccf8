// A tap on a masto.js streaming subscription: it keeps every event that arrives so a
// test can wait for the one it caused, however the events interleave.

/**
 * Starts reading subscription in the background. waitFor(match, ms) resolves with the
 * first event, past or future, for which match holds, and rejects after ms.
 */
export function tap(subscription) {
  const seen = [];
  const waiting = new Set();
  let ended = null;
  const wake = () => waiting.forEach((check) => check());
  (async () => {
    try {
      for await (const event of subscription) {
        seen.push({ event, at: performance.now() });
        wake();
      }
      ended = new Error("the stream ended");
    } catch (err) {
      ended = err;
    }
    wake();
  })();

  return {
    waitFor(match, ms) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = seen.find((s) => match(s.event));
          if (hit || ended) {
            clearTimeout(timer);
            waiting.delete(check);
            hit ? resolve(hit) : reject(ended);
          }
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          const names = seen.map((s) => s.event.event).join(", ") || "none";
          reject(new Error(`no matching event within ${ms} ms (events seen: ${names})`));
        }, ms);
        waiting.add(check);
        check();
      });
    },
  };
}
