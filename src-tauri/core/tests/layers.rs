//! The core's areas import only areas below them, and no two files of one area import each other.
//!
//! Reads the sources (not the compiled crate): every `crate::…` and `super::…` path outside test
//! modules and comments is an edge. A new area must be placed in `LAYERS` before it builds here,
//! which is the point: its place in the order is a decision, written down once.
//!
//! `error` is left out on purpose: it wraps each area's own error type (so it names them all) and
//! every area returns it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Lowest first. An area may import any area in a lower layer, never one in its own layer or above.
const LAYERS: &[&[&str]] = &[
    &["progress", "clock", "search_text"],
    &["paths"],
    &["photos"],
    &["whiteboard", "contacts"],
    &["merge"],
    &["calendar"],
    &["store"],
    &["server"],
    &["book"],
    &[
        "settings",
        "staff",
        "live",
        "follow_ups",
        "referrals",
        "house_answers",
    ],
    &["occasions", "ical"],
    &["cards"],
    &["welcome"],
    &["exchange", "gestures"],
    &["today", "testimonials"],
    &["demo", "bindings", "digest"],
];

/// Names the crate root re-exports, and the area each comes from.
const ROOT_REEXPORTS: &[(&str, &str)] = &[
    ("Book", "book"),
    ("AppError", "error"),
    ("Cancelled", "error"),
    ("Error", "error"),
    ("ErrorCode", "error"),
    ("FieldError", "error"),
    ("Invalid", "error"),
    ("Result", "error"),
];

const EXCLUDED: &[&str] = &["error", "lib", "bin"];

/// Circles between files of one area that are still to be broken (by moving what the files share
/// to a third). Empty since the last three were broken; it may only stay so or shrink.
const KNOWN_CIRCLES: &[&str] = &[];

fn source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the source folder is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code a build without tests sees: comments removed, `#[cfg(test)]` items cut off. Test
/// modules sit at the end of a file by convention, so everything from the first one on is dropped.
fn production_code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut code = String::new();
    let mut in_block_comment = false;
    for line in text.lines() {
        let mut line = line;
        if in_block_comment {
            match line.find("*/") {
                Some(end) => {
                    line = &line[end + 2..];
                    in_block_comment = false;
                }
                None => continue,
            }
        }
        if let Some(start) = line.find("/*") {
            if !line[start..].contains("*/") {
                in_block_comment = true;
            }
            line = &line[..start];
        }
        let line = match line.find("//") {
            Some(start) => &line[..start],
            None => line,
        };
        code.push_str(line);
        code.push('\n');
    }
    code
}

#[derive(Debug, PartialEq)]
enum Token {
    Ident(String),
    PathSep,
    Open,
    Close,
    Comma,
    Other,
}

fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token::Ident(chars[start..i].iter().collect()));
            continue;
        }
        if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push(Token::PathSep);
            i += 2;
            continue;
        }
        out.push(match c {
            '{' => Token::Open,
            '}' => Token::Close,
            ',' => Token::Comma,
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            _ => Token::Other,
        });
        i += 1;
    }
    out
}

/// Every path a use-tree or an inline path starting at `tokens[at]` names, as segment lists.
fn paths_from(tokens: &[Token], at: usize) -> Vec<Vec<String>> {
    fn tree(
        tokens: &[Token],
        mut i: usize,
        prefix: Vec<String>,
        out: &mut Vec<Vec<String>>,
    ) -> usize {
        let mut path = prefix;
        loop {
            match tokens.get(i) {
                Some(Token::Ident(name)) => {
                    path.push(name.clone());
                    i += 1;
                    if tokens.get(i) == Some(&Token::PathSep) {
                        i += 1;
                        continue;
                    }
                    out.push(path);
                    return i;
                }
                Some(Token::Open) => {
                    i += 1;
                    loop {
                        i = tree(tokens, i, path.clone(), out);
                        // Skip `as alias` and anything else up to the next item.
                        while let Some(t) = tokens.get(i) {
                            match t {
                                Token::Comma | Token::Close => break,
                                Token::Open => i = skip_group(tokens, i),
                                _ => i += 1,
                            }
                        }
                        match tokens.get(i) {
                            Some(Token::Comma) => {
                                i += 1;
                                if tokens.get(i) == Some(&Token::Close) {
                                    return i + 1;
                                }
                            }
                            _ => return i + 1,
                        }
                    }
                }
                _ => {
                    if !path.is_empty() {
                        out.push(path);
                    }
                    return i;
                }
            }
        }
    }
    fn skip_group(tokens: &[Token], mut i: usize) -> usize {
        let mut depth = 0;
        while let Some(t) = tokens.get(i) {
            match t {
                Token::Open => depth += 1,
                Token::Close => {
                    depth -= 1;
                    if depth == 0 {
                        return i + 1;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        i
    }
    let mut out = Vec::new();
    tree(tokens, at, Vec::new(), &mut out);
    out
}

struct SourceFile {
    /// Path below `src/`, with `/` separators.
    relative: String,
    area: String,
    code: String,
}

fn sources() -> Vec<SourceFile> {
    let root = source_dir();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let relative = path
                .strip_prefix(&root)
                .expect("below src")
                .to_string_lossy()
                .replace('\\', "/");
            let area = relative
                .split('/')
                .next()
                .unwrap_or_default()
                .trim_end_matches(".rs")
                .to_string();
            let text = std::fs::read_to_string(&path).expect("a readable source file");
            SourceFile {
                relative,
                area,
                code: production_code(&text),
            }
        })
        .collect()
}

/// The paths written after `crate::` (and, with `super_too`, after `super::`) in some code.
fn named_paths(code: &str, root: &str) -> Vec<Vec<String>> {
    let tokens = tokens(code);
    let mut out = Vec::new();
    for (i, pair) in tokens.windows(2).enumerate() {
        if pair[0] == Token::Ident(root.to_string()) && pair[1] == Token::PathSep {
            out.extend(paths_from(&tokens, i + 2));
        }
    }
    out
}

fn area_of_root_name(name: &str) -> String {
    ROOT_REEXPORTS
        .iter()
        .find(|(exported, _)| *exported == name)
        .map(|(_, area)| area.to_string())
        .unwrap_or_else(|| name.to_string())
}

fn layer_of(area: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&area))
}

