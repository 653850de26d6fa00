//! The command line: `archdesk check`, `archdesk rules` and `archdesk
//! export`, as DESIGN.md sets out. The editor and the command line call the
//! same library functions, so an export from either is byte-identical.
//!
//! Exit codes: 0 success; 1 the model has errors (check; with `--deny
//! warnings` also warnings) or cannot be exported as asked; 2 usage errors
//! and unreadable or invalid input files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::check::{self, Finding, Severity};
use crate::export::{self, ExportError, Format, Options};
use crate::store;

/// archdesk — one model of a backend architecture, exported as SQL DDL,
/// OpenAPI 3.1 and C4 diagrams.
#[derive(Debug, Parser)]
#[command(name = "archdesk", version, args_conflicts_with_subcommands = true)]
#[command(
    after_help = "Exit codes: 0 success; 1 the model has errors (check), differs (diff) or cannot be exported as asked; 2 usage errors and unreadable or invalid input files."
)]
pub struct Cli {
    /// A model file to open in the editor.
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate and review a model; exit 1 when it has errors.
    Check {
        /// The model file (.ron).
        file: PathBuf,
        /// Print the findings as a JSON array.
        #[arg(long)]
        json: bool,
        /// Also exit 1 on findings of this severity (`--deny warnings`).
        #[arg(long, value_enum, value_name = "LEVEL")]
        deny: Option<Deny>,
    },
    /// List the review rules: id, default severity and what each finds
    /// (structural rules cannot be tuned per model).
    Rules {
        /// Print the rules as docs/RULES.md holds them.
        #[arg(long, conflicts_with = "json")]
        markdown: bool,
        /// Print the rules as a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Write SQL DDL, OpenAPI or SVG diagrams from a model.
    Export {
        /// The model file (.ron).
        file: PathBuf,
        /// The format to write.
        #[arg(long, value_enum)]
        to: Format,
        /// Where to write: a file, or a folder when there are several outputs.
        /// Without it the output goes to standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Only this view (svg), API (openapi) or database (SQL), by id.
        #[arg(long, visible_aliases = ["api", "database"])]
        view: Option<String>,
    },
    /// What changed from one model to another, by stable id and property,
    /// each change marked breaking or compatible; exit 0 when nothing
    /// changed, 1 when something did, 2 on errors (as diff(1)).
    Diff {
        /// The old model: a file, or `git:REV:PATH` (PATH as git names it:
        /// from the top of the repository, or `./…` from here).
        old: String,
        /// The new model, the same way.
        new: String,
        #[arg(long, value_enum, default_value = "text")]
        format: DiffFormat,
        /// Exit 1 only when a change is breaking.
        #[arg(long)]
        breaking: bool,
    },
    /// Merge two versions of a model that grew from one base, by id and
    /// property (a git merge driver: `archdesk merge %O %A %B -o %A
    /// --report %P.conflicts.txt`). Exit 0 with the merged model; 1 on
    /// conflicts, with OURS kept in OUT and a report in the report file
    /// and on stderr; 2 on errors.
    Merge {
        /// The common ancestor.
        base: PathBuf,
        /// Our version.
        ours: PathBuf,
        /// Their version.
        theirs: PathBuf,
        /// Where the merged model goes; without it, standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Where the conflict report goes; OUT.conflicts.txt by default.
        #[arg(long)]
        report: Option<PathBuf>,
    },
}

/// How `archdesk diff` writes the difference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// A line per item and per property, for a terminal.
    Text,
    /// An object with the counts and every change.
    Json,
    /// Grouped by area with a summary line, for a pull-request comment.
    Markdown,
}

/// Findings that `archdesk check --deny` turns into a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Deny {
    /// Open (not accepted) warnings fail the check as errors do.
    Warnings,
}

