// The page's polite live region (#status in index.html). It exists from the
// start, so screen readers reliably announce what is put into it later;
// a role="status" element created together with its text often is not.
let timer = null;

/** Announces TEXT politely (after the current speech). */
export function announce(text) {
  const region = document.getElementById('status');
  if (!region) return;
  clearTimeout(timer);
  region.textContent = '';
  // A short pause so the same message twice in a row is announced twice.
  timer = setTimeout(() => { region.textContent = text; }, 100);
}
