//! Labels: what a dated clause says, shortened.
//!
//! The sentences are the shared reading's ([`crate::reading::sentences`]),
//! with table rows and headlines apart (`timeline_sentences` in the module
//! above); `heading` and [`sentence_at`] are the helpers it keeps here.
//!
//! A label is the clause the date stands in, without the date and the
//! preposition that introduced it ("on", "late on", "since"): the sentence is
//! cut at clause marks (`,` `;` `:` and dashes) and the piece holding the date
//! is kept. A piece that says almost nothing once the date is gone ("On
//! Sunday,") or is an attribution ("According to a statement released on
//! January 5,") gives way to the next piece. The result is put on one line,
//! starts with a capital and is cut at a word after [`MAX_LABEL`] characters.

use std::ops::Range;

/// Longest label, in characters, before it is cut with "…".
pub const MAX_LABEL: usize = 88;

/// Words that only introduce a date; dropped with it.
const DATE_PREPOSITIONS: &[&str] = &[
    "on", "in", "since", "by", "as", "of", "until", "till", "through", "during", "from", "at",
    "over", "late", "early", "before", "after", "around", "about", "between", "and", "to",
];

/// Prepositions that open an adverbial clause before the event is told.
const ADVERBIAL_OPENERS: &[&str] = &[
    "during", "in", "on", "at", "after", "before", "as", "by", "since", "until",
];

/// Punctuation left hanging at the end of a piece.
const STRAY: &[char] = &[' ', '.', ',', ';', ':', '!', '?'];

/// Words with a letter or digit in them.
fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Whether `text` ends in a verb of saying ("the ministry said").
fn reports(text: &str) -> bool {
    const VERBS: &[&str] = &[
        "said",
        "says",
        "told",
        "announced",
        "reported",
        "stated",
        "wrote",
        "added",
        "confirmed",
        "claimed",
        "denied",
    ];
    let last = text.rsplit(' ').next().unwrap_or("").to_lowercase();
    VERBS.contains(&last.as_str())
}

/// Words that open a clause without saying anything.
const OPENERS: &[&str] = &[
    "and", "but", "while", "however", "though", "although", "as", "with", "then", "so", "yet",
    "also",
];

