//! Finds where a field path (`options[Children's trust].annual_turnover`) sits in a scenario's
//! text, so validation problems can carry a line and column like syntax errors do.
//!
//! [`Locator::new`] reads the text once, start to end, and notes the line and column of every
//! field: those of each list entry (an option, a placement) together under the entry's name, the
//! others by their full path. Each problem is then a lookup. However many problems a file has and
//! however long its lines, locating them all takes time in proportion to the file's size, so a
//! hostile file cannot make checking it slow.

use std::collections::HashMap;

/// A 1-based line and column (in characters).
pub type Position = (usize, usize);

/// Where every field of a scenario's text is, by path.
#[derive(Debug, Default)]
pub struct Locator {
    /// Fields outside any list entry, by full path.
    fields: HashMap<String, Position>,
    /// Each list entry by its path (`options[Children's trust]`): where it is, and its fields
    /// by their path within it (`annual_turnover`).
    entries: HashMap<String, (Position, Vec<(String, Position)>)>,
}

/// One open `(`, `[` or `{`.
struct Frame {
    kind: u8,
    /// The path of the fields inside, relative to the innermost open list entry (absolute when
    /// there is none).
    path: String,
    /// The field just read in this frame whose value has not ended yet.
    key: Option<String>,
    /// Opened by an enum variant (`Pert(`…): its fields (`min`, `mode`…) are not indexed, as no
    /// problem names them.
    variant: bool,
    /// This frame is a list entry (an option or a placement): the fields inside wait for its
    /// `name` to know their path.
    entry: Option<Entry>,
}

/// A list entry being read.
struct Entry {
    /// The list's path, relative to the enclosing entry (absolute when there is none).
    list: String,
    /// Its `name`, once read.
    name: Option<String>,
    /// Where the entry's `name` field is: the position of the entry itself.
    at: Position,
    /// Fields read so far, by path relative to the entry.
    fields: Vec<(String, Position)>,
}

/// A cursor over the text that keeps the line and column of the byte it is at.
struct Cursor<'a> {
    bytes: &'a [u8],
    i: usize,
    line: usize,
    column: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.i + ahead).copied()
    }

    fn position(&self) -> Position {
        (self.line, self.column)
    }

    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.i += 1;
        if b == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if b & 0xC0 != 0x80 {
            // Every byte but a UTF-8 continuation byte starts a character.
            self.column += 1;
        }
        Some(b)
    }

    /// Skips whitespace and comments (`//` to the end of the line, nested `/* */`).
    fn skip_blank(&mut self) {
        while let Some(b) = self.peek() {
            match (b, self.peek_at(1)) {
                (b' ' | b'\t' | b'\r' | b'\n', _) => {
                    self.bump();
                }
                (b'/', Some(b'/')) => {
                    while self.peek().is_some_and(|b| b != b'\n') {
                        self.bump();
                    }
                }
                (b'/', Some(b'*')) => {
                    self.bump();
                    self.bump();
                    let mut depth = 1;
                    while depth > 0 {
                        match (self.bump(), self.peek()) {
                            (None, _) => return,
                            (Some(b'*'), Some(b'/')) => {
                                self.bump();
                                depth -= 1;
                            }
                            (Some(b'/'), Some(b'*')) => {
                                self.bump();
                                depth += 1;
                            }
                            _ => {}
                        }
                    }
                }
                _ => return,
            }
        }
    }

    /// Moves to byte `end`, keeping the line and column, a run at a time.
    fn advance_to(&mut self, end: usize) {
        let end = end.min(self.bytes.len());
        let run = &self.bytes[self.i..end];
        let starts = |r: &[u8]| r.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        match run.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                self.line += run.iter().filter(|&&b| b == b'\n').count();
                self.column = 1 + starts(&run[last + 1..]);
            }
            None => self.column += starts(run),
        }
        self.i = end;
    }

    /// Reads a `"…"` string (the cursor on its opening quote), a run at a time; returns its value
    /// when `wanted`.
    fn string(&mut self, wanted: bool) -> Option<String> {
        self.bump();
        let start = self.i;
        loop {
            let rest = &self.bytes[self.i..];
            match rest.iter().position(|&b| b == b'"' || b == b'\\') {
                None => {
                    self.advance_to(self.bytes.len());
                    break;
                }
                Some(k) if rest[k] == b'\\' => self.advance_to(self.i + k + 2),
                Some(k) => {
                    self.advance_to(self.i + k);
                    break;
                }
            }
        }
        let raw = &self.bytes[start..self.i.min(self.bytes.len())];
        self.bump();
        wanted.then(|| unescape(raw))
    }

    /// Reads a raw string `r"…"` or `r#"…"#` (the cursor just after the `r`) and returns it.
    fn raw_string(&mut self) -> String {
        let mut hashes = 0;
        while self.peek() == Some(b'#') {
            self.bump();
            hashes += 1;
        }
        self.bump();
        let start = self.i;
        loop {
            let end = self.i;
            match self.bump() {
                None => return String::from_utf8_lossy(&self.bytes[start..end]).into_owned(),
                Some(b'"') => {
                    let closing = (0..hashes).all(|k| self.peek_at(k) == Some(b'#'));
                    if closing {
                        for _ in 0..hashes {
                            self.bump();
                        }
                        return String::from_utf8_lossy(&self.bytes[start..end]).into_owned();
                    }
                }
                Some(_) => {}
            }
        }
    }

    /// Skips a `'c'` character literal (the cursor on its opening quote).
    fn char_literal(&mut self) {
        self.bump();
        while let Some(b) = self.bump() {
            match b {
                b'\\' => {
                    self.bump();
                }
                b'\'' => return,
                _ => {}
            }
        }
    }

    /// Reads an identifier (the cursor on its first byte).
    fn identifier(&mut self) -> &str {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80)
        {
            self.bump();
        }
        std::str::from_utf8(&self.bytes[start..self.i]).unwrap_or("")
    }
}