#[test]
fn each_area_imports_only_areas_below_it() {
    let mut wrong = BTreeSet::new();
    let mut unplaced = BTreeSet::new();
    let mut edges = 0;
    for file in sources() {
        if EXCLUDED.contains(&file.area.as_str()) {
            continue;
        }
        let Some(from) = layer_of(&file.area) else {
            unplaced.insert(file.area.clone());
            continue;
        };
        for path in named_paths(&file.code, "crate") {
            let Some(first) = path.first() else { continue };
            let to_area = area_of_root_name(first);
            if to_area == file.area || EXCLUDED.contains(&to_area.as_str()) {
                continue;
            }
            edges += 1;
            match layer_of(&to_area) {
                Some(to) if to < from => {}
                Some(_) => {
                    wrong.insert(format!("{} uses crate::{}", file.relative, path.join("::")));
                }
                None => {
                    unplaced.insert(to_area);
                }
            }
        }
    }
    assert!(
        edges > 50,
        "the reader found only {edges} edges: it no longer understands the code"
    );
    assert!(
        unplaced.is_empty(),
        "areas missing from LAYERS in core/tests/layers.rs (place each above what it uses): {unplaced:?}"
    );
    assert!(
        wrong.is_empty(),
        "these imports go sideways or up the layers (move the shared type down, or the use case up):\n{}",
        wrong.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn no_files_of_an_area_import_each_other_in_a_circle() {
    let files = sources();
    // For each area folder: which of its files (modules directly in it) names which sibling.
    let mut graph: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in &files {
        let parts: Vec<&str> = file.relative.split('/').collect();
        let [area, name] = parts.as_slice() else {
            continue;
        };
        let module = name.trim_end_matches(".rs");
        if module == "mod" {
            continue;
        }
        let siblings: BTreeSet<String> = files
            .iter()
            .filter_map(|f| {
                let p: Vec<&str> = f.relative.split('/').collect();
                (p.len() >= 2 && p[0] == *area && p[1] != "mod.rs")
                    .then(|| p[1].trim_end_matches(".rs").to_string())
            })
            .collect();
        let mut named = BTreeSet::new();
        for path in named_paths(&file.code, "super") {
            named.extend(path.first().cloned());
        }
        for path in named_paths(&file.code, "crate") {
            if path.first().map(String::as_str) == Some(*area) {
                named.extend(path.get(1).cloned());
            }
        }
        let named: BTreeSet<String> = named
            .into_iter()
            .filter(|n| n != module && siblings.contains(n))
            .collect();
        graph
            .entry(area.to_string())
            .or_default()
            .insert(module.to_string(), named);
    }
    let mut circles = Vec::new();
    for (area, modules) in &graph {
        for (a, uses) in modules {
            for b in uses {
                if a < b && modules.get(b).is_some_and(|back| back.contains(a)) {
                    circles.push(format!("{area}/{a}.rs <-> {area}/{b}.rs"));
                }
            }
        }
        // Longer circles: walk from each module and see whether it comes back.
        for start in modules.keys() {
            let mut seen = BTreeSet::new();
            let mut stack: Vec<&String> = modules[start].iter().collect();
            while let Some(next) = stack.pop() {
                if next == start {
                    circles.push(format!("{area}/{start}.rs is part of a circle"));
                    break;
                }
                if seen.insert(next.clone()) {
                    stack.extend(modules.get(next).into_iter().flatten());
                }
            }
        }
    }
    circles.sort();
    circles.dedup();
    let gone: Vec<&&str> = KNOWN_CIRCLES
        .iter()
        .filter(|k| !circles.iter().any(|c| c == *k))
        .collect();
    assert!(
        gone.is_empty(),
        "take these broken circles off KNOWN_CIRCLES: {gone:?}"
    );
    circles.retain(|c| !KNOWN_CIRCLES.contains(&c.as_str()));
    assert!(
        circles.is_empty(),
        "files that import each other (move what they share to a third file):\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_reader_understands_use_trees() {
    let code = production_code(
        "use crate::{a::{B, c::D}, e as f, g::*};\n// crate::comment\nlet x = crate::h::i(); /* crate::j */\n#[cfg(test)]\nuse crate::k;",
    );
    let found: Vec<String> = named_paths(&code, "crate")
        .iter()
        .map(|p| p.join("::"))
        .collect();
    assert_eq!(found, ["a::B", "a::c::D", "e", "g", "h::i"]);
}
