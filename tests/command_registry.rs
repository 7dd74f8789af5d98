//! The window's commands are named in four places that Tauri does not check against each other:
//! the handler list, the permission list `build.rs` generates, the window's capability, and the
//! UI's calls. A command missing from one of them fails only at run time, in the owner's window
//! ("command not allowed" or "not found"). This test reads all four and says what differs.

use std::collections::BTreeSet;
use std::path::Path;

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text between `open` and the bracket that closes it.
fn section<'a>(text: &'a str, open: &str, close: char) -> &'a str {
    let start = text
        .find(open)
        .unwrap_or_else(|| panic!("`{open}` not found"))
        + open.len();
    let end = text[start..]
        .find(close)
        .unwrap_or_else(|| panic!("`{open}` is not closed"));
    &text[start..start + end]
}

/// Every `'name'` or `"name"` literal in some text.
fn quoted_names(text: &str, quote: char) -> Vec<String> {
    text.split(quote)
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn handlers() -> BTreeSet<String> {
    let text = read("src-tauri/desktop/mod.rs");
    section(&text, "generate_handler![", ']')
        .split(',')
        .map(|item| item.trim())
        .filter(|item| !item.is_empty() && !item.starts_with("//"))
        .map(|item| item.rsplit("::").next().unwrap_or(item).to_string())
        .collect()
}

fn permissions_built() -> BTreeSet<String> {
    let text = read("src-tauri/build.rs");
    quoted_names(section(&text, "const COMMANDS: &[&str] = &[", ']'), '"')
        .into_iter()
        .collect()
}

fn capability() -> BTreeSet<String> {
    let text = read("capabilities/default.json");
    quoted_names(section(&text, "\"permissions\": [", ']'), '"')
        .into_iter()
        .filter(|p| !p.contains(':'))
        .map(|p| p.strip_prefix("allow-").unwrap_or(&p).replace('-', "_"))
        .collect()
}

fn ui_calls() -> BTreeSet<String> {
    let text = read("ui/src/api/ipc.ts");
    let mut names = BTreeSet::new();
    for line in text.lines() {
        for caller in ["call<", "call(", "invoke<", "invoke("] {
            let Some(at) = line.find(caller) else {
                continue;
            };
            let rest = &line[at..];
            if let Some(open) = rest.find("('") {
                let after = &rest[open + 2..];
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                // A plugin's command (`plugin:dialog|open`) is allowed by its own permission.
                if !name.is_empty() && after[name.len()..].starts_with('\'') {
                    names.insert(name);
                }
            }
        }
    }
    names
}

fn difference(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Vec<String> {
    a.difference(b).cloned().collect()
}

#[test]
fn every_command_is_registered_permitted_allowed_and_called_alike() {
    let handlers = handlers();
    let built = permissions_built();
    let allowed = capability();
    let called = ui_calls();
    assert!(
        handlers.len() > 40,
        "read only {} handlers from desktop/mod.rs",
        handlers.len()
    );
    assert!(
        handlers.contains("today") && called.contains("list_contacts"),
        "the readers lost their way"
    );

    let mut problems = Vec::new();
    for (what, missing) in [
        (
            "registered in generate_handler! but not in build.rs COMMANDS",
            difference(&handlers, &built),
        ),
        (
            "in build.rs COMMANDS but not registered in generate_handler!",
            difference(&built, &handlers),
        ),
        (
            "registered but not allowed in capabilities/default.json",
            difference(&handlers, &allowed),
        ),
        (
            "allowed in capabilities/default.json but not registered",
            difference(&allowed, &handlers),
        ),
        (
            "called by ui/src/api/ipc.ts but not registered",
            difference(&called, &handlers),
        ),
        (
            "registered but never called by ui/src/api/ipc.ts",
            difference(&handlers, &called),
        ),
    ] {
        if !missing.is_empty() {
            problems.push(format!("{what}: {}", missing.join(", ")));
        }
    }
    assert!(
        problems.is_empty(),
        "the command lists disagree:\n{}",
        problems.join("\n")
    );
}
