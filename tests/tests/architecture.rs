//! The dependency rule, read from the table in `src/lib.rs` and checked against the source: each
//! module uses only the modules its row names, the model has no files, printing or window, what
//! people read (`present`) and the exported charts (`render`) touch no files, and the command
//! line and the window never use each other.
//!
//! The check reads the source as text: every path that starts at `crate::` (or climbs out of the
//! module with `super::`) names the module it uses. Comments and `#[cfg(test)]` modules do not
//! count: a test may parse a scenario with `io` to exercise the model.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The table in `src/lib.rs`: each module and the modules it may use.
fn written_rule() -> BTreeMap<String, BTreeSet<String>> {
    written_rows().into_iter().collect()
}

/// The table's rows, in its order.
fn written_rows() -> Vec<(String, BTreeSet<String>)> {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let mut rule = Vec::new();
    for line in lib.lines() {
        let Some(row) = line.strip_prefix("//! |") else {
            continue;
        };
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let name = |cell: &str| {
            cell.trim()
                .trim_matches(|c| matches!(c, '[' | ']' | '`'))
                .to_string()
        };
        let module = name(cells[0]);
        if module == "module" || module.starts_with("---") {
            continue;
        }
        let uses = cells[1]
            .split(',')
            .map(name)
            .filter(|m| !m.is_empty() && m != "—")
            .collect();
        rule.push((module, uses));
    }
    rule
}

/// What a module must not do besides using other modules: each a name and the code that does it.
const FILES: (&str, &[&str]) = ("files", &["std::fs", "std::io", "File::", "OpenOptions"]);
const PRINTING: (&str, &[&str]) = (
    "printing",
    &["println!", "eprintln!", "print!", "eprint!", "dbg!"],
);
const WINDOW: (&str, &[&str]) = ("the window", &["egui", "egui_plot", "eframe", "rfd"]);

fn forbidden(module: &str) -> Vec<(&'static str, &'static [&'static str])> {
    match module {
        "model" | "present" | "evidence" | "render" => vec![FILES, PRINTING, WINDOW],
        "io" | "report" => vec![PRINTING, WINDOW],
        "cli" => vec![WINDOW],
        _ => Vec::new(),
    }
}

/// A source file: its module path (`["present", "format"]`) and its code without comments and
/// test modules.
struct Source {
    file: PathBuf,
    module: Vec<String>,
    code: String,
}

/// Every file of `module` (a folder or a single file), test modules left out.
fn sources(module: &str) -> Vec<Source> {
    let folder = src().join(module);
    let mut out = Vec::new();
    if folder.is_dir() {
        collect(&folder, vec![module.to_string()], &mut out);
    } else {
        let file = src().join(format!("{module}.rs"));
        let text = std::fs::read_to_string(&file).unwrap();
        let (code, _) = without_tests(&text);
        out.push(Source {
            file,
            module: vec![module.to_string()],
            code,
        });
    }
    out
}

/// Reads `folder/mod.rs` (module `path`) and, recursively, the modules it declares that are not
/// test modules.
fn collect(folder: &Path, path: Vec<String>, out: &mut Vec<Source>) {
    let file = folder.join("mod.rs");
    let text = std::fs::read_to_string(&file).unwrap();
    let (code, test_modules) = without_tests(&text);
    out.push(Source {
        file,
        module: path.clone(),
        code,
    });
    for entry in std::fs::read_dir(folder).unwrap() {
        let entry = entry.unwrap().path();
        let name = entry.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "mod" || test_modules.contains(&name) {
            continue;
        }
        let mut child = path.clone();
        child.push(name);
        if entry.is_dir() {
            collect(&entry, child, out);
        } else if entry.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&entry).unwrap();
            let (code, nested_tests) = without_tests(&text);
            assert!(
                nested_tests.is_empty(),
                "{}: out-of-line test modules of a non-mod.rs file are not read",
                entry.display()
            );
            out.push(Source {
                file: entry,
                module: child,
                code,
            });
        }
    }
}

/// The code of a file without its comments and inline `#[cfg(test)]` modules, and the names of
/// the test modules it declares in files of their own (`#[cfg(test)] mod tests;`).
fn without_tests(text: &str) -> (String, BTreeSet<String>) {
    let mut code = String::new();
    let mut test_files = BTreeSet::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]" {
            let Some(next) = lines.peek() else { break };
            let indent = next.len() - next.trim_start().len();
            let declaration = next.trim_start();
            let declaration = declaration
                .strip_prefix("pub(crate) ")
                .or_else(|| declaration.strip_prefix("pub "))
                .unwrap_or(declaration);
            if let Some(rest) = declaration.strip_prefix("mod ") {
                if let Some(name) = rest.strip_suffix(';') {
                    test_files.insert(name.trim().to_string());
                    lines.next();
                    continue;
                }
                // An inline module runs to the brace at its own indentation (rustfmt's layout).
                let end = format!("{}}}", " ".repeat(indent));
                for inner in lines.by_ref() {
                    if inner == end {
                        break;
                    }
                }
                continue;
            }
        }
        let line = match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        };
        code.push_str(line);
        code.push('\n');
    }
    (code, test_files)
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The identifier at the start of `text`.
fn ident(text: &str) -> &str {
    let end = text.find(|c| !is_ident(c)).unwrap_or(text.len());
    &text[..end]
}

