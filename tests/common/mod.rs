//! Running the built `rapport` binary on a data folder, shared by the command-line tests.
#![allow(dead_code)]

/// The SMTP server the core's tests use, shared rather than written twice.
#[path = "../../src-tauri/core/tests/common/smtp.rs"]
pub mod smtp;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// Runs `rapport ARGS --data-dir DIR` with the date pinned to 2026-11-23.
pub fn rapport(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env_remove("RAPPORT_DATA_DIR")
        .env("RAPPORT_TODAY", "2026-11-23")
        .output()
        .expect("run rapport")
}

/// Runs a command that must succeed: returns what it printed.
pub fn ok(data_dir: &Path, args: &[&str]) -> String {
    let out = rapport(data_dir, args);
    assert!(
        out.status.success(),
        "rapport {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Runs a command with `--json` and parses what it printed.
pub fn json(data_dir: &Path, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    serde_json::from_str(&ok(data_dir, &args)).expect("valid JSON")
}

/// Runs a command that must fail: returns its one-line message.
pub fn fails(data_dir: &Path, args: &[&str]) -> String {
    let out = rapport(data_dir, args);
    assert!(!out.status.success(), "rapport {args:?} should have failed");
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    stderr
}

/// Runs another program the tests read results with (poppler's pdftotext, qpdf…) and returns
/// what it printed; fails the test, naming the program, when it is missing or fails.
pub fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed for this test ({e}); run tests/run"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