/// Whether the last line of `text` is a headline: three words or more, most
/// of them capitalised, no stop at the end.
pub(crate) fn heading(text: &str) -> bool {
    let line = text.rsplit('\n').next().unwrap_or("").trim();
    if line.ends_with(['.', ',', ';', ':', '!', '?', '"', '\u{201d}']) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let capitals = words
        .iter()
        .filter(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
        .count();
    words.len() >= 3 && capitals * 10 >= words.len() * 6
}

/// Index of the sentence holding byte `offset`.
#[must_use]
pub fn sentence_at(sentences: &[Range<usize>], offset: usize) -> Option<usize> {
    let i = sentences.partition_point(|s| s.end <= offset);
    sentences.get(i).filter(|s| s.start <= offset).map(|_| i)
}

/// `text` on one line: runs of blanks become one space.
#[must_use]
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The label of the date at `date` in the sentence at `sentence` of `prose`.
#[must_use]
pub fn label(prose: &str, sentence: Range<usize>, date: Range<usize>) -> String {
    cut(&whole_label(prose, sentence, date), MAX_LABEL)
}

/// The label before it is cut to [`MAX_LABEL`]: what the event reading
/// compares ([`super::event::read`]), numbers and names at its end included.
#[must_use]
pub fn whole_label(prose: &str, sentence: Range<usize>, date: Range<usize>) -> String {
    let pieces = clauses(prose, sentence.clone(), &date);
    let Some(k) = pieces
        .iter()
        .position(|p| p.start <= date.start && date.start < p.end)
    else {
        return finish(&one_line(prose.get(sentence).unwrap_or("")));
    };
    let p = &pieces[k];
    let before = strip_trailing_words(&prose[p.start..date.start.max(p.start)], DATE_PREPOSITIONS);
    let after = prose.get(date.end.min(p.end)..p.end).unwrap_or("");
    let mut text = one_line(&format!("{before} {after}"));
    text = text.trim_end_matches(STRAY).to_string();
    let lower = text.to_lowercase();
    let first_word = lower.split_whitespace().next().unwrap_or("");
    // "According to a statement released on January 5," "During a January 2 broadcast,":
    // the event is told in the next clause.
    let opener = lower.starts_with("according to") || ADVERBIAL_OPENERS.contains(&first_word);
    let words = word_count(&text);
    let piece = |j: usize| {
        one_line(&prose[pieces[j].clone()])
            .trim_end_matches(STRAY)
            .to_string()
    };
    if (opener && k + 1 < pieces.len()) || words < 3 {
        if k + 1 < pieces.len() {
            let mut j = k + 1;
            text = if opener || words == 0 {
                piece(j)
            } else {
                format!("{text} {}", piece(j))
            };
            // "Andriy Yermak, head of …, spoke": a name alone takes the next clause too.
            while word_count(&text) < 3 && j + 1 < pieces.len() {
                j += 1;
                text = format!("{text} {}", piece(j));
            }
        } else if words == 0 && k > 0 {
            // A date closing a caption: the caption's main clause.
            text = piece(0);
        } else if k > 0 {
            // "…,” Zelensky said on Jan. 4.": the quote.
            text = format!("{text}: {}", piece(k - 1));
        }
    } else if k + 1 < pieces.len() && reports(&text) {
        // "The ministry said on Sunday, January 6, that its troops …": what was said.
        text = format!("{text} {}", piece(k + 1));
    } else if k > 0 && k + 1 == pieces.len() && words <= 4 && reports(&text) {
        // "…, their union said on Monday.": who said it, and what.
        text = format!("{text}: {}", piece(k - 1));
    } else if k > 0 {
        // "Route 9 and the pass road, closed on Jan. 12, were reopened on Feb. 3":
        // the clause opens on its verb; its subject is the sentence's first piece.
        if let Some(joined) = with_subject(&text, &piece(0)) {
            text = joined;
        }
    }
    finish(&text)
}

/// `clause` with `subject` before it, when the clause opens on a verb
/// ("were reopened after …", "closed by landslides") and `subject` is a short
/// phrase with no verb of its own. A participle with no helper is an aside
/// and keeps its comma ("Route 9, closed by landslides").
fn with_subject(clause: &str, subject: &str) -> Option<String> {
    let first = clause.split_whitespace().next()?;
    if !first.starts_with(|c: char| c.is_lowercase()) {
        return None;
    }
    let lower = first.to_lowercase();
    let helper = super::vocab::VOCAB.auxiliaries.contains(lower.as_str()) && lower != "to";
    let participle = crate::reading::lexicon::DEFAULT.is_past(&lower)
        || (lower.ends_with("ed") && lower.len() > 4);
    if !(helper || participle) {
        return None;
    }
    let n = word_count(subject);
    if n == 0 || n > 12 || super::event::read(subject).verb.is_some() {
        return None;
    }
    Some(if helper {
        format!("{subject} {clause}")
    } else {
        format!("{subject}, {clause}")
    })
}

/// The pieces of the sentence between clause marks, never cutting the date.
fn clauses(prose: &str, sentence: Range<usize>, date: &Range<usize>) -> Vec<Range<usize>> {
    let s = &prose[sentence.clone()];
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (end of piece, start of next), relative
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let abs = sentence.start + i;
        if abs >= date.start && abs < date.end {
            continue;
        }
        match c {
            ',' | ';' | ':' => {
                // A closing quote may follow the mark: `,” the ministry said`.
                let mut j = i + c.len_utf8();
                while let Some(q) = s[j..].chars().next() {
                    if matches!(q, '"' | '\u{201d}' | '\'' | '\u{2019}') {
                        j += q.len_utf8();
                    } else {
                        break;
                    }
                }
                if s[j..].starts_with([' ', '\n']) {
                    // Not a thousands separator or a clock time.
                    cuts.push((i, j));
                }
            }
            '\u{2014}' | '\u{2013}' => {
                if s[..i].ends_with(' ') && s[i + c.len_utf8()..].starts_with(' ') {
                    cuts.push((i, i + c.len_utf8()));
                }
            }
            '-' if s[i..].starts_with("-- ") && s[..i].ends_with(' ') => {
                cuts.push((i, i + 2));
                it.next();
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    let mut from = 0;
    for (end, next) in cuts {
        out.push(sentence.start + from..sentence.start + end);
        from = next;
    }
    out.push(sentence.start + from..sentence.end);
    out.into_iter()
        .filter_map(|r| {
            let t = &prose[r.clone()];
            let lead = t.len() - t.trim_start().len();
            let trail = t.len() - t.trim_end().len();
            (r.start + lead < r.end - trail).then(|| r.start + lead..r.end - trail)
        })
        .collect()
}

/// `text` without the listed words at its end (case-insensitive).
fn strip_trailing_words<'a>(mut text: &'a str, words: &[&str]) -> &'a str {
    loop {
        let t = text.trim_end();
        // Step over the space by its own length: U+00A0 and U+2028 are not one byte.
        let last_start = t
            .char_indices()
            .rfind(|(_, c)| c.is_whitespace())
            .map_or(0, |(p, c)| p + c.len_utf8());
        let last = t[last_start..].to_lowercase();
        if !last.is_empty() && words.contains(&last.as_str()) {
            text = &t[..last_start];
        } else {
            return t;
        }
    }
}

/// Quote marks and brackets a label keeps only in pairs.
const QUOTE_PAIRS: [(char, char); 3] = [('"', '"'), ('\u{201c}', '\u{201d}'), ('(', ')')];

/// `t` has an odd number of a symmetric mark, or unequal opening and closing ones.
fn unbalanced(t: &str, open: char, close: char) -> bool {
    let n_open = t.matches(open).count();
    if open == close {
        n_open % 2 == 1
    } else {
        n_open != t.matches(close).count()
    }
}

/// Trims openers, stray punctuation and unbalanced quotes, capitalises.
fn finish(text: &str) -> String {
    let mut t = text.trim();
    loop {
        let before = t;
        t = t.trim_matches(|c: char| {
            matches!(
                c,
                ',' | ';' | ':' | '.' | '-' | '\u{2014}' | '\u{2013}' | ' '
            )
        });
        if let Some((first, rest)) = t.split_once(' ') {
            if OPENERS.contains(&first.to_lowercase().as_str()) {
                t = rest;
            }
        }
        for (open, close) in QUOTE_PAIRS {
            if unbalanced(t, open, close) {
                if t.starts_with(open) || t.starts_with(close) {
                    t = &t[open.len_utf8()..];
                } else if t.ends_with(close) || t.ends_with(open) {
                    t = &t[..t.len() - close.len_utf8()];
                }
            }
        }
        if t == before {
            break;
        }
    }
    // A quote cut open inside the label: its marks go.
    let owned: String;
    for (open, close) in QUOTE_PAIRS {
        if unbalanced(t, open, close) {
            let s: String = t.chars().filter(|&c| c != open && c != close).collect();
            owned = s;
            t = owned.as_str();
            break;
        }
    }
    let mut out = String::new();
    let mut chars = t.chars();
    if let Some(c) = chars.next() {
        out.extend(c.to_uppercase());
        out.push_str(chars.as_str());
    }
    out
}

/// `text` cut at a word boundary to at most `max` characters, with "…".
#[must_use]
pub fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if text[..i].chars().count() >= max {
            break;
        }
        if c == ' ' {
            end = i;
        }
    }
    if end == 0 {
        end = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    }
    let t = text[..end].trim_end_matches([',', ';', ':', ' ', '\u{2014}']);
    format!("{t}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label_of(sentence: &str, date: &str) -> String {
        let at = sentence.find(date).unwrap();
        label(sentence, 0..sentence.len(), at..at + date.len())
    }

    #[test]
    fn the_date_and_its_preposition_go() {
        assert_eq!(
            label_of(
                "Ukraine launched a surprise incursion in August 2024, before Russia struck back.",
                "August 2024"
            ),
            "Ukraine launched a surprise incursion"
        );
    }

    #[test]
    fn an_empty_opening_gives_way_to_the_next_clause() {
        assert_eq!(
            label_of(
                "On Sunday, officials confirmed a fresh offensive in Kursk.",
                "Sunday"
            ),
            "Officials confirmed a fresh offensive in Kursk"
        );
    }

    #[test]
    fn an_attribution_gives_way() {
        assert_eq!(
            label_of(
                "According to a statement released on January 5, the Ukrainian army began a counteroffensive.",
                "January 5"
            ),
            "The Ukrainian army began a counteroffensive"
        );
    }

    #[test]
    fn a_short_reporting_clause_takes_the_quote() {
        assert_eq!(
            label_of(
                "\u{201c}We hold the line,\u{201d} Zelensky said on Jan. 4.",
                "Jan. 4"
            ),
            "Zelensky said: We hold the line"
        );
    }

    #[test]
    fn a_clause_opening_on_its_verb_keeps_the_subject() {
        let s = "Route 9 and the Casso pass road, closed by landslides on Jan. 12, were reopened on Feb. 3 after crews cleared the debris.";
        assert_eq!(
            label_of(s, "Feb. 3"),
            "Route 9 and the Casso pass road were reopened after crews cleared the debris"
        );
        assert_eq!(
            label_of(s, "Jan. 12"),
            "Route 9 and the Casso pass road, closed by landslides"
        );
        // A subject with a verb of its own is another clause: not borrowed.
        assert_eq!(
            label_of(
                "Police said they had arrested two men, charged on Monday with arson.",
                "Monday"
            ),
            "Charged with arson"
        );
    }

    #[test]
    fn a_closing_attribution_takes_what_was_said() {
        assert_eq!(
            label_of(
                "The ferry sank off Kythnos after its engine room flooded, the coastguard said on Sunday.",
                "Sunday"
            ),
            "The coastguard said: The ferry sank off Kythnos after its engine room flooded"
        );
    }

    #[test]
    fn long_labels_are_cut_at_a_word() {
        let l = cut("Ukrainian forces first crossed the border in an unexpected incursion and have resisted since", 42);
        assert_eq!(l, "Ukrainian forces first crossed the border…");
    }
}
