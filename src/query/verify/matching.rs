//! Finding a quote in a source text: verbatim, after normalising, or not at
//! all, with the closest passage.
//!
//! # Definition
//! A quote is found *exactly* when it is a substring of the text. Otherwise
//! both are *normalised*: every run of whitespace (line breaks and
//! non-breaking spaces included) becomes one space, and typographic variants
//! become their plain form (’ ‘ ‚ ‛ ʼ ′ become `'`; “ ” „ ‟ « » ″ become `"`;
//! the dashes ‐ ‑ ‒ – — ― become `-`; … becomes `...`); the quote's leading
//! and trailing whitespace is dropped. A quote found in the normalised text
//! is found *after normalising*, and every place where the original
//! characters differ is a [`Difference`].
//!
//! A quote found neither way has a *closest passage*: the substring of the
//! normalised text with the smallest Levenshtein distance to the normalised
//! quote (Sellers' approximate matching: an edit-distance table whose first
//! row is zero, so the passage may start anywhere). On a long text the table
//! is filled only around the few places where most of the quote's
//! (lowercased) 4-grams fall, on the diagonal they vote for.
//!
//! # Complexity
//! For a text of n characters and a quote of m: exact and normalised
//! matching in O(n + m) (the text is normalised once per source); the
//! closest passage in O(n·m) when n·m is at most 4 million, else O(n + v)
//! for v votes of 4-grams plus O(m²) around each of at most 8 candidates
//! (quotes of more than 2,000 characters: O(m) along the best diagonal).
//!
//! # Example
//! ```
//! use relgraph::query::verify::matching::{Found, Haystack};
//!
//! let text = Haystack::new("It’s here.\nAnd  there.");
//! assert_eq!(text.find("here."), Found::Exact { line: 1 });
//! let Found::Normalised { line, differences } = text.find("It's here. And there.") else {
//!     panic!("expected a match after normalising");
//! };
//! assert_eq!(line, 1);
//! assert_eq!(differences[0].describe(), "the text has ’ (U+2019) where the quote has ' (U+0027) at character 3");
//! ```

use std::cell::OnceCell;
use std::cmp::Reverse;
use std::ops::Range;

use rustc_hash::FxHashMap;

/// How a quote was found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Verbatim, starting on this 1-based line.
    Exact {
        /// 1-based line of the text where the quote starts.
        line: usize,
    },
    /// Only once both were normalised.
    Normalised {
        /// 1-based line of the text where the quote starts.
        line: usize,
        /// Where the original characters differ, in quote order (at least one).
        differences: Vec<Difference>,
    },
    /// Not at all.
    NotFound {
        /// The passage of the text most like the quote; `None` when the text
        /// (or the quote, once normalised) is empty.
        closest: Option<Passage>,
    },
}

/// Characters that differ between a quote and the text it matches once both
/// are normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// 1-based position, in characters, of the differing part in the quote.
    pub at: usize,
    /// What the text has there (empty when the quote has extra whitespace
    /// at its start or end).
    pub text: String,
    /// What the quote has there.
    pub quote: String,
}

impl Difference {
    /// The difference in a sentence: `the text has ’ (U+2019) where the
    /// quote has ' (U+0027) at character 14`.
    pub fn describe(&self) -> String {
        if self.text.is_empty() {
            return format!(
                "the quote has {} at character {} that the text lacks",
                describe_chars(&self.quote),
                self.at
            );
        }
        format!(
            "the text has {} where the quote has {} at character {}",
            describe_chars(&self.text),
            describe_chars(&self.quote),
            self.at
        )
    }
}

/// The passage of a text most like a quote that is not in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// 1-based line of the text where the passage starts.
    pub line: usize,
    /// The passage as the text has it.
    pub text: String,
    /// Levenshtein distance, in characters, between the normalised passage
    /// and the normalised quote.
    pub distance: usize,
    /// How alike they are, in percent, rounded down: 100 × (1 − distance /
    /// the longer one's length).
    pub percent_alike: u8,
}

/// A source text, prepared once to look many quotes up in it.
pub struct Haystack<'t> {
    text: &'t str,
    normalised: OnceCell<Normalised>,
    line_starts: OnceCell<Vec<usize>>,
}