/// The value of a string's text between its quotes, its escapes undone.
fn unescape(raw: &[u8]) -> String {
    let mut out = Vec::with_capacity(raw.len());
    let mut bytes = raw.iter().copied();
    while let Some(b) = bytes.next() {
        if b != b'\\' {
            out.push(b);
            continue;
        }
        match bytes.next() {
            Some(b'n') => out.push(b'\n'),
            Some(b't') => out.push(b'\t'),
            Some(b'r') => out.push(b'\r'),
            Some(b'0') => out.push(0),
            Some(b'u') => {
                let hex: String = bytes
                    .by_ref()
                    .skip_while(|&h| h == b'{')
                    .take_while(|&h| h != b'}')
                    .map(char::from)
                    .collect();
                let c = u32::from_str_radix(&hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or(char::REPLACEMENT_CHARACTER);
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            }
            Some(b'x') => {
                let hex: Vec<u8> = bytes.by_ref().take(2).collect();
                let value = std::str::from_utf8(&hex)
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .unwrap_or(b'?');
                out.push(value);
            }
            Some(other) => out.push(other),
            None => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn join(base: &str, key: &str) -> String {
    if base.is_empty() {
        return key.to_string();
    }
    let mut path = String::with_capacity(base.len() + 1 + key.len());
    path.push_str(base);
    path.push('.');
    path.push_str(key);
    path
}

impl Locator {
    /// Indexes every field of `text` in one pass. Never panics, whatever the text.
    pub fn new(text: &str) -> Self {
        let mut locator = Locator::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut cursor = Cursor {
            bytes: text.as_bytes(),
            i: 0,
            line: 1,
            column: 1,
        };
        // The last thing read was an identifier that is not a field (an enum variant's name).
        let mut after_variant = false;
        loop {
            cursor.skip_blank();
            let Some(b) = cursor.peek() else { break };
            match b {
                b'(' | b'[' | b'{' => {
                    let at = cursor.position();
                    cursor.bump();
                    let frame = match stack.last() {
                        Some(parent) if parent.kind == b'[' && b == b'(' && !after_variant => {
                            Frame {
                                kind: b,
                                path: String::new(),
                                key: None,
                                variant: false,
                                entry: Some(Entry {
                                    list: parent.path.clone(),
                                    name: None,
                                    at,
                                    fields: Vec::new(),
                                }),
                            }
                        }
                        Some(parent) => Frame {
                            kind: b,
                            path: match &parent.key {
                                Some(key) => join(&parent.path, key),
                                None => parent.path.clone(),
                            },
                            key: None,
                            variant: parent.variant || after_variant,
                            entry: None,
                        },
                        None => Frame {
                            kind: b,
                            path: String::new(),
                            key: None,
                            variant: false,
                            entry: None,
                        },
                    };
                    stack.push(frame);
                    after_variant = false;
                }
                b')' | b']' | b'}' => {
                    cursor.bump();
                    after_variant = false;
                    if let Some(frame) = stack.pop()
                        && let Some(entry) = frame.entry
                        && let Some(name) = entry.name
                    {
                        let path = format!("{}[{name}]", entry.list);
                        match stack.iter_mut().rev().find_map(|f| f.entry.as_mut()) {
                            // An entry within an entry: its fields belong to the outer one.
                            Some(outer) => {
                                outer.fields.push((path.clone(), entry.at));
                                for (field, at) in entry.fields {
                                    outer.fields.push((join(&path, &field), at));
                                }
                            }
                            None => {
                                locator
                                    .entries
                                    .entry(path)
                                    .or_insert((entry.at, entry.fields));
                            }
                        }
                    }
                }
                b',' => {
                    cursor.bump();
                    after_variant = false;
                    if let Some(frame) = stack.last_mut() {
                        frame.key = None;
                    }
                }
                b'"' => {
                    after_variant = false;
                    // An entry's name: `name: "…"` directly inside it.
                    let entry = stack
                        .last_mut()
                        .filter(|f| f.key.as_deref() == Some("name"))
                        .and_then(|f| f.entry.as_mut())
                        .filter(|e| e.name.is_none());
                    let value = cursor.string(entry.is_some());
                    if let Some(entry) = entry {
                        entry.name = value;
                    }
                }
                b'\'' => {
                    cursor.char_literal();
                    after_variant = false;
                }
                b'r' if matches!(cursor.peek_at(1), Some(b'"' | b'#')) => {
                    cursor.bump();
                    cursor.raw_string();
                    after_variant = false;
                }
                b if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 => {
                    let at = cursor.position();
                    let word = cursor.identifier().to_string();
                    if word.is_empty() {
                        // A stray byte that cannot start anything: step over it.
                        cursor.bump();
                        continue;
                    }
                    cursor.skip_blank();
                    let in_map = stack.last().is_some_and(|f| f.kind == b'{');
                    if cursor.peek() == Some(b':') && !in_map {
                        cursor.bump();
                        after_variant = false;
                        if let Some(frame) = stack.last_mut() {
                            frame.key = Some(word.clone());
                            if word == "name"
                                && let Some(entry) = &mut frame.entry
                            {
                                entry.at = at;
                            }
                        }
                        let Some(frame) = stack.last() else { continue };
                        if !frame.variant {
                            let path = join(&frame.path, &word);
                            locator.record(&mut stack, path, at);
                        }
                    } else {
                        after_variant = true;
                    }
                }
                _ => {
                    // Numbers, signs, colons in maps and anything else: nothing to index.
                    cursor.bump();
                    after_variant = false;
                }
            }
        }
        locator
    }

    /// Notes a field at `path` (relative to the innermost open entry, if any). The first field of
    /// a path wins, as in a file that repeats a name the first is the one meant.
    fn record(&mut self, stack: &mut [Frame], path: String, at: Position) {
        match stack.iter_mut().rev().find_map(|f| f.entry.as_mut()) {
            Some(entry) => entry.fields.push((path, at)),
            None => {
                self.fields.entry(path).or_insert(at);
            }
        }
    }

    /// Line and column of the field a path names; failing that, of the nearest enclosing field
    /// that can be found (`options[A].agency_cover` for `options[A].agency_cover.min`).
    pub fn locate(&self, path: &str) -> Option<Position> {
        // Within an entry: the entry's path ends at a `]` (a name may hold `]` itself, so each
        // is tried).
        for (end, _) in path.match_indices(']') {
            let (entry, rest) = path.split_at(end + 1);
            let Some((at, fields)) = self.entries.get(entry) else {
                continue;
            };
            let Some(mut field) = rest.strip_prefix('.') else {
                if rest.is_empty() {
                    return Some(*at);
                }
                continue;
            };
            loop {
                if let Some((_, found)) = fields.iter().find(|(f, _)| f == field) {
                    return Some(*found);
                }
                match field.rfind(['.', '[']) {
                    Some(cut) => field = &field[..cut],
                    None => return Some(*at),
                }
            }
        }
        let mut path = path;
        loop {
            if let Some(at) = self.fields.get(path) {
                return Some(*at);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }
}

/// Line and column of the field a path names, when it can be found. To locate many paths in one
/// text, make one [`Locator`] and ask it each.
pub fn locate(text: &str, path: &str) -> Option<Position> {
    Locator::new(text).locate(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "(\n  workforce: (\n    // oncost_rate: old\n    oncost_rate: 0.3,\n  ),\n  options: [\n    (name: \"A\", annual_turnover: 0.1),\n    (\n      name: \"Children's trust\",\n      annual_turnover: 0.2,\n    ),\n  ],\n)";

    #[test]
    fn finds_fields_and_named_entries() {
        assert_eq!(locate(TEXT, "workforce.oncost_rate"), Some((4, 5)));
        assert_eq!(
            locate(TEXT, "options[Children's trust].annual_turnover"),
            Some((10, 7))
        );
        assert_eq!(locate(TEXT, "options[A].annual_turnover"), Some((7, 17)));
        assert_eq!(locate(TEXT, "options[A]"), Some((7, 6)));
        assert_eq!(locate(TEXT, "demand.open_cases"), None);
    }

    #[test]
    fn a_field_before_the_name_belongs_to_its_own_entry() {
        let text =
            "(options: [(agency_cover: 1.2, name: \"B\"), (agency_cover: 0.5, name: \"C\")])";
        assert_eq!(locate(text, "options[B].agency_cover"), Some((1, 13)));
        assert_eq!(locate(text, "options[C].agency_cover"), Some((1, 45)));
    }

    #[test]
    fn comments_strings_and_distributions_do_not_confuse_it() {
        let text = "(\n  /* name: \"X\", /* nested */ agency_cover: 9 */\n  description: \"agency_cover: no\",\n  options: [\n    (\n      name: \"Tab\\tand \\\"quote\\\" and \\u{e9}\",\n      agency_cover: Pert(min: 0.1, mode: 0.2, max: 0.3),\n    ),\n  ],\n)";
        assert_eq!(
            locate(text, "options[Tab\tand \"quote\" and \u{e9}].agency_cover"),
            Some((7, 7))
        );
        // Inside a distribution: the field that holds it.
        assert_eq!(
            locate(
                text,
                "options[Tab\tand \"quote\" and \u{e9}].agency_cover.min"
            ),
            Some((7, 7))
        );
        assert_eq!(locate(text, "agency_cover"), None);
    }

    #[test]
    fn columns_count_characters_on_long_lines() {
        let text = format!("(description: \"{}£\", start_year: 1)", "é".repeat(1000));
        // "(description: \"" is 15 characters, then 1,001, then "\", " is 3.
        assert_eq!(locate(&text, "start_year"), Some((1, 15 + 1001 + 3 + 1)));
    }

    #[test]
    fn broken_text_never_panics() {
        for text in [
            "",
            "(",
            "((((",
            ")))]]}",
            "(name: \"unterminated",
            "(r#\"raw",
            "(options: [(name: ",
            "/* open",
            "('\\",
            "(a: \"\\u{zzzz}\", b: \"\\x\")",
        ] {
            let _ = locate(text, "options[A].name");
        }
    }
}
