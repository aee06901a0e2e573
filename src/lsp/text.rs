//! A document's text as the editor has it, and positions as LSP counts them.
//!
//! LSP positions are a line and a column counted in UTF-16 code units by
//! default, or in bytes when the client and server agree on UTF-8
//! (`positionEncodings`). Lines end at `\n`, `\r\n` or a lone `\r`, as the
//! protocol says (and as `check` counts them). journeymap's own positions
//! count characters from 1, without a BOM; everything inside the server
//! works in byte offsets of this text and converts only at the edge.
//! Positions past the end of a line or of the text clamp to that end, and a
//! column inside a character (half a surrogate pair) to its start: a client
//! that is off by some units gets the nearest sensible answer, never a panic.

use std::ops::Range;

use lsp_types::Position;

use crate::diagnostic::Position as CheckPosition;

/// How the columns of [`Position`]s are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

const BOM: char = '\u{FEFF}';

/// The text of an open document and the start of each of its lines.
#[derive(Debug, Clone, Default)]
pub struct Text {
    text: String,
    /// Byte offset of each line's first byte; the first is 0.
    line_starts: Vec<usize>,
}

impl Text {
    pub fn new(text: String) -> Text {
        let line_starts = line_starts(&text);
        Text { text, line_starts }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Bytes the BOM takes at the start (journeymap's positions leave it out).
    pub fn bom_len(&self) -> usize {
        if self.text.starts_with(BOM) {
            BOM.len_utf8()
        } else {
            0
        }
    }

    /// The byte range of line `line` (from 0) without its line break;
    /// `None` past the last line.
    fn line(&self, line: usize) -> Option<Range<usize>> {
        let start = *self.line_starts.get(line)?;
        let next = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let content = &self.text[start..next];
        let end = next - line_break_len(content);
        Some(start..end)
    }

    /// The byte offset of an LSP position, clamped into the text.
    pub fn offset(&self, position: Position, encoding: Encoding) -> usize {
        let Some(line) = self.line(position.line as usize) else {
            return self.text.len();
        };
        let mut units = position.character as usize;
        for (index, c) in self.text[line.clone()].char_indices() {
            let width = match encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if units < width {
                return line.start + index;
            }
            units -= width;
        }
        line.end
    }

    /// The LSP position of a byte offset (clamped to the text, and to the
    /// start of the character it falls in).
    pub fn position(&self, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        // The last line starting at or before the offset.
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        // An offset inside a `\r\n` break counts as the end of its line.
        let end = self.line(line).map_or(start, |range| range.end);
        let before = &self.text[start..offset.min(end)];
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.chars().map(char::len_utf16).sum(),
        };
        Position::new(to_u32(line), to_u32(character))
    }

    pub fn range(&self, range: Range<usize>, encoding: Encoding) -> lsp_types::Range {
        lsp_types::Range::new(
            self.position(range.start, encoding),
            self.position(range.end, encoding),
        )
    }

    /// The byte range of an LSP range; a range whose end comes before its
    /// start is read as empty at its start.
    pub fn offsets(&self, range: lsp_types::Range, encoding: Encoding) -> Range<usize> {
        let start = self.offset(range.start, encoding);
        let end = self.offset(range.end, encoding).max(start);
        start..end
    }

    /// Applies one change of `didChange`: the whole text when `range` is
    /// `None`, else the replacement of that range.
    pub fn apply(&mut self, range: Option<lsp_types::Range>, new_text: &str, encoding: Encoding) {
        match range {
            None => self.text = new_text.to_owned(),
            Some(range) => {
                let bytes = self.offsets(range, encoding);
                self.text.replace_range(bytes, new_text);
            }
        }
        self.line_starts = line_starts(&self.text);
    }

    /// The byte offset of a position as journeymap reports it (line from 1,
    /// column in characters from 1, not counting a BOM), clamped like
    /// [`Text::offset`].
    pub fn offset_of(&self, position: CheckPosition) -> usize {
        let Some(line) = self.line(position.line.saturating_sub(1)) else {
            return self.text.len();
        };
        let mut start = line.start;
        if start == 0 {
            start += self.bom_len();
        }
        let content = &self.text[start..line.end];
        let skip = position.column.saturating_sub(1);
        content
            .char_indices()
            .nth(skip)
            .map_or(line.end, |(index, _)| start + index)
    }

    /// The end of the line holding `offset`, before its line break.
    pub fn line_end(&self, offset: usize) -> usize {
        let line = self
            .line_starts
            .partition_point(|&start| start <= offset.min(self.text.len()))
            - 1;
        self.line(line).map_or(self.text.len(), |range| range.end)
    }
}

/// LSP counts in `u32`; a text of 4 GiB is not a map an editor sends.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => starts.push(i + 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                starts.push(i + 2);
                i += 1;
            }
            b'\r' => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