impl<'t> Haystack<'t> {
    /// Prepares `text`; the work of normalising it is done on the first
    /// quote that is not found verbatim.
    pub fn new(text: &'t str) -> Self {
        Haystack {
            text,
            normalised: OnceCell::new(),
            line_starts: OnceCell::new(),
        }
    }

    /// Looks `quote` up: verbatim, else after normalising, else the closest passage.
    pub fn find(&self, quote: &str) -> Found {
        if !quote.is_empty()
            && let Some(at) = self.text.find(quote)
        {
            return Found::Exact {
                line: self.line_of(at),
            };
        }
        let quote_norm = Normalised::of(quote);
        let core = quote_norm.core();
        let wanted = quote_norm.slice(core.clone());
        let text = self.normalised();
        if !wanted.is_empty()
            && let Some(byte) = text.string.find(wanted)
        {
            let start = text.char_at_byte(byte);
            let matched = start..start + core.len();
            let original = text.original(matched.clone());
            return Found::Normalised {
                line: self.line_of(original.start),
                differences: differences(self.text, text, matched, quote, &quote_norm),
            };
        }
        Found::NotFound {
            closest: self.closest(&quote_norm.chars[core]),
        }
    }

    fn normalised(&self) -> &Normalised {
        self.normalised.get_or_init(|| Normalised::of(self.text))
    }

    /// The 1-based line of byte `at`.
    fn line_of(&self, at: usize) -> usize {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        starts.partition_point(|&start| start <= at).max(1)
    }

    /// The passage most like `quote` (normalised), with its line.
    fn closest(&self, quote: &[char]) -> Option<Passage> {
        let text = self.normalised();
        if text.chars.is_empty() || quote.is_empty() {
            return None;
        }
        let (distance, range) = nearest(&text.chars, quote);
        let original = text.original(range.clone());
        let longer = quote.len().max(range.len());
        let percent_alike = (100 * longer.saturating_sub(distance) / longer) as u8;
        Some(Passage {
            line: self.line_of(original.start),
            text: self.text[original].to_owned(),
            distance,
            percent_alike,
        })
    }
}

/// The plain form of a typographic character, if it has one.
fn plain_form(c: char) -> Option<&'static str> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' => Some("'"),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => Some("\""),
        '\u{2010}'..='\u{2015}' => Some("-"),
        '\u{2026}' => Some("..."),
        _ => None,
    }
}

/// One character of the original (or one run of whitespace) and the
/// normalised characters it became.
#[derive(Debug, Clone)]
struct Piece {
    /// Bytes in the original.
    original: Range<usize>,
    /// Characters in the normalised text.
    normalised: Range<usize>,
}

/// A text normalised, with the way back to the original.
#[derive(Debug, Default)]
struct Normalised {
    /// The normalised text.
    string: String,
    /// Its characters.
    chars: Vec<char>,
    /// The byte offset in `string` of each character, and `string.len()` last.
    byte_of: Vec<usize>,
    /// The piece each character comes from.
    piece_of: Vec<usize>,
    /// The pieces, in order.
    pieces: Vec<Piece>,
}

impl Normalised {
    fn of(text: &str) -> Self {
        let mut out = Normalised::default();
        let mut chars = text.char_indices().peekable();
        let mut buffer = [0u8; 4];
        while let Some((start, c)) = chars.next() {
            let mut end = start + c.len_utf8();
            let plain = if c.is_whitespace() {
                while let Some(&(at, next)) = chars.peek()
                    && next.is_whitespace()
                {
                    end = at + next.len_utf8();
                    chars.next();
                }
                " "
            } else {
                plain_form(c).unwrap_or_else(|| c.encode_utf8(&mut buffer))
            };
            out.push(start..end, plain);
        }
        out.byte_of.push(out.string.len());
        out
    }

    fn push(&mut self, original: Range<usize>, plain: &str) {
        let first = self.chars.len();
        for c in plain.chars() {
            self.piece_of.push(self.pieces.len());
            self.byte_of.push(self.string.len());
            self.chars.push(c);
            self.string.push(c);
        }
        self.pieces.push(Piece {
            original,
            normalised: first..self.chars.len(),
        });
    }

    /// The characters without leading and trailing whitespace.
    fn core(&self) -> Range<usize> {
        let start = self.chars.iter().take_while(|&&c| c == ' ').count();
        let end = self.chars.len()
            - self.chars[start..]
                .iter()
                .rev()
                .take_while(|&&c| c == ' ')
                .count();
        start..end
    }

