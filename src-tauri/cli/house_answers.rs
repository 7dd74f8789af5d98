//! `rapport answers …`: the shop's house answers (opening hours, allergens, returns, delivery),
//! so everyone answers the same way. On the team's book only an owner changes them.

use std::path::Path;

use clap::Subcommand;
use rapport_core::contacts::{HouseAnswer, HouseAnswerInput};

use super::{message, open, to_json};

#[derive(Subcommand)]
pub enum AnswersCommand {
    /// The house answers, by topic.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a house answer.
    Add {
        /// "Opening hours", "Allergens", "Returns"…
        #[arg(long)]
        topic: String,
        /// What everyone says (line breaks as typed).
        #[arg(long)]
        answer: String,
        /// It is a promise the shop makes ("A refund within 14 days").
        #[arg(long)]
        promise: bool,
        #[arg(long)]
        json: bool,
    },
    /// Change house answer ID: the fields given are replaced.
    Edit {
        id: i64,
        #[arg(long)]
        topic: Option<String>,
        #[arg(long)]
        answer: Option<String>,
        /// Whether it is a promise: yes or no.
        #[arg(long, value_parser = ["yes", "no"])]
        promise: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Remove house answer ID (promises made with it stay on their customers' timelines).
    Remove {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

pub fn answers(data_dir: &Path, command: AnswersCommand) -> Result<String, String> {
    match command {
        AnswersCommand::List { json } => {
            let answers = open(data_dir)?.house_answers().map_err(message)?;
            Ok(if json {
                to_json(&answers)
            } else if answers.is_empty() {
                "No house answers yet. Add one with: rapport answers add --topic \"Opening hours\" --answer \"…\"".into()
            } else {
                answers.iter().map(shown).collect::<Vec<_>>().join("\n\n")
            })
        }
        AnswersCommand::Add {
            topic,
            answer,
            promise,
            json,
        } => {
            let added = open(data_dir)?
                .add_house_answer(HouseAnswerInput {
                    topic,
                    answer,
                    is_promise: promise,
                })
                .map_err(message)?;
            Ok(if json {
                to_json(&added)
            } else {
                format!("Added house answer {}: {}.", added.id, added.topic)
            })
        }
        AnswersCommand::Edit {
            id,
            topic,
            answer,
            promise,
            json,
        } => {
            let mut book = open(data_dir)?;
            let current = book
                .house_answers()
                .map_err(message)?
                .into_iter()
                .find(|a| a.id == id)
                .ok_or_else(|| {
                    format!("There is no house answer {id}; see `rapport answers list`.")
                })?;
            let changed = book
                .edit_house_answer(
                    id,
                    HouseAnswerInput {
                        topic: topic.unwrap_or(current.topic),
                        answer: answer.unwrap_or(current.answer),
                        is_promise: promise.map_or(current.is_promise, |p| p == "yes"),
                    },
                )
                .map_err(message)?;
            Ok(if json {
                to_json(&changed)
            } else {
                format!("Changed house answer {}: {}.", changed.id, changed.topic)
            })
        }
        AnswersCommand::Remove { id, json } => {
            let removed = open(data_dir)?.remove_house_answer(id).map_err(message)?;
            Ok(if json {
                to_json(&removed)
            } else {
                format!("Removed house answer {}: {}.", removed.id, removed.topic)
            })
        }
    }
}

/// "3  Returns (a promise)" and the answer beneath, indented.
fn shown(answer: &HouseAnswer) -> String {
    let mut out = format!("{:>3}  {}", answer.id, answer.topic);
    if answer.is_promise {
        out.push_str(" (a promise)");
    }
    for line in answer.answer.lines() {
        out.push_str(&format!("\n     {line}"));
    }
    out
}