/// Runs a parsed command line; `open_editor` is called for `archdesk [FILE]`.
pub fn run(cli: Cli, open_editor: impl FnOnce(Option<PathBuf>) -> ExitCode) -> ExitCode {
    match cli.command {
        None => open_editor(cli.file),
        Some(Command::Check { file, json, deny }) => check_cmd(&file, json, deny),
        Some(Command::Rules { markdown, json }) => rules_cmd(markdown, json),
        Some(Command::Export {
            file,
            to,
            output,
            view,
        }) => export_cmd(&file, to, output.as_deref(), view),
        Some(Command::Diff {
            old,
            new,
            format,
            breaking,
        }) => diff_cmd(&old, &new, format, breaking),
        Some(Command::Merge {
            base,
            ours,
            theirs,
            output,
            report,
        }) => merge_cmd(&base, &ours, &theirs, output.as_deref(), report.as_deref()),
    }
}

/// Prints one error sentence to stderr, made printable
/// ([`crate::text::printable`]), and returns the exit code.
fn fail(code: u8, message: impl std::fmt::Display) -> ExitCode {
    let message = message.to_string();
    #[allow(clippy::print_stderr)]
    {
        eprintln!("archdesk: {}", crate::text::printable(&message));
    }
    ExitCode::from(code)
}

fn write_stdout(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(1, format!("could not write to standard output: {e}")),
    }
}