    /// The normalised text of characters `range`.
    fn slice(&self, range: Range<usize>) -> &str {
        &self.string[self.byte_of[range.start]..self.byte_of[range.end]]
    }

    /// The character that starts at byte `byte` of the normalised text.
    fn char_at_byte(&self, byte: usize) -> usize {
        self.byte_of.partition_point(|&b| b < byte)
    }

    /// The bytes of the original that characters `range` (not empty) come from.
    fn original(&self, range: Range<usize>) -> Range<usize> {
        let first = &self.pieces[self.piece_of[range.start]];
        let last = &self.pieces[self.piece_of[range.end - 1]];
        first.original.start..last.original.end
    }

    /// The characters of piece `index` that fall inside `range`, counted from its start.
    fn end_within(&self, index: usize, range: &Range<usize>) -> usize {
        self.pieces[index].normalised.end.min(range.end) - range.start
    }
}

/// Every place where the text's characters `matched` (normalised) differ
/// from the quote's, which are equal once normalised.
fn differences(
    text: &str,
    text_norm: &Normalised,
    matched: Range<usize>,
    quote: &str,
    quote_norm: &Normalised,
) -> Vec<Difference> {
    let core = quote_norm.core();
    let mut out = edges(quote, quote_norm, &core);
    let (mut t, mut q) = (
        text_norm.piece_of[matched.start],
        quote_norm.piece_of[core.start],
    );
    let (t_last, q_last) = (
        text_norm.piece_of[matched.end - 1],
        quote_norm.piece_of[core.end - 1],
    );
    while t <= t_last && q <= q_last {
        let (t_first, q_first) = (t, q);
        let mut t_done = text_norm.end_within(t, &matched);
        let mut q_done = quote_norm.end_within(q, &core);
        while t_done != q_done {
            if t_done < q_done && t < t_last {
                t += 1;
                t_done = text_norm.end_within(t, &matched);
            } else if q < q_last {
                q += 1;
                q_done = quote_norm.end_within(q, &core);
            } else {
                break;
            }
        }
        let in_text =
            &text[text_norm.pieces[t_first].original.start..text_norm.pieces[t].original.end];
        let start = quote_norm.pieces[q_first].original.start;
        let in_quote = &quote[start..quote_norm.pieces[q].original.end];
        if in_text != in_quote {
            out.push(Difference {
                at: quote[..start].chars().count() + 1,
                text: in_text.to_owned(),
                quote: in_quote.to_owned(),
            });
        }
        t += 1;
        q += 1;
    }
    out.sort_by_key(|d| d.at);
    out
}

/// The quote's leading and trailing whitespace, which normalising dropped.
fn edges(quote: &str, quote_norm: &Normalised, core: &Range<usize>) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut edge = |chars: Range<usize>| {
        if !chars.is_empty() {
            let bytes = quote_norm.original(chars);
            out.push(Difference {
                at: quote[..bytes.start].chars().count() + 1,
                text: String::new(),
                quote: quote[bytes].to_owned(),
            });
        }
    };
    edge(0..core.start);
    edge(core.end..quote_norm.chars.len());
    out
}

/// `’ (U+2019)`, `a line break and 2 spaces (U+000A U+0020 ×2)`, `... (U+002E ×3)`.
fn describe_chars(text: &str) -> String {
    let mut runs: Vec<(char, usize)> = Vec::new();
    for c in text.chars() {
        match runs.last_mut() {
            Some((last, count)) if *last == c => *count += 1,
            _ => runs.push((c, 1)),
        }
    }
    let codes: Vec<String> = runs
        .iter()
        .map(|&(c, count)| match count {
            1 => format!("U+{:04X}", c as u32),
            _ => format!("U+{:04X} ×{count}", c as u32),
        })
        .collect();
    let shown = if text.chars().all(char::is_whitespace) {
        let names: Vec<String> = runs.iter().map(|&(c, n)| whitespace_name(c, n)).collect();
        names.join(" and ")
    } else {
        crate::diagnostic::printable(text)
    };
    format!("{shown} ({})", codes.join(" "))
}

