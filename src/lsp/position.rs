//! Byte offsets ↔ protocol positions. The protocol counts columns in UTF-16
//! code units (its default encoding, the only one every client speaks);
//! reckon's spans are byte offsets into UTF-8. An emoji is 4 bytes, 2 units.

use lsp_types::{Position, Range};

/// The line starts of a text, to turn offsets into positions and back.
pub struct Lines<'a> {
    text: &'a str,
    /// Byte offset of each line's first byte; lines end at `\n`.
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    /// Indexes `text` once.
    #[must_use]
    pub fn new(text: &'a str) -> Lines<'a> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines { text, starts }
    }

    /// The position of byte `offset` (clamped to the text and back to a
    /// character boundary).
    #[must_use]
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character = self.text[start..offset].encode_utf16().count();
        Position::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(character).unwrap_or(u32::MAX),
        )
    }

    /// The range of bytes `span`.
    #[must_use]
    pub fn range(&self, span: &std::ops::Range<usize>) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of `p`: a column past the line's end is its end, a line
    /// past the text is its end, and a column inside a character (half of a
    /// surrogate pair) is that character's start.
    #[must_use]
    pub fn offset(&self, p: Position) -> usize {
        let Some(&start) = self.starts.get(p.line as usize) else {
            return self.text.len();
        };
        let end = self
            .starts
            .get(p.line as usize + 1)
            .map_or(self.text.len(), |&next| next - 1);
        let mut units = 0usize;
        for (i, c) in self.text[start..end].char_indices() {
            units += c.len_utf16();
            if units > p.character as usize {
                return start + i;
            }
        }
        end
    }
}

/// Applies one edit of `textDocument/didChange` to `text`: the whole text
/// when `range` is `None`.
pub fn apply_change(text: &mut String, range: Option<Range>, new_text: &str) {
    match range {
        None => new_text.clone_into(text),
        Some(r) => {
            let lines = Lines::new(text);
            let (a, b) = (lines.offset(r.start), lines.offset(r.end));
            let (a, b) = (a.min(b), a.max(b));
            text.replace_range(a..b, new_text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units() {
        // "🚀" is 4 bytes and 2 UTF-16 units; "é" 2 bytes and 1 unit.
        let text = "ab\n🚀 é March 3\nlast";
        let lines = Lines::new(text);
        let march = text.find("March").unwrap();
        assert_eq!(lines.position(march), Position::new(1, 5));
        assert_eq!(lines.offset(Position::new(1, 5)), march);
        assert_eq!(lines.position(text.len()), Position::new(2, 4));
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(lines.offset(Position::new(1, 1)), 3);
        // Past the line's end, past the text.
        assert_eq!(lines.offset(Position::new(0, 99)), 2);
        assert_eq!(lines.offset(Position::new(9, 0)), text.len());
        // Inside a multibyte character: back to its start.
        assert_eq!(lines.position(4), Position::new(1, 0));
    }

    #[test]
    fn edits_apply_at_utf16_positions() {
        let mut text = "🚀 on Friday\n".to_string();
        let r = Range::new(Position::new(0, 6), Position::new(0, 12));
        apply_change(&mut text, Some(r), "Monday");
        assert_eq!(text, "🚀 on Monday\n");
        apply_change(&mut text, None, "new");
        assert_eq!(text, "new");
    }
}