fn check_cmd(file: &Path, json: bool, deny: Option<Deny>) -> ExitCode {
    let doc = match store::load(file) {
        Ok(doc) => doc,
        Err(e) => return fail(2, e),
    };
    let findings = check::check(&doc);
    let text = if json {
        json_report(&findings)
    } else {
        human_report(file, &findings)
    };
    let code = write_stdout(&text);
    if code != ExitCode::SUCCESS {
        return code;
    }
    let denied = deny == Some(Deny::Warnings) && check::has_warnings(&findings);
    if check::has_errors(&findings) || denied {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The findings as a pretty JSON array, one object per finding (see
/// [`Finding`] for the fields), ending in a newline.
pub fn json_report(findings: &[Finding]) -> String {
    // Findings are plain strings and enums: serializing them cannot fail.
    let mut s = serde_json::to_string_pretty(findings).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// Findings grouped by severity — errors, warnings, notes, then the
/// accepted ones — each with the element's path, the message and the hint.
/// The model's own strings in it are made printable
/// ([`crate::text::printable`]).
pub fn human_report(file: &Path, findings: &[Finding]) -> String {
    use crate::text::{plural, printable};
    let open = |s: Severity| {
        findings
            .iter()
            .filter(move |f| f.severity == s && f.is_open())
    };
    let accepted = findings.iter().filter(|f| !f.is_open()).count();
    let mut out = format!(
        "{}: {}, {}, {}",
        printable(&file.display().to_string()),
        plural(open(Severity::Error).count(), "error"),
        plural(open(Severity::Warning).count(), "warning"),
        plural(open(Severity::Info).count(), "note"),
    );
    if accepted > 0 {
        out.push_str(&format!(" ({accepted} accepted)"));
    }
    out.push('\n');
    let item = |out: &mut String, f: &Finding| {
        out.push_str(&format!(
            "  {}[{}] {}\n      {}\n      hint: {}\n",
            f.severity.label(),
            f.rule,
            printable(&if f.path.is_empty() {
                f.location()
            } else {
                f.path.clone()
            }),
            printable(&f.message),
            printable(&f.hint)
        ));
    };
    for (severity, title) in [
        (Severity::Error, "Errors"),
        (Severity::Warning, "Warnings"),
        (Severity::Info, "Notes"),
    ] {
        let mut group: Vec<&Finding> = open(severity).collect();
        group.sort_by(|a, b| (&a.path, a.rule).cmp(&(&b.path, b.rule)));
        if group.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{title} ({})\n", group.len()));
        for f in group {
            item(&mut out, f);
        }
    }
    if accepted > 0 {
        out.push_str(&format!("\nAccepted ({accepted})\n"));
        let mut group: Vec<&Finding> = findings.iter().filter(|f| !f.is_open()).collect();
        group.sort_by(|a, b| (a.severity, &a.path, a.rule).cmp(&(b.severity, &b.path, b.rule)));
        for f in group {
            item(&mut out, f);
            let reason = f.accepted.as_deref().unwrap_or_default();
            out.push_str(&format!(
                "      accepted: {}\n",
                if reason.is_empty() {
                    "(no reason given)".into()
                } else {
                    printable(reason)
                }
            ));
        }
    }
    out
}

fn rules_cmd(markdown: bool, json: bool) -> ExitCode {
    if markdown {
        return write_stdout(&check::rules_markdown());
    }
    if json {
        // Rules are static strings and enums: serializing them cannot fail.
        let mut s = serde_json::to_string_pretty(check::RULES).unwrap_or_else(|_| "[]".into());
        s.push('\n');
        return write_stdout(&s);
    }
    let width = check::RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in check::RULES {
        out.push_str(&format!(
            "{:<width$}  {:<7}  {}{}\n",
            r.id,
            r.severity.label(),
            if r.is_structural() {
                "[structural] "
            } else {
                ""
            },
            r.summary
        ));
    }
    write_stdout(&out)
}

fn export_cmd(file: &Path, to: Format, output: Option<&Path>, only: Option<String>) -> ExitCode {
    let doc = match store::load(file) {
        Ok(doc) => doc,
        Err(e) => return fail(2, e),
    };
    let artifacts = match export::export(&doc, to, &Options { only }) {
        Ok(a) => a,
        Err(e @ ExportError::UnknownTarget { .. }) => {
            return fail(2, format!("{}: {e}", file.display()));
        }
        Err(e @ ExportError::Invalid(_)) => {
            let findings = match &e {
                ExportError::Invalid(f) => f.as_slice(),
                _ => &[],
            };
            #[allow(clippy::print_stderr)]
            {
                eprint!("{}", human_report(file, findings));
            }
            return fail(1, format!("{}: {e}", file.display()));
        }
        Err(e) => return fail(1, format!("{}: {e}", file.display())),
    };
    match (output, artifacts.as_slice()) {
        (None, [one]) => write_stdout(&one.text),
        (None, many) => fail(
            2,
            format!(
                "{}: the {to} export makes {} files ({}); pass -o FOLDER to write them all, or --view ID for one",
                file.display(),
                many.len(),
                many.iter()
                    .map(|a| a.file_name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        (Some(path), [one]) if !path.is_dir() => write_file(path, &one.text, file),
        (Some(dir), many) => {
            if let Err(e) = std::fs::create_dir_all(dir) {
                return fail(
                    1,
                    format!("{}: the folder cannot be created ({e})", dir.display()),
                );
            }
            for a in many {
                let code = write_file(&dir.join(&a.file_name), &a.text, file);
                if code != ExitCode::SUCCESS {
                    return code;
                }
            }
            ExitCode::SUCCESS
        }
    }
}

/// Writes one file of the export of `model`; never over a model.
fn write_file(path: &Path, text: &str, model: &Path) -> ExitCode {
    match store::write_export(path, text, Some(model)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e @ store::ExportWriteError::Protected { .. }) => fail(2, e),
        Err(e) => fail(1, e),
    }
}

/// A model named on the command line: a file, or `git:REV:PATH` read with
/// `git show` in the current folder's repository.
fn read_model(source: &str) -> Result<crate::model::Document, String> {
    let Some(spec) = source.strip_prefix("git:") else {
        return store::load(Path::new(source)).map_err(|e| e.to_string());
    };
    let Some((rev, path)) = spec
        .split_once(':')
        .filter(|(r, p)| !r.is_empty() && !p.is_empty())
    else {
        return Err(format!(
            "{source} is not a git source: write it as git:REV:PATH, such as git:HEAD~1:model.ron"
        ));
    };
    crate::store::git::show(Path::new("."), rev, path, source).map_err(|e| e.to_string())
}

fn diff_cmd(old: &str, new: &str, format: DiffFormat, breaking: bool) -> ExitCode {
    let (a, b) = match (read_model(old), read_model(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return fail(2, e),
    };
    let diff = crate::model::diff::diff(&a, &b);
    let text = match format {
        DiffFormat::Text => crate::export::diff::text(&diff),
        DiffFormat::Json => crate::export::diff::json(&diff),
        DiffFormat::Markdown => crate::export::diff::markdown(&diff),
    };
    let code = write_stdout(&text);
    if code != ExitCode::SUCCESS {
        return code;
    }
    let differs = if breaking {
        diff.is_breaking()
    } else {
        !diff.is_empty()
    };
    if differs {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The errors `check` finds in `doc`, as sentences.
fn errors(doc: &crate::model::Document) -> std::collections::BTreeSet<String> {
    crate::check::check(doc)
        .into_iter()
        .filter(|f| f.severity == crate::check::Severity::Error)
        .map(|f| f.message)
        .collect()
}

fn merge_cmd(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    output: Option<&Path>,
    report_file: Option<&Path>,
) -> ExitCode {
    let load = |p: &Path| store::load(p).map_err(|e| e.to_string());
    let (b, o, t) = match (load(base), load(ours), load(theirs)) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return fail(2, e),
    };
    let merged = crate::model::diff::merge::merge(&b, &o, &t);
    let mut report: Vec<String> = merged
        .conflicts
        .iter()
        .map(|c| {
            use crate::export::diff::show;
            let what = match (&c.id, c.path.is_empty()) {
                (Some(id), true) => format!("{id}: removed on one side, changed on the other"),
                (Some(id), false) => format!("{id} {}", c.path),
                (None, _) => format!("the model's {}", c.path),
            };
            format!(
                "{what}: ours {}, theirs {} (base {})",
                show(&c.path, c.ours.as_ref()),
                show(&c.path, c.theirs.as_ref()),
                show(&c.path, c.base.as_ref())
            )
        })
        .collect();
    // What each side's model holds together may not when merged (a
    // relationship to an element the other side removed): the merge is
    // read back as a file would be, then reviewed.
    let text = match store::to_ron(&merged.doc) {
        Ok(t) => t,
        Err(e) => return fail(2, e),
    };
    if report.is_empty() {
        let name = output.unwrap_or(Path::new("the merged model"));
        if let Err(e) = store::parse(&text, name) {
            report.push(format!("the merged model does not hold together: {e}"));
        }
    }
    if report.is_empty() {
        let known: std::collections::BTreeSet<String> =
            errors(&o).into_iter().chain(errors(&t)).collect();
        report.extend(
            errors(&merged.doc)
                .into_iter()
                .filter(|e| !known.contains(e))
                .map(|e| format!("the merged model: {e}")),
        );
    }
    if report.is_empty() {
        return match output {
            Some(out) => match store::write_atomic(out, &text) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(2, e),
            },
            None => write_stdout(&text),
        };
    }
    // Conflicts: ours stays (as git leaves it), the report beside it.
    let mut text = format!(
        "archdesk merge: {}; ours is kept, as it was:",
        crate::text::plural(report.len(), "conflict")
    );
    text.push('\n');
    for line in &report {
        text.push_str("- ");
        text.push_str(&crate::text::printable(line));
        text.push('\n');
    }
    if let Some(out) = output {
        let same = std::fs::canonicalize(out).ok() == std::fs::canonicalize(ours).ok();
        if !same {
            let kept = match std::fs::read_to_string(ours) {
                Ok(t) => t,
                Err(e) => return fail(2, format!("cannot read {}: {e}", ours.display())),
            };
            if let Err(e) = store::write_atomic(out, &kept) {
                return fail(2, e);
            }
        }
    }
    let beside = output.map(|out| {
        let mut name = out.as_os_str().to_owned();
        name.push(".conflicts.txt");
        PathBuf::from(name)
    });
    if let Some(file) = report_file.map(Path::to_owned).or(beside)
        && let Err(e) = store::write_atomic(&file, &text)
    {
        return fail(2, e);
    }
    #[allow(clippy::print_stderr)]
    {
        eprint!("{text}");
    }
    ExitCode::from(1)
}
