//! "Did you mean …?": the closest known name to a misspelt one.

/// Smallest Jaro-Winkler similarity for a name to be offered as a suggestion.
const THRESHOLD: f64 = 0.8;

/// Whether `candidate` is close enough to `query` to suggest: similar by
/// Jaro-Winkler, or one edit (insertion, deletion, substitution or swap) away
/// per four characters.
fn is_close(query: &str, candidate: &str, score: f64) -> bool {
    let edits_allowed = (query.chars().count() / 4).max(1);
    score >= THRESHOLD || strsim::osa_distance(query, candidate) <= edits_allowed
}

/// The candidate most similar to `query` (case-insensitively), if any is close enough.
///
/// `candidates` yields `(name, value)` pairs; ties go to the first candidate,
/// so the answer is deterministic when the candidates come in a stable order.
pub fn closest<'a, T>(
    query: &str,
    candidates: impl IntoIterator<Item = (&'a str, T)>,
) -> Option<T> {
    let query = query.to_lowercase();
    let mut best: Option<(f64, T)> = None;
    for (name, value) in candidates {
        let name = name.to_lowercase();
        let score = strsim::jaro_winkler(&query, &name);
        if is_close(&query, &name, score) && best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, value));
        }
    }
    best.map(|(_, value)| value)
}

/// Every candidate that `query` may mean, in the candidates' order, each
/// once: those with a name containing `query` as a whole word (`Korea` in
/// `North Korea` and `South Korea`, `America` in `United States of America`),
/// or else the [`closest`] one.
pub fn candidates<'a, T: PartialEq + Copy>(
    query: &str,
    candidates: impl IntoIterator<Item = (&'a str, T)> + Clone,
) -> Vec<T> {
    let wanted = query.trim().to_lowercase();
    let mut found: Vec<T> = Vec::new();
    if !wanted.is_empty() {
        for (name, value) in candidates.clone() {
            if contains_word(&name.to_lowercase(), &wanted) && !found.contains(&value) {
                found.push(value);
            }
        }
    }
    if found.is_empty() {
        found.extend(closest(query, candidates));
    }
    found
}

/// Whether `words` (a name, lowercase) contains `word` with no letter or
/// digit on either side.
fn contains_word(words: &str, word: &str) -> bool {
    words.match_indices(word).any(|(at, _)| {
        let before = words[..at].chars().next_back();
        let after = words[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offers_every_name_holding_the_word() {
        let names = [
            ("North Korea", 1),
            ("South Korea", 5),
            ("Koreana", 7),
            ("United States of America", 3),
            ("Russia", 0),
        ];
        assert_eq!(candidates("Korea", names), [1, 5]);
        assert_eq!(candidates("america", names), [3]);
        assert_eq!(candidates("Rusia", names), [0]);
        assert!(candidates("Brazil", names).is_empty());
    }

    #[test]
    fn suggests_the_nearest_spelling() {
        let names = [("Russia", 0), ("RUS", 0), ("North Korea", 1), ("China", 2)];
        assert_eq!(closest("Rusia", names), Some(0));
        assert_eq!(closest("north korae", names), Some(1));
    }

    #[test]
    fn suggests_swapped_letters_in_short_names() {
        assert_eq!(closest("scr", [("src", 0), ("note", 1)]), Some(0));
    }

    #[test]
    fn suggests_nothing_when_nothing_is_close() {
        assert_eq!(closest("Brazil", [("Russia", 0), ("China", 1)]), None);
    }
}
