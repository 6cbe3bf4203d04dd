// Splitting a line into words as a shell does for words and quotes (no expansion): shared by the
// command fields (both quotes, backslash escapes) and the logs' field filter (double quotes only).

export interface WordRules {
  /** The characters that open and close a quoted part ('"' or `"'`). */
  quotes: string;
  /** A backslash takes the next character as it is (outside quotes and inside double quotes). */
  escapes: boolean;
}

/** The words of `line`, split at white space outside quotes (quotes removed); `unclosed` when a quote is left open. */
export function splitWords(line: string, rules: WordRules): { words: string[]; unclosed: boolean } {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    const escaped = rules.escapes && ch === '\\' && i + 1 < line.length && (!quote || quote === '"');
    if (escaped) {
      cur += line[++i];
      inWord = true;
    } else if (quote) {
      if (ch === quote) quote = null;
      else cur += ch;
    } else if (rules.quotes.includes(ch)) {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return { words, unclosed: quote !== null };
}
