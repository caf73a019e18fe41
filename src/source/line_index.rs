//! Byte offsets to 1-based lines and character columns.

/// Line starts of a text, for turning byte offsets into line and column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and 1-based column (in characters) of byte `offset`.
    #[must_use]
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let end = offset.min(text.len()).max(start);
        let col = text
            .get(start..end)
            .map_or(end - start, |s| s.chars().count())
            + 1;
        (line, col)
    }
}

/// Line and column of offsets visited in increasing order (a document's
/// mentions): counts lines and characters only over the text between one
/// offset and the next, so no index of the whole text is built. Going back
/// restarts from the top, so any order is still right.
#[derive(Debug)]
pub struct LineCursor<'a> {
    text: &'a str,
    /// Last offset (clamped to the text), its line, the start of that line and its column.
    at: usize,
    line: usize,
    line_start: usize,
    col: usize,
}

impl<'a> LineCursor<'a> {
    /// A cursor at the start of `text`.
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        LineCursor {
            text,
            at: 0,
            line: 1,
            line_start: 0,
            col: 1,
        }
    }

    /// Same as [`LineIndex::line_col`].
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        if offset < self.at {
            *self = LineCursor::new(self.text);
        }
        let gap = &self.text.as_bytes()[self.at..offset];
        // Columns count characters; in ASCII, bytes.
        let chars = |from: usize| {
            let bytes = &self.text.as_bytes()[from..offset];
            if bytes.is_ascii() {
                bytes.len()
            } else {
                self.text
                    .get(from..offset)
                    .map_or(offset - from, |s| s.chars().count())
            }
        };
        match memchr::memrchr(b'\n', gap) {
            Some(i) => {
                self.line += 1 + memchr::memchr_iter(b'\n', &gap[..i]).count();
                self.line_start = self.at + i + 1;
                self.col = 1 + chars(self.line_start);
            }
            None => self.col += chars(self.at),
        }
        self.at = offset;
        (self.line, self.col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let t = "ab\nçé x\n";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 0), (1, 1));
        assert_eq!(ix.line_col(t, 3), (2, 1));
        assert_eq!(ix.line_col(t, t.find('x').unwrap()), (2, 4));
    }

    proptest::proptest! {
        #[test]
        fn the_cursor_agrees_with_the_index(text in "[aé\n ]{0,40}", mut offsets in proptest::collection::vec(0usize..45, 0..12), sorted: bool) {
            let ix = LineIndex::new(&text);
            if sorted {
                offsets.sort_unstable();
            }
            let mut cur = LineCursor::new(&text);
            for o in offsets.into_iter().filter(|&o| text.is_char_boundary(o.min(text.len()))) {
                proptest::prop_assert_eq!(cur.line_col(o), ix.line_col(&text, o), "offset {}", o);
            }
        }
    }
}
