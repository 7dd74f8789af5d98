//! The UI's TypeScript types are generated from the Rust types; this fails when the file checked
//! into the UI is stale (and rewrites it with `UPDATE_BINDINGS=1`).

use std::path::PathBuf;

#[test]
fn bindings_checked_into_the_ui_are_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/bindings.ts");
    let generated = rapport_core::bindings::typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "ui/src/api/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p rapport-core bindings` and commit it"
    );
}
