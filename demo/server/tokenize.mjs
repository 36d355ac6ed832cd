// Splits text into pieces the way an LLM's tokenizer roughly would, so the mock streams
// realistic fragments: a word with its leading space (" streaming"), long words in sub-word
// pieces (" increment" + "ally"), punctuation runs ("```", "**"), newlines on their own, and CJK
// text one or two characters at a time. Joining the tokens always gives back the input exactly.

// GPT-2's pre-tokenizer pattern: contractions, optional space + letters, optional space +
// digits, optional space + other symbols, whitespace that is not followed by a word, whitespace.
const PRE_TOKEN = /'(?:s|t|re|ve|m|ll|d)\b| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
const WIDE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
// Most common English words are one token; longer words are split into pieces of this size.
const WHOLE_WORD_LIMIT = 8;
const PIECE_LENGTH = 5;

/**
 * @param {string} text
 * @returns {string[]}
 */
export function tokenize(text) {
  /** @type {string[]} */
  const tokens = [];
  for (const [word] of text.matchAll(PRE_TOKEN)) {
    if (WIDE_SCRIPT.test(word)) tokens.push(...groups([...word], 2));
    else if (/^ ?\p{N}+$/u.test(word)) tokens.push(...groups([...word], 3));
    else if (word.length > WHOLE_WORD_LIMIT && /\p{L}/u.test(word))
      tokens.push(...groups([...word], PIECE_LENGTH));
    else tokens.push(word);
  }
  return tokens;
}

/**
 * Joins consecutive code points into strings of at most `size` of them.
 * @param {string[]} codePoints
 * @param {number} size
 * @returns {string[]}
 */
function groups(codePoints, size) {
  /** @type {string[]} */
  const out = [];
  for (let i = 0; i < codePoints.length; i += size)
    out.push(codePoints.slice(i, i + size).join(''));
  return out;
}
