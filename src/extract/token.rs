//! Tokens: the one pass over the prose that every grammar reads.
//!
//! A token is a word (letters, with inner apostrophes: `Kyiv's`), a number
//! (`38,000`, `1.5`, `15 000` with a thin or ordinary space between groups of
//! three) or one punctuation character. Whitespace is not a token; whether two
//! tokens touch (`30C`, `km/h`) is read from their offsets.

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters.
    Word,
    /// Digits with grouping or a decimal part.
    Number,
    /// One other character.
    Punct,
}

/// A token: byte offsets into the text, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Kind.
    pub kind: TokenKind,
    /// Every byte is ASCII (nearly every token): its lower case is a slice of
    /// the ASCII-lower-cased text.
    pub ascii: bool,
}

impl Token {
    /// The token's text.
    #[must_use]
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c == '²' || c == '³'
}

/// Byte classes for the ASCII fast path of the tokenizer.
const SPACE: u8 = 1;
const DIGIT: u8 = 2;
const ALPHA: u8 = 3;
const PUNCT: u8 = 4;
const HIGH: u8 = 5;

static CLASS: [u8; 256] = {
    let mut t = [PUNCT; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c == b' ' || c == b'\n' || c == b'\t' || c == b'\r' {
            SPACE
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() {
            ALPHA
        } else if c >= 0x80 {
            HIGH
        } else {
            PUNCT
        };
        b += 1;
    }
    t
};

/// Splits `text` into tokens. Never panics; every token lies on char boundaries.
#[must_use]
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match CLASS[usize::from(b)] {
            SPACE => i += 1,
            DIGIT => {
                let (end, ascii) = number_end(bytes, i);
                out.push(Token {
                    start: i,
                    end,
                    kind: TokenKind::Number,
                    ascii,
                });
                i = end;
            }
            ALPHA => {
                let mut end = letters_end(bytes, i + 1);
                // Only an apostrophe or a non-ASCII letter needs the careful reader.
                let mut ascii = true;
                if bytes.get(end).is_some_and(|&b| b == b'\'' || b >= 0x80) {
                    end = word_end(text, i);
                    ascii = bytes[i..end].is_ascii();
                }
                out.push(Token {
                    start: i,
                    end,
                    kind: TokenKind::Word,
                    ascii,
                });
                i = end;
            }
            PUNCT => {
                out.push(Token {
                    start: i,
                    end: i + 1,
                    kind: TokenKind::Punct,
                    ascii: true,
                });
                i += 1;
            }
            _ => {
                // Non-ASCII: decode one char.
                let c = text[i..].chars().next().unwrap_or(' ');
                let len = c.len_utf8();
                if c.is_whitespace() {
                    i += len;
                } else if is_word_char(c) {
                    let end = word_end(text, i);
                    out.push(Token {
                        start: i,
                        end,
                        kind: TokenKind::Word,
                        ascii: false,
                    });
                    i = end;
                } else {
                    out.push(Token {
                        start: i,
                        end: i + len,
                        kind: TokenKind::Punct,
                        ascii: false,
                    });
                    i += len;
                }
            }
        }
    }
    out
}