/// `a line break`, `2 spaces`.
fn whitespace_name(c: char, count: usize) -> String {
    let name = match c {
        ' ' => "space",
        '\n' => "line break",
        '\r' => "carriage return",
        '\t' => "tab",
        '\u{A0}' => "non-breaking space",
        '\u{202F}' => "narrow non-breaking space",
        '\u{2009}' => "thin space",
        _ => "whitespace character",
    };
    match count {
        1 => format!("a {name}"),
        _ => format!("{count} {name}s"),
    }
}

/// Table cells filled at most when the whole text is searched.
const WHOLE_TEXT_CELLS: usize = 4_000_000;
/// Characters per gram that votes for where a quote lies.
const GRAM: usize = 4;
/// Width, in characters, of the diagonals a vote counts for.
const BUCKET: usize = 8;
/// Places aligned at most.
const CANDIDATES: usize = 8;
/// How often one gram of the quote votes at most.
const MAX_GRAM_REPEATS: usize = 8;
/// Longer quotes are compared along their best diagonal only.
const LONG_QUOTE: usize = 2_000;
/// How far, in characters, the start of a long quote is looked for around
/// where its grams place it.
const DRIFT: usize = 128;

/// The characters of `text` nearest to `quote` and their distance; neither is empty.
fn nearest(text: &[char], quote: &[char]) -> (usize, Range<usize>) {
    let (n, m) = (text.len(), quote.len());
    let found = if m < GRAM || n.saturating_mul(m) <= WHOLE_TEXT_CELLS {
        Some(best_substring(quote, text, 0))
    } else {
        let candidates = candidates(text, quote);
        if m > LONG_QUOTE {
            candidates
                .first()
                .map(|candidate| along_diagonal(text, quote, candidate.start))
        } else {
            candidates
                .into_iter()
                .map(|Candidate { region, .. }| {
                    best_substring(quote, &text[region.clone()], region.start)
                })
                .min_by_key(|(distance, range)| (*distance, range.start))
        }
    };
    match found {
        Some((distance, range)) if !range.is_empty() => (distance, range),
        _ => along_diagonal(text, quote, 0),
    }
}

/// The window of `quote`'s length starting at `start` (moved back to fit),
/// and its distance within a band around the diagonal.
fn along_diagonal(text: &[char], quote: &[char], start: usize) -> (usize, Range<usize>) {
    let len = quote.len().min(text.len());
    let start = refine_start(text, quote, start).min(text.len() - len);
    let window = start..start + len;
    (banded_distance(quote, &text[window.clone()], 64), window)
}

/// Where the start of `quote` best aligns with `text` within [`DRIFT`]
/// characters of `guess` (votes drift where the quote has extra or missing
/// characters).
fn refine_start(text: &[char], quote: &[char], guess: usize) -> usize {
    let prefix = &quote[..quote.len().min(GRAM * 16)];
    let region =
        guess.saturating_sub(DRIFT).min(text.len())..(guess + DRIFT + prefix.len()).min(text.len());
    let (_, found) = best_substring(prefix, &text[region.clone()], region.start);
    if found.is_empty() { guess } else { found.start }
}

/// Sellers' algorithm: the substring of `text` with the least edit distance
/// to `quote`, its distance and its range (shifted by `offset`). Among equal
/// distances, the one that ends first.
fn best_substring(quote: &[char], text: &[char], offset: usize) -> (usize, Range<usize>) {
    let m = quote.len();
    let mut distance: Vec<usize> = (0..=m).collect();
    let mut from = vec![0usize; m + 1];
    let mut best = (m, offset..offset);
    for (j, &t) in text.iter().enumerate() {
        let (mut diagonal, mut diagonal_from) = (distance[0], from[0]);
        from[0] = j + 1;
        for i in 1..=m {
            let replaced = (diagonal + usize::from(quote[i - 1] != t), diagonal_from);
            (diagonal, diagonal_from) = (distance[i], from[i]);
            let text_extra = (distance[i] + 1, from[i]);
            let quote_extra = (distance[i - 1] + 1, from[i - 1]);
            let (d, f) = [text_extra, quote_extra]
                .into_iter()
                .fold(replaced, |a, b| if b.0 < a.0 { b } else { a });
            distance[i] = d;
            from[i] = f;
        }
        if distance[m] < best.0 {
            best = (distance[m], offset + from[m]..offset + j + 1);
        }
    }
    best
}

