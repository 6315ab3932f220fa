// Building DOM without innerHTML: text always goes in as text, so nothing
// that comes from the server can ever run as markup.

/**
 * h('p', {class: 'note', text: 'Hello'}) or h('ul', null, child, ...).
 * Attributes: class, text, on<Event> handlers, boolean true/false, and any
 * other attribute by name. Children: nodes, strings, arrays, null (skipped).
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'style' || (name.startsWith('on') && typeof value !== 'function')) {
      throw new Error(`h(): ${name} is not allowed (CSP: use classes and listeners)`);
    }
    if (name === 'text') el.textContent = value;
    else if (name === 'class') el.className = value;
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces everything inside EL with CHILDREN. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** Finds an element by id; throws if absent (a programming error). */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el;
}