/// The top-level modules `code`, in module `module`, uses: every `crate::x` (and each name of a
/// `crate::{x, y}` group), and every `super::` chain that climbs out to the crate's root.
fn modules_used(code: &str, module: &[String]) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let starts_path = |at: usize| {
        let before = &code[..at];
        !before.ends_with(|c: char| is_ident(c) || c == ':')
    };
    for (at, _) in code.match_indices("crate::") {
        if !starts_path(at) {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        match rest.strip_prefix('{') {
            Some(group) => {
                let mut depth = 0;
                let mut item_start = true;
                for (k, c) in group.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => item_start = true,
                        c if item_start && is_ident(c) => {
                            used.insert(ident(&group[k..]).to_string());
                            item_start = false;
                        }
                        _ => {}
                    }
                }
            }
            None => {
                used.insert(ident(rest).to_string());
            }
        }
    }
    for (at, _) in code.match_indices("super::") {
        if !starts_path(at) {
            continue;
        }
        let mut rest = &code[at..];
        let mut climbs = 0;
        while let Some(after) = rest.strip_prefix("super::") {
            climbs += 1;
            rest = after;
        }
        if climbs >= module.len() {
            used.insert(ident(rest).to_string());
        }
    }
    used
}

/// Where `code` does one of `what`: the first line with one of the tokens as a whole word.
fn first_use<'a>(code: &'a str, what: &[&str]) -> Option<&'a str> {
    code.lines().find(|line| {
        what.iter().any(|token| {
            line.match_indices(token).any(|(at, _)| {
                let starts_word = !line[..at].ends_with(is_ident);
                let after = &line[at + token.len()..];
                let ends_word = !token.ends_with(is_ident) || !after.starts_with(is_ident);
                starts_word && ends_word
            })
        })
    })
}

#[test]
fn the_written_rule_covers_every_module_and_points_one_way() {
    let rule = written_rule();
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let declared: BTreeSet<String> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';').to_string())
        .collect();
    let ruled: BTreeSet<String> = rule.keys().cloned().collect();
    assert_eq!(
        declared, ruled,
        "every module of lib.rs has a row, and no more"
    );
    assert!(rule["model"].is_empty(), "the model uses nothing else");
    // Every module uses only modules above it in the table, so no circle can form.
    let mut above = BTreeSet::new();
    for (module, uses) in written_rows() {
        assert!(
            uses.is_subset(&above),
            "{module} may use {:?}, not all above it",
            uses.difference(&above).collect::<Vec<_>>()
        );
        above.insert(module);
    }
    assert!(!rule["cli"].contains("app") && !rule["app"].contains("cli"));
}

#[test]
fn every_module_uses_only_what_the_rule_in_lib_rs_allows() {
    let rule = written_rule();
    let mut broken = Vec::new();
    for (module, allowed) in &rule {
        for source in sources(module) {
            for used in modules_used(&source.code, &source.module) {
                if used != *module && rule.contains_key(&used) && !allowed.contains(&used) {
                    broken.push(format!("{} uses {used}", shown(&source.file)));
                }
            }
            for (what, tokens) in forbidden(module) {
                if let Some(line) = first_use(&source.code, tokens) {
                    broken.push(format!(
                        "{} ({module}) must not do {what}: {}",
                        shown(&source.file),
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "the dependency rule is broken:\n{}",
        broken.join("\n")
    );
}

/// A source file's path from the package's folder: `src/present/format.rs`.
fn shown(file: &Path) -> String {
    let package = Path::new(env!("CARGO_MANIFEST_DIR"));
    file.strip_prefix(package)
        .unwrap_or(file)
        .display()
        .to_string()
}

/// The checks above can fail: each kind of breach in a made-up file is seen.
#[test]
fn the_check_sees_each_kind_of_breach() {
    let module = |path: &str| path.split('/').map(String::from).collect::<Vec<_>>();
    let used = |code: &str, path: &str| modules_used(code, &module(path));
    assert!(used("use crate::io::parse_scenario;", "model/dist").contains("io"));
    assert!(used("use crate::{model::Dist, io};", "present").contains("io"));
    assert!(used("let x = crate::app::window::run();", "cli").contains("app"));
    assert!(used("use super::super::io::x;", "present/format").contains("io"));
    assert!(used("use super::io::x;", "present").contains("io"));
    assert!(!used("use super::format::x;", "present/stamp").contains("format"));
    assert!(!used("let s = my_crate::io::x;", "model").contains("io"));
    assert!(first_use("let t = std::fs::read(p);", FILES.1).is_some());
    assert!(first_use("    println!(\"{x}\");", PRINTING.1).is_some());
    assert!(first_use("use egui_plot::Line;", WINDOW.1).is_some());
    assert!(first_use("let eguis = 1;", WINDOW.1).is_none());
    let (code, test_files) = without_tests(
        "use a;\n#[cfg(test)]\nmod tests {\n    use crate::io::x;\n}\n#[cfg(test)]\nmod more;\n\
         // crate::io in a comment\nuse b;\n",
    );
    assert_eq!(code, "use a;\n\nuse b;\n");
    assert!(test_files.contains("more"));
}
