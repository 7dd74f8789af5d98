//! What Settings says about the SMTP password: which user it belongs to and whether one is
//! available — never the password itself. (One test: it sets the process's environment.)

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

mod common;

use rapport_core::settings::PASSWORD_ENV;

#[test]
fn the_password_state_names_the_user_and_never_the_password() {
    let (_dir, mut book) = common::new_book();
    let state = book.smtp_password_state().unwrap();
    assert_eq!(
        (state.user.as_str(), state.stored),
        ("", false),
        "no user yet"
    );
    assert!(book.set_smtp_password("secret").is_err(), "a user first");

    book.set_setting("smtp_user", "shop@example.com").unwrap();
    std::env::set_var(PASSWORD_ENV, "from the environment");
    let state = book.smtp_password_state().unwrap();
    assert_eq!(state.user, "shop@example.com");
    assert!(state.stored, "the environment's password counts");
    assert!(state.problem.is_none());
    let said = serde_json::to_string(&state).unwrap();
    assert!(!said.contains("from the environment"), "{said}");
    std::env::remove_var(PASSWORD_ENV);
    // Without it, this machine's keyring answers: stored or not, or why it cannot say.
    let state = book.smtp_password_state().unwrap();
    assert!(!state.stored || state.problem.is_none());
    if let Some(problem) = state.problem {
        assert!(problem.contains(PASSWORD_ENV), "says what to do: {problem}");
    }
}
