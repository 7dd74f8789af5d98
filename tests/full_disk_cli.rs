//! Full disks say what is wrong: on a small RAM disk (tmpfs) filled to the last byte, reading
//! the book still works, a change is refused in one line naming the full disk and what to do
//! (never SQLite's "disk I/O error"), a copy to a full destination names that disk and not the
//! book's, and once space is freed everything works again with nothing lost.
//!
//! Making the RAM disks needs the right to mount, which CI (root) has; elsewhere the test says
//! so and stops.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// A tmpfs of `size` at `at`, unmounted when dropped.
struct RamDisk(PathBuf);

impl RamDisk {
    fn mount(at: &Path, size: &str) -> Option<RamDisk> {
        std::fs::create_dir_all(at).expect("mount point");
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output()
            .ok()?;
        out.status.success().then(|| RamDisk(at.to_path_buf()))
    }
}

impl Drop for RamDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
        .unwrap_or(false)
}

/// Writes zeros into `file` until the disk holding it has no space left.
fn fill(file: &Path) {
    let mut out = std::fs::File::create(file).expect("create the filler");
    let block = vec![0u8; 4096];
    loop {
        match out.write_all(&block) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::StorageFull => break,
            Err(e) => panic!("filling the disk: {e}"),
        }
    }
    // Whatever is left is smaller than a block; take it too.
    while out.write_all(&[0]).is_ok() {}
}

/// The one-line message of a command that must fail, checked for SQLite's own words.
fn refused(data: &Path, args: &[&str]) -> String {
    let message = fails(data, args);
    for raw in ["disk I/O error", "database or disk is full", "os error"] {
        assert!(
            !message.contains(raw),
            "library words reached the owner: {message}"
        );
    }
    message
}

fn mounted(dir: &Path, name: &str, size: &str) -> Option<RamDisk> {
    let disk = RamDisk::mount(&dir.join(name), size);
    if disk.is_none() {
        assert!(
            std::env::var_os("CI").is_none() || !is_root(),
            "CI runs as root and must be able to mount a tmpfs"
        );
        eprintln!("note: no tmpfs could be mounted here (not root); the full-disk test runs in CI");
    }
    disk
}

#[test]
fn a_full_book_disk_still_reads_and_says_which_disk_is_full() {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(disk) = mounted(dir.path(), "disk", "4m") else {
        return;
    };
    let data = disk.0.join("data");
    ok(&data, &["demo", "--contacts", "40", "--seed", "7"]);
    let kept = ok(&data, &["contacts", "add", "--first-name", "Kept"]);
    fill(&disk.0.join("filler"));

    // Reading works.
    let list = ok(&data, &["contacts", "list"]);
    assert!(list.contains("Kept"), "{list}");
    let found = ok(&data, &["contacts", "search", "kept"]);
    assert!(found.contains("Kept"), "{found}");
    let elsewhere = dir.path().join("out");
    std::fs::create_dir_all(&elsewhere).expect("out folder");
    let csv = elsewhere.join("all.csv");
    ok(
        &data,
        &["export", "csv", "--out", csv.to_str().expect("utf-8")],
    );
    assert!(std::fs::read_to_string(&csv)
        .expect("the export")
        .contains("Kept"));

    // A change is refused, naming the book's disk and what to do.
    for args in [
        vec!["contacts", "add", "--first-name", "Lost"],
        vec!["touchpoint", "add", kept.trim(), "--kind", "call"],
        vec!["settings", "set", "business_name", "Full Shop"],
    ] {
        let message = refused(&data, &args);
        assert!(
            message.contains("The disk holding your Rapport book") && message.contains("is full"),
            "{args:?}: {message}"
        );
        assert!(message.contains("Free some space"), "{message}");
    }

    // Space again: writing works, nothing was lost, nothing refused was stored.
    std::fs::remove_file(disk.0.join("filler")).expect("free the space");
    ok(&data, &["contacts", "add", "--first-name", "After"]);
    let list = ok(&data, &["contacts", "list"]);
    assert!(list.contains("Kept") && list.contains("After") && !list.contains("Lost"));
    let book = rapport_core::Book::open(&data).expect("open");
    assert_eq!(book.integrity_check().expect("check"), "ok");
    assert_eq!(book.contact_count().expect("count"), 42);
}

#[test]
fn a_copy_to_a_full_disk_blames_that_disk_not_the_book() {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(dest) = mounted(dir.path(), "dest", "256k") else {
        return;
    };
    let data = dir.path().join("data");
    ok(&data, &["demo", "--contacts", "200", "--seed", "7"]);
    fill(&dest.0.join("filler"));
    let folder = dest.0.display().to_string();

    for (args, file) in [
        (vec!["backup", "--out"], "b.db"),
        (vec!["export", "csv", "--out"], "all.csv"),
        (vec!["export", "xlsx", "--out"], "all.xlsx"),
        (vec!["export", "vcard", "--out"], "all.vcf"),
    ] {
        let out = dest.0.join(file);
        let mut args = args.clone();
        args.push(out.to_str().expect("utf-8"));
        let message = refused(&data, &args);
        assert!(
            message.contains(&format!("The disk holding {folder} is full")),
            "{args:?}: {message}"
        );
        assert!(
            !message.contains("Rapport book"),
            "blames the book: {message}"
        );
        assert!(!out.exists(), "a partial {file} was left");
    }
    let leftovers: Vec<_> = std::fs::read_dir(&dest.0)
        .expect("read the destination")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .filter(|n| n != "filler")
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    let book = rapport_core::Book::open(&data).expect("open");
    assert_eq!(book.integrity_check().expect("check"), "ok");
}
