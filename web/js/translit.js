// Serbian Latin -> Serbian Cyrillic, one letter for one letter (the two
// alphabets map one to one, with lj, nj, dž written as two Latin letters).
// Placeholders like {name}, and web addresses, are left as they are.

const DIGRAPHS = {
  lj: 'љ', Lj: 'Љ', LJ: 'Љ',
  nj: 'њ', Nj: 'Њ', NJ: 'Њ',
  'dž': 'џ', 'Dž': 'Џ', 'DŽ': 'Џ',
};

const LETTERS = {
  a: 'а', b: 'б', c: 'ц', 'č': 'ч', 'ć': 'ћ', d: 'д', 'đ': 'ђ', e: 'е', f: 'ф',
  g: 'г', h: 'х', i: 'и', j: 'ј', k: 'к', l: 'л', m: 'м', n: 'н', o: 'о',
  p: 'п', r: 'р', s: 'с', 'š': 'ш', t: 'т', u: 'у', v: 'в', z: 'з', 'ž': 'ж',
  A: 'А', B: 'Б', C: 'Ц', 'Č': 'Ч', 'Ć': 'Ћ', D: 'Д', 'Đ': 'Ђ', E: 'Е', F: 'Ф',
  G: 'Г', H: 'Х', I: 'И', J: 'Ј', K: 'К', L: 'Л', M: 'М', N: 'Н', O: 'О',
  P: 'П', R: 'Р', S: 'С', 'Š': 'Ш', T: 'Т', U: 'У', V: 'В', Z: 'З', 'Ž': 'Ж',
};

// Words where the two letters are not a digraph but meet across a prefix or
// in a loan word (in-jekcija, nad-živeti, ...). Matched at the start of a
// word, case-insensitively; the digraph at the given offset is split.
const SPLIT = [
  ['injek', 1], ['konjug', 2], ['konjunk', 2], ['vanjez', 2], ['tanjug', 2],
  ['nadživ', 2], ['nadžnj', 2], ['podžanr', 2], ['podžup', 2], ['odžive', 1],
];

// {placeholder}, URLs and e-mail addresses stay in Latin script.
const PROTECTED = /(\{[^{}]*\}|https?:\/\/\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)/u;

function splitsAt(text, i) {
  // Is the digraph starting at text[i] one of the SPLIT exceptions?
  let start = i;
  while (start > 0 && /\p{L}/u.test(text[start - 1])) start--;
  const word = text.slice(start).toLowerCase();
  return SPLIT.some(([stem, at]) => word.startsWith(stem) && start + at === i);
}

function plain(text) {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const two = text.slice(i, i + 2);
    if (DIGRAPHS[two] && !splitsAt(text, i)) {
      out += DIGRAPHS[two];
      i++;
      continue;
    }
    const ch = text[i];
    out += LETTERS[ch] ?? ch;
  }
  return out;
}

/** Serbian Latin text to Serbian Cyrillic. */
export function latinToCyrillic(text) {
  if (typeof text !== 'string') return text;
  return text
    .normalize('NFC')
    .split(PROTECTED)
    .map((part, i) => (i % 2 === 1 ? part : plain(part)))
    .join('');
}

/** A catalog ({key: text}) with every text transliterated. */
export function transliterateCatalog(catalog) {
  const out = {};
  for (const [key, value] of Object.entries(catalog)) out[key] = latinToCyrillic(value);
  return out;
}