/// Levenshtein distance between `a` and `b`, counting only alignments that
/// stay within `band` characters of the diagonal (so an upper bound).
fn banded_distance(a: &[char], b: &[char], band: usize) -> usize {
    let band = band.max(a.len().abs_diff(b.len()));
    let far = a.len() + b.len() + 1;
    let mut previous: Vec<usize> = (0..=b.len())
        .map(|j| if j <= band { j } else { far })
        .collect();
    let mut current = vec![far; b.len() + 1];
    for i in 1..=a.len() {
        let low = i.saturating_sub(band);
        let high = (i + band).min(b.len());
        let previous_high = (i - 1 + band).min(b.len());
        if low == 0 {
            current[0] = i;
        } else {
            current[low - 1] = far;
        }
        for j in low.max(1)..=high {
            let up = if j <= previous_high { previous[j] } else { far };
            let replaced = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            current[j] = replaced.min(up + 1).min(current[j - 1] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// A place where a quote may lie in a text.
struct Candidate {
    /// Where the quote would start, on the diagonal most of its grams vote for.
    start: usize,
    /// The characters around it to align the quote with.
    region: Range<usize>,
}

/// The places (at most [`CANDIDATES`], best first) around the diagonals
/// where most of `quote`'s lowercased grams fall in `text`.
fn candidates(text: &[char], quote: &[char]) -> Vec<Candidate> {
    let (n, m) = (text.len(), quote.len());
    let fold = |c: &char| c.to_lowercase().next().unwrap_or(*c);
    let text: Vec<char> = text.iter().map(fold).collect();
    let quote: Vec<char> = quote.iter().map(fold).collect();
    let mut grams: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (j, gram) in quote.windows(GRAM).enumerate() {
        let places = grams.entry(gram_key(gram)).or_default();
        if places.len() < MAX_GRAM_REPEATS {
            places.push(j);
        }
    }
    // Diagonal d counts the votes for the quote starting at d - m.
    let mut diagonals = vec![0u32; n + m + 1];
    for (p, gram) in text.windows(GRAM).enumerate() {
        for &j in grams.get(&gram_key(gram)).into_iter().flatten() {
            diagonals[p + m - j] += 1;
        }
    }
    let votes: Vec<u32> = diagonals.chunks(BUCKET).map(|c| c.iter().sum()).collect();
    let pair = |b: usize| votes[b] + votes.get(b + 1).copied().unwrap_or(0);
    let mut buckets: Vec<usize> = (0..votes.len()).filter(|&b| votes[b] > 0).collect();
    buckets.sort_by_key(|&b| (Reverse(pair(b)), b));
    let pad = m / 4 + BUCKET;
    buckets
        .into_iter()
        .take(CANDIDATES)
        .map(|b| {
            let span = b * BUCKET..((b + 2) * BUCKET).min(diagonals.len());
            let best = span
                .clone()
                .max_by_key(|&d| (diagonals[d], Reverse(d)))
                .unwrap_or(span.start);
            let start = best.saturating_sub(m).min(n);
            let first = span.start.saturating_sub(m);
            let last = span.end.saturating_sub(m);
            Candidate {
                start,
                region: first.saturating_sub(pad).min(n)..(last + m + pad).min(n),
            }
        })
        .collect()
}

/// A hash of a few characters.
fn gram_key(gram: &[char]) -> u64 {
    gram.iter().fold(0xcbf2_9ce4_8422_2325, |h, &c| {
        (h ^ c as u64).wrapping_mul(0x100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngSeed};

    use super::*;

    fn differences_of(text: &str, quote: &str) -> Vec<String> {
        match Haystack::new(text).find(quote) {
            Found::Normalised { differences, .. } => {
                differences.iter().map(Difference::describe).collect()
            }
            other => panic!("expected a match after normalising, got {other:?}"),
        }
    }

    fn closest_of(text: &str, quote: &str) -> Passage {
        match Haystack::new(text).find(quote) {
            Found::NotFound {
                closest: Some(passage),
            } => passage,
            other => panic!("expected no match, got {other:?}"),
        }
    }

    #[test]
    fn a_verbatim_quote_is_exact_with_its_line() {
        let text = Haystack::new("one\ntwo three\nfour");
        assert_eq!(text.find("two three"), Found::Exact { line: 2 });
        assert_eq!(text.find("one"), Found::Exact { line: 1 });
        assert_eq!(text.find("three\nfour"), Found::Exact { line: 2 });
    }

    #[test]
    fn whitespace_runs_line_breaks_and_non_breaking_spaces_match_after_normalising() {
        assert_eq!(
            differences_of("a quote\nacross  lines", "a quote across lines"),
            [
                "the text has a line break (U+000A) where the quote has a space (U+0020) at character 8",
                "the text has 2 spaces (U+0020 ×2) where the quote has a space (U+0020) at character 15",
            ]
        );
        assert_eq!(
            differences_of("10\u{A0}000 barrels", "10 000 barrels"),
            [
                "the text has a non-breaking space (U+00A0) where the quote has a space (U+0020) at character 3"
            ]
        );
        assert_eq!(
            differences_of("x\r\n y", "x y"),
            [
                "the text has a carriage return and a line break and a space (U+000D U+000A U+0020) where the quote has a space (U+0020) at character 2"
            ]
        );
    }

    #[test]
    fn typographic_variants_match_and_the_warning_names_the_characters() {
        assert_eq!(
            differences_of("l’esercito russo", "l'esercito russo"),
            ["the text has ’ (U+2019) where the quote has ' (U+0027) at character 2"]
        );
        assert_eq!(
            differences_of(
                "he said “yes” – then left…",
                "he said \"yes\" - then left..."
            ),
            [
                "the text has “ (U+201C) where the quote has \" (U+0022) at character 9",
                "the text has ” (U+201D) where the quote has \" (U+0022) at character 13",
                "the text has – (U+2013) where the quote has - (U+002D) at character 15",
                "the text has … (U+2026) where the quote has ... (U+002E ×3) at character 26",
            ]
        );
        assert_eq!(
            differences_of("«Mosca»", "\"Mosca\""),
            [
                "the text has « (U+00AB) where the quote has \" (U+0022) at character 1",
                "the text has » (U+00BB) where the quote has \" (U+0022) at character 7",
            ]
        );
        // The other way round: the quote is typographic, the text plain.
        assert_eq!(
            differences_of("it's 5'", "it’s 5′"),
            [
                "the text has ' (U+0027) where the quote has ’ (U+2019) at character 3",
                "the text has ' (U+0027) where the quote has ′ (U+2032) at character 7",
            ]
        );
    }

    #[test]
    fn whitespace_at_the_ends_of_a_quote_is_named() {
        assert_eq!(
            differences_of("one two.", " one two. "),
            [
                "the quote has a space (U+0020) at character 1 that the text lacks",
                "the quote has a space (U+0020) at character 10 that the text lacks",
            ]
        );
    }

    #[test]
    fn a_quote_found_nowhere_gets_the_closest_passage_and_its_line() {
        let text = "Title\n\nThe first paragraph says nothing.\nPyongyang è diventata un fornitore chiave di munizioni per Mosca.\nThe end.";
        let passage = closest_of(
            text,
            "Pyongyang è diventato un fornitore chiave di armi per Mosca.",
        );
        assert_eq!(passage.line, 4);
        assert!(
            passage.text.starts_with("Pyongyang è diventata"),
            "{passage:?}"
        );
        assert!(passage.text.ends_with("per Mosca."), "{passage:?}");
        assert!(
            (80..100).contains(&passage.percent_alike),
            "{}",
            passage.percent_alike
        );
    }

    #[test]
    fn a_passage_over_a_line_break_starts_on_its_first_line() {
        let text = "a\nb\nthe League\nsanctioned Carpathia\n";
        let passage = closest_of(text, "the League punished Carpathia");
        assert_eq!(passage.line, 3);
        assert_eq!(passage.text, "the League\nsanctioned Carpathia");
    }

    #[test]
    fn an_empty_text_has_no_closest_passage() {
        assert_eq!(
            Haystack::new("").find("anything"),
            Found::NotFound { closest: None }
        );
        assert_eq!(
            Haystack::new("text").find("   "),
            Found::NotFound { closest: None }
        );
    }

    #[test]
    fn a_quote_longer_than_the_text_is_compared_with_all_of_it() {
        let passage = closest_of("short text", "a short text that goes on and on");
        assert_eq!(passage.text, "short text");
        assert_eq!(passage.line, 1);
        assert!(passage.percent_alike < 50, "{passage:?}");
    }

    #[test]
    fn non_ascii_text_is_matched_by_characters() {
        let text = Haystack::new("Perché la Corea?\n북한과 러시아는 동맹을 맺었다.\nÈ così.");
        assert_eq!(text.find("러시아는 동맹을"), Found::Exact { line: 2 });
        assert_eq!(text.find("È così."), Found::Exact { line: 3 });
        let passage = closest_of(
            "Perché la Corea?\n북한과 러시아는 동맹을 맺었다.\nÈ così.",
            "러시아는 동맹을 깼다",
        );
        assert_eq!(passage.line, 2);
        assert!(passage.text.starts_with("러시아는 동맹을"), "{passage:?}");
        assert_eq!(
            differences_of("perché l’alleanza", "perché l'alleanza"),
            ["the text has ’ (U+2019) where the quote has ' (U+0027) at character 9"]
        );
    }

    /// A text of some hundreds of KB, made of varied sentences.
    fn long_text() -> String {
        let words = [
            "Russia",
            "Corea",
            "alleanza",
            "sanzioni",
            "munizioni",
            "petrolio",
            "gas",
            "accordo",
            "militare",
            "economico",
            "satellite",
            "vertice",
            "Mosca",
            "Pechino",
        ];
        let mut state = 7u64;
        let mut text = String::new();
        for line in 0..8_000 {
            for _ in 0..12 {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(words[(state >> 33) as usize % words.len()]);
                text.push(' ');
            }
            text.push_str(&format!("({line}).\n"));
        }
        text
    }

    #[test]
    fn the_closest_passage_is_found_quickly_in_a_long_text() {
        let text = long_text();
        assert!(text.len() > 500_000);
        let line = text.lines().nth(6_543).unwrap();
        let doctored = line.replacen(' ', " più ", 2);
        let started = std::time::Instant::now();
        let passage = closest_of(&text, &doctored);
        assert_eq!(passage.line, 6_544, "{passage:?}");
        assert!(passage.percent_alike >= 85, "{passage:?}");
        let long_quote: String = text
            .lines()
            .skip(100)
            .take(40)
            .collect::<Vec<_>>()
            .join(" ")
            + " x";
        let passage = closest_of(&text, &long_quote.replace("Mosca", "Moscow"));
        assert_eq!(passage.line, 101, "{passage:?}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn bands_bound_the_distance_from_above() {
        let a: Vec<char> = "kitten".chars().collect();
        let b: Vec<char> = "sitting".chars().collect();
        assert_eq!(banded_distance(&a, &b, 64), 3);
        assert_eq!(banded_distance(&a, &b, 0), 3);
        // "sittin" is two edits from "kitten".
        assert_eq!(best_substring(&a, &b, 0), (2, 0..6));
    }

    proptest! {
        #![proptest_config(Config {
            cases: 300,
            rng_seed: RngSeed::Fixed(20240619),
            failure_persistence: None,
            ..Config::default()
        })]

        #[test]
        fn any_quote_in_any_text_is_looked_up_without_panicking(
            text in "(\\PC|[ \n\u{A0}’“”–…]){0,80}",
            quote in "(\\PC|[ \n\u{A0}’“”–…'\"-]){0,30}",
        ) {
            let haystack = Haystack::new(&text);
            match haystack.find(&quote) {
                Found::Exact { line } | Found::Normalised { line, .. } => {
                    prop_assert!(line >= 1 && line <= text.lines().count().max(1) + 1);
                }
                Found::NotFound { closest: Some(passage) } => {
                    prop_assert!(text.contains(&passage.text));
                    prop_assert!(passage.percent_alike < 100 || passage.distance == 0);
                }
                Found::NotFound { closest: None } => {}
            }
        }

        #[test]
        fn a_slice_of_the_text_is_always_found_exactly(
            text in "(\\PC|[ \n’]){1,80}",
            from in 0usize..80,
            len in 1usize..30,
        ) {
            let chars: Vec<char> = text.chars().collect();
            let from = from % chars.len();
            let quote: String = chars[from..(from + len).min(chars.len())].iter().collect();
            let found = Haystack::new(&text).find(&quote);
            prop_assert!(matches!(found, Found::Exact { .. }), "{:?}", found);
        }
    }
}
