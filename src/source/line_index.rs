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

/// Line and column of offsets visited mostly in increasing order: counts
/// characters only from the last position on the same line.
#[derive(Debug)]
pub struct LineCursor<'a> {
    index: &'a LineIndex,
    text: &'a str,
    /// Last offset, its line and column.
    at: usize,
    line: usize,
    col: usize,
}

impl<'a> LineCursor<'a> {
    /// A cursor at the start of `text`, which `index` indexes.
    #[must_use]
    pub fn new(index: &'a LineIndex, text: &'a str) -> Self {
        LineCursor {
            index,
            text,
            at: 0,
            line: 1,
            col: 1,
        }
    }

    /// Same as [`LineIndex::line_col`].
    pub fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let line_start = self.index.starts.get(self.line - 1).copied().unwrap_or(0);
        let next_line = self.index.starts.get(self.line).copied().unwrap_or(usize::MAX);
        let forward = offset >= self.at && offset < next_line && offset <= self.text.len();
        let (line, col) = match self.text.get(self.at..offset) {
            Some(s) if forward && self.at >= line_start => (self.line, self.col + s.chars().count()),
            _ => self.index.line_col(self.text, offset),
        };
        (self.at, self.line, self.col) = (offset, line, col);
        (line, col)
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
            let mut cur = LineCursor::new(&ix, &text);
            for o in offsets.into_iter().filter(|&o| text.is_char_boundary(o.min(text.len()))) {
                proptest::prop_assert_eq!(cur.line_col(o), ix.line_col(&text, o), "offset {}", o);
            }
        }
    }
}
