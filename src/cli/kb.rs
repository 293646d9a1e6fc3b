//! `gazette kb`: inspect the built-in knowledge and validate the user's
//! knowledge-base files.

use clap::Subcommand;
use gazette::kb::{Kb, user};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Subcommand, Debug)]
pub enum KbCommand {
    /// Validate `gazette.toml` and the knowledge-base files it names;
    /// prints `path:line:column: error: message`, exits 1 on any problem.
    Check {
        /// Workspace root holding gazette.toml.
        #[arg(default_value = ".")]
        root: PathBuf,
    },
    /// Counts of what the built-in (and user) knowledge holds.
    Stats {
        #[arg(default_value = ".")]
        root: PathBuf,
    },
    /// Look a name up: the countries and people it links to.
    Lookup {
        name: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn layered(root: &std::path::Path) -> (Arc<Kb>, Vec<gazette::kb::KbError>) {
    let (u, mut errors) = user::load(root);
    if u.is_empty() {
        return (Kb::builtin(), errors);
    }
    match Kb::with_user(&Kb::builtin(), &u) {
        Ok(kb) => (Arc::new(kb), errors),
        Err(e) => {
            errors.push(e);
            (Kb::builtin(), errors)
        }
    }
}

pub fn run(cmd: &KbCommand) -> ExitCode {
    match cmd {
        KbCommand::Check { root } => {
            let (u, errors) = user::load(root);
            for e in &errors {
                println!(
                    "{}:{}:{}: error: {}",
                    e.file,
                    e.line,
                    e.column.unwrap_or(1),
                    e.message
                );
            }
            if errors.is_empty() {
                println!(
                    "ok: {} people, {} country aliases, {} not-a-person phrases from {} files",
                    u.people.len(),
                    u.country_aliases.len(),
                    u.not_person.len(),
                    u.files.len()
                );
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        KbCommand::Stats { root } => {
            let (kb, errors) = layered(root);
            println!("countries: {}", kb.countries.countries.len());
            println!(
                "country and demonym surfaces: {}",
                kb.countries.surfaces.len()
            );
            println!("people: {}", kb.people.len());
            println!("given names: {}", kb.names.given_count());
            println!("surnames: {}", kb.names.surname_count());
            if !errors.is_empty() {
                eprintln!(
                    "gazette: {} problems in the user knowledge base; run `gazette kb check`",
                    errors.len()
                );
            }
            ExitCode::SUCCESS
        }
        KbCommand::Lookup { name, root } => {
            let (kb, _) = layered(root);
            let mut found = false;
            for c in &kb.countries.countries {
                if c.aliases
                    .iter()
                    .chain(&c.demonyms)
                    .any(|a| a.eq_ignore_ascii_case(name))
                {
                    println!(
                        "country:{}\t{}\t{}",
                        c.iso2.to_ascii_lowercase(),
                        c.canonical,
                        c.official
                    );
                    found = true;
                }
            }
            for &i in kb.people.by_name(name) {
                let p = kb.people.get(i as usize);
                println!("person\t{}\t{}\t{}", p.qid, p.canonical, p.country);
                found = true;
            }
            if found {
                ExitCode::SUCCESS
            } else {
                eprintln!("gazette: {name:?} is in no knowledge base");
                ExitCode::from(1)
            }
        }
    }
}
