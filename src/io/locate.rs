//! Finds where a field path (`options[Children's trust].annual_turnover`) sits in a scenario's
//! text, so validation problems can carry a line and column like syntax errors do.

/// One step of a field path.
#[derive(Debug, PartialEq)]
enum Step<'a> {
    Field(&'a str),
    Named(&'a str),
}

fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let end = after.find("]").unwrap_or(after.len());
            out.push(Step::Named(&after[..end]));
            rest = after.get(end + 1..).unwrap_or("");
        } else if let Some(after) = rest.strip_prefix('.') {
            rest = after;
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            out.push(Step::Field(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

/// Byte offset of `field:` at or after `from`, as a whole word outside comments.
fn find_field(text: &str, from: usize, field: &str) -> Option<usize> {
    let mut at = from;
    while let Some(found) = text.get(at..)?.find(field) {
        let start = at + found;
        let end = start + field.len();
        let before_ok = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let after = text[end..].trim_start();
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let in_comment = text[line_start..start].contains("//");
        if before_ok && after.starts_with(':') && !in_comment {
            return Some(start);
        }
        at = end;
    }
    None
}

/// Byte offset of the entry whose `name` is `name`, at or after `from`.
fn find_named(text: &str, from: usize, name: &str) -> Option<usize> {
    let needle = format!("\"{name}\"");
    let mut at = from;
    loop {
        let name_at = find_field(text, at, "name")?;
        let value = text[name_at + 4..]
            .trim_start()
            .strip_prefix(':')?
            .trim_start();
        if value.starts_with(&needle) {
            return Some(name_at);
        }
        at = name_at + 4;
    }
}

/// 1-based line and column of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Line and column of the field a path names, when it can be found.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    let mut found = None;
    for step in steps(path) {
        let pos = match step {
            Step::Field(f) => find_field(text, at, f)?,
            Step::Named(n) => find_named(text, at, n)?,
        };
        found = Some(pos);
        at = pos;
    }
    found.map(|pos| line_column(text, pos))
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
        assert_eq!(locate(TEXT, "demand.open_cases"), None);
    }
}
