//! A card batch on a machine whose fonts lack some scripts: the names no font can print are left
//! out and listed, every other card is printed; with the missing characters dropped they print
//! too. The system's fonts are taken away through `FONTCONFIG_FILE` (fontconfig, which the
//! renderer's font fallback asks), so only Rapport's shipped Noto Sans/Serif (Latin, Greek,
//! Cyrillic) remain: no emoji, no Han. One test in this file, because the variable is read once
//! per process.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use std::path::Path;
use std::process::Command;
use std::sync::atomic::AtomicBool;

use common::*;
use rapport_core::cards::{Destination, FontSet, Recipients};
use rapport_core::{Error, ErrorCode};

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is needed for this test; run tests/run");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn names_no_font_can_print_are_left_out_and_the_rest_is_printed() {
    let fonts_dir = tempfile::tempdir().unwrap();
    let empty = fonts_dir.path().join("fonts");
    std::fs::create_dir(&empty).unwrap();
    let conf = fonts_dir.path().join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<fontconfig><dir>{}</dir><cachedir>{}</cachedir></fontconfig>\n",
            empty.display(),
            fonts_dir.path().join("cache").display()
        ),
    )
    .unwrap();
    // Before any font is looked up, and the only test in this process.
    std::env::set_var("FONTCONFIG_FILE", &conf);
    let fonts = FontSet::new();

    let (dir, mut book) = new_book();
    book.set_setting("business_name", "Ann's Bakery").unwrap();
    let ann = add(&mut book, person("Ann", "Baker"));
    let chef = add(&mut book, person("Bob 🧑‍🍳", "Stone"));
    let olga = add(&mut book, person("Ольга", "Petrova"));
    let wei = add(&mut book, person("王伟", "Wang"));
    let occasion = book.occasion("birthday").unwrap();
    let design = book.card_design(&occasion, None).unwrap();
    let everyone = Recipients::Picked {
        ids: vec![ann, chef, olga, wei],
    };

    let out = dir.path().join("batch.pdf");
    let run = book
        .prepare_cards(
            &everyone,
            design.clone(),
            &[],
            Destination::File(&out),
            today(),
        )
        .unwrap();
    let printed = run
        .print(&fonts, &mut |_, _| {}, &AtomicBool::new(false))
        .unwrap();

    assert_eq!(printed.pages, 2);
    assert_eq!(printed.recipient_ids, vec![ann, olga]);
    let left: Vec<(i64, &str, &str, &str)> = printed
        .left_out
        .iter()
        .map(|u| {
            (
                u.contact_id,
                u.display_name.as_str(),
                u.missing.as_str(),
                u.printable_name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        left,
        vec![
            (chef, "Bob 🧑‍🍳 Stone", "🧑🍳", "Bob Stone"),
            (wei, "王伟 Wang", "王伟", "Wang"),
        ]
    );
    let text = pdftotext(&out);
    // The cards greet by first name.
    assert!(
        text.contains("Dear Ann") && text.contains("Dear Ольга"),
        "{text}"
    );
    assert!(!text.contains("Dear Bob"), "{text}");
    assert_eq!(text.matches("Dear ").count(), 2, "{text}");

    // The left-out cards, printed without the characters no font has.
    let left_ids: Vec<i64> = printed.left_out.iter().map(|u| u.contact_id).collect();
    let rest = dir.path().join("left-out.pdf");
    let run = book
        .prepare_cards(
            &Recipients::Picked { ids: left_ids },
            design.clone(),
            &[],
            Destination::File(&rest),
            today(),
        )
        .unwrap();
    let printed = run
        .dropping_missing_characters()
        .print(&fonts, &mut |_, _| {}, &AtomicBool::new(false))
        .unwrap();
    assert_eq!(printed.recipient_ids, vec![chef, wei]);
    assert!(printed.left_out.is_empty());
    let text = pdftotext(&rest);
    assert!(text.contains("Dear Bob,"), "{text}");
    // A first name with nothing printable left is greeted by the rest of the name.
    assert!(text.contains("Dear Wang,"), "{text}");
    assert!(!text.contains("Dear ,"), "{text}");
    assert_eq!(text.matches("Dear ").count(), 2, "{text}");
    assert!(!text.contains('🧑') && !text.contains('王'), "{text}");

    // Nobody printable: nothing written, and an error the window and the CLI can tell apart.
    let none = dir.path().join("none.pdf");
    let run = book
        .prepare_cards(
            &Recipients::Picked { ids: vec![wei] },
            design,
            &[],
            Destination::File(&none),
            today(),
        )
        .unwrap();
    let error: Error = run
        .print(&fonts, &mut |_, _| {}, &AtomicBool::new(false))
        .unwrap_err();
    assert_eq!(error.code(), ErrorCode::NothingPrintable);
    assert!(error.to_string().contains("王伟 Wang (#"), "{error}");
    assert!(!none.exists());
}