/// The end of the run of ASCII letters at `i`, eight bytes at a time.
fn letters_end(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // With bit 5 set, an ASCII letter is a byte in b'a'..=b'z'. For bytes
        // below 0x80 the sums below carry into no neighbouring byte; a byte
        // from 0x80 up may carry, but only into later bytes (or out of the
        // word), and it is itself no letter, so the first non-letter is found.
        let l = x | (0x20 * ONES);
        let at_least_a = l.wrapping_add((0x80 - u64::from(b'a')) * ONES);
        let above_z = l.wrapping_add((0x7f - u64::from(b'z')) * ONES);
        let letters = at_least_a & !above_z & !x & HIGH;
        if letters != HIGH {
            // The lowest byte that is not a letter ends the run.
            return i + ((letters ^ HIGH).trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes
        .get(i)
        .is_some_and(|&b| CLASS[usize::from(b)] == ALPHA)
    {
        i += 1;
    }
    i
}

#[cold]
fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    loop {
        // The common case: a run of ASCII letters.
        while bytes
            .get(i)
            .is_some_and(|&b| CLASS[usize::from(b)] == ALPHA)
        {
            i += 1;
        }
        let Some(&b) = bytes.get(i) else {
            return i;
        };
        if b < 0x80 {
            // An apostrophe between letters stays inside the word, but a possessive
            // 's is its own token, so "Friday's" is still the weekday.
            if b == b'\''
                && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
                && i > start
                && !is_possessive(bytes, i + 1)
            {
                i += 1;
                continue;
            }
            return i;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if is_word_char(c) {
            i += c.len_utf8();
        } else if c == '’'
            && text[i + c.len_utf8()..].starts_with(|n: char| n.is_ascii_alphabetic())
            && !is_possessive(bytes, i + c.len_utf8())
        {
            i += c.len_utf8();
        } else {
            return i;
        }
    }
}

/// `s` at `i` ends the word: the apostrophe before it marks a possessive.
fn is_possessive(bytes: &[u8], i: usize) -> bool {
    matches!(bytes.get(i), Some(b's' | b'S'))
        && !bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
}

fn digits_end(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

/// Length of a thin, no-break or ordinary space at `i` used as a group separator.
fn group_space(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i..i + 3) {
        Some([0xE2, 0x80, 0xAF]) | Some([0xE2, 0x80, 0x89]) => 3, // U+202F, U+2009
        _ => match bytes.get(i..i + 2) {
            Some([0xC2, 0xA0]) => 2, // U+00A0
            _ => usize::from(bytes.get(i) == Some(&b' ')),
        },
    }
}

fn is_three_digit_group(bytes: &[u8], i: usize) -> bool {
    digits_end(bytes, i) == i + 3
}

/// Where the number at `start` ends, and whether all its bytes are ASCII (a
/// thin or no-break space between digit groups is not).
fn number_end(bytes: &[u8], start: usize) -> (usize, bool) {
    let mut ascii = true;
    let mut end = digits_end(bytes, start);
    let head = end - start;
    // Comma groups: 38,000 / 1,200,000.
    if head <= 3 {
        while bytes.get(end) == Some(&b',') && is_three_digit_group(bytes, end + 1) {
            end += 4;
        }
        // Space groups: 15 000 (only when the first group is short and every group is three digits).
        if end == start + head {
            loop {
                let sp = group_space(bytes, end);
                if sp > 0 && is_three_digit_group(bytes, end + sp) {
                    ascii &= sp == 1;
                    end += sp + 3;
                } else {
                    break;
                }
            }
        }
    }
    // Decimal part: 1.5 (a period followed by a digit).
    if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
        end = digits_end(bytes, end + 1);
    }
    (end, ascii)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn words_numbers_and_punctuation() {
        assert_eq!(texts("Jan. 6, 2025"), ["Jan", ".", "6", ",", "2025"]);
        assert_eq!(texts("38,000 troops"), ["38,000", "troops"]);
        assert_eq!(texts("1.5 million"), ["1.5", "million"]);
        assert_eq!(texts("15 000 people"), ["15 000", "people"]);
        assert_eq!(texts("15\u{a0}000"), ["15\u{a0}000"]);
        assert_eq!(texts("2025-01-06"), ["2025", "-", "01", "-", "06"]);
        assert_eq!(texts("Kyiv's 30C"), ["Kyiv", "'", "s", "30", "C"]);
        assert_eq!(texts("don't Friday’s"), ["don't", "Friday", "’", "s"]);
        assert_eq!(texts("500 km² ok."), ["500", "km²", "ok", "."]);
    }

    #[test]
    fn a_year_beside_a_count_is_not_grouped() {
        assert_eq!(texts("in 2024 500 troops"), ["in", "2024", "500", "troops"]);
        assert_eq!(texts("1,2345"), ["1", ",", "2345"]);
    }

    proptest::proptest! {
        #[test]
        fn letters_end_where_the_first_non_letter_is(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..40), at in 0usize..40) {
            let at = at.min(bytes.len());
            let slow = at + bytes[at..].iter().take_while(|&&b| CLASS[usize::from(b)] == ALPHA).count();
            proptest::prop_assert_eq!(letters_end(&bytes, at), slow);
        }

        #[test]
        fn tokens_lie_on_char_boundaries(s in "\\PC{0,60}") {
            let mut last = 0;
            for t in tokenize(&s) {
                proptest::prop_assert!(t.start >= last && t.end > t.start && t.end <= s.len());
                proptest::prop_assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
                proptest::prop_assert_eq!(t.ascii, t.text(&s).is_ascii());
                last = t.end;
            }
        }
    }
}