/// Bytes of the line break ending `line` (a line as [`line_starts`] cuts them).
fn line_break_len(line: &str) -> usize {
    if line.ends_with("\r\n") {
        2
    } else if line.ends_with('\n') || line.ends_with('\r') {
        1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    /// Every character of `text` goes there and back in both encodings.
    fn round_trips(text: &str) {
        let document = Text::new(text.to_owned());
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                let position = document.position(offset, encoding);
                let back = document.offset(position, encoding);
                // A line break's bytes all map to the end of their line.
                let expected = document.line_end(offset).min(offset);
                assert!(
                    back == offset || back == expected,
                    "{text:?} offset {offset} → {position:?} → {back} ({encoding:?})"
                );
            }
        }
    }

    #[test]
    fn cjk_counts_one_utf16_unit_and_three_bytes() {
        let text = Text::new("title: 日本の旅\nx: 1\n".to_owned());
        let no = "title: 日本".len();
        assert_eq!(text.position(no, Encoding::Utf16), at(0, 9));
        assert_eq!(text.position(no, Encoding::Utf8), at(0, 13));
        assert_eq!(text.offset(at(0, 9), Encoding::Utf16), no);
        assert_eq!(
            text.offset(at(1, 3), Encoding::Utf16),
            "title: 日本の旅\nx: ".len()
        );
        round_trips(text.as_str());
    }

    #[test]
    fn emoji_are_surrogate_pairs() {
        let text = Text::new("a: 😀x\n".to_owned());
        let x = "a: 😀".len();
        assert_eq!(text.position(x, Encoding::Utf16), at(0, 5));
        assert_eq!(text.offset(at(0, 5), Encoding::Utf16), x);
        // Half a surrogate pair: the start of the emoji.
        assert_eq!(text.offset(at(0, 4), Encoding::Utf16), 3);
        assert_eq!(text.position(x - 1, Encoding::Utf16), at(0, 3));
        round_trips(text.as_str());
    }

    #[test]
    fn combining_marks_are_characters_of_their_own() {
        // "é" written as e + U+0301: two characters, two UTF-16 units, three bytes.
        let text = Text::new("name: Rene\u{301}e\n".to_owned());
        let last_e = "name: Rene\u{301}".len();
        assert_eq!(text.position(last_e, Encoding::Utf16), at(0, 11));
        assert_eq!(text.position(last_e, Encoding::Utf8), at(0, 12));
        let check = CheckPosition {
            line: 1,
            column: 12,
        };
        assert_eq!(text.offset_of(check), last_e);
        round_trips(text.as_str());
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = Text::new("a: 1\r\nb: 2\rc: 3\n".to_owned());
        assert_eq!(text.offset(at(1, 0), Encoding::Utf16), 6);
        assert_eq!(text.offset(at(2, 3), Encoding::Utf16), 14);
        // Past the end of a line: its end, before the break.
        assert_eq!(text.offset(at(0, 99), Encoding::Utf16), 4);
        // Inside `\r\n`: the end of the line.
        assert_eq!(text.position(5, Encoding::Utf16), at(0, 4));
        assert_eq!(
            text.offset_of(CheckPosition { line: 3, column: 4 }),
            14,
            "check counts a lone CR as a line break too"
        );
        round_trips(text.as_str());
    }

    #[test]
    fn a_bom_is_a_character_to_lsp_but_not_to_check() {
        let text = Text::new("\u{FEFF}title: x\n".to_owned());
        assert_eq!(text.bom_len(), 3);
        // Check's 1:8 is the `x`, which LSP sees at UTF-16 column 8 (BOM + 7).
        let x = text.offset_of(CheckPosition { line: 1, column: 8 });
        assert_eq!(&text.as_str()[x..x + 1], "x");
        assert_eq!(text.position(x, Encoding::Utf16), at(0, 8));
        assert_eq!(text.position(x, Encoding::Utf8), at(0, 10));
        round_trips(text.as_str());
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let text = Text::new("a: 1\nb: 2".to_owned());
        assert_eq!(text.offset(at(7, 3), Encoding::Utf16), 9);
        assert_eq!(text.offset(at(1, u32::MAX), Encoding::Utf8), 9);
        assert_eq!(text.position(999, Encoding::Utf16), at(1, 4));
        assert_eq!(text.offset_of(CheckPosition { line: 9, column: 1 }), 9);
        assert_eq!(
            text.offset_of(CheckPosition {
                line: 1,
                column: 99
            }),
            4
        );
        let empty = Text::new(String::new());
        assert_eq!(empty.offset(at(3, 3), Encoding::Utf16), 0);
        assert_eq!(empty.position(3, Encoding::Utf16), at(0, 0));
    }

    #[test]
    fn incremental_changes() {
        let mut text = Text::new("a: 日本\nb: 2\n".to_owned());
        let range = lsp_types::Range::new(at(0, 3), at(0, 5));
        text.apply(Some(range), "😀", Encoding::Utf16);
        assert_eq!(text.as_str(), "a: 😀\nb: 2\n");
        // An end before the start: an insertion at the start.
        let backwards = lsp_types::Range::new(at(1, 3), at(1, 0));
        text.apply(Some(backwards), "3", Encoding::Utf16);
        assert_eq!(text.as_str(), "a: 😀\nb: 32\n");
        text.apply(None, "c: 1\r\n", Encoding::Utf16);
        assert_eq!(text.position(6, Encoding::Utf16), at(1, 0));
    }
}
