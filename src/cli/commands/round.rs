//! `qingdan round status [--rev REV] [--format table|json] [--office ID]` and
//! `qingdan round advance [--dry-run] [--document-number 文号]`.

use qingdan::i18n::terminal_safe;
use std::path::Path;

use clap::{Subcommand, ValueEnum};
use comfy_table::{Table, presets};
use qingdan::coding::ledger::today_cst;
use qingdan::finding::{Arg, Message};
use qingdan::i18n::Lang;
use qingdan::model::config::Date;
use qingdan::model::record::PUBLICATION_FILE;
use qingdan::model::{Labelled, Publication, Reviewer, Round};
use qingdan::rounds::gates::Blocker;
use qingdan::rounds::status::{self, Status};
use qingdan::rounds::tags::{self, RoundState, RoundTag};
use qingdan::rounds::{self, Snapshot, git};
use qingdan::source::{GitError, GitSource, Source};
use qingdan::texts;
use qingdan::yaml::write::PUBLICATION_LAYOUT;
use serde_json::{Value, json};

use crate::cli::{Ctx, Exit};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: RoundCommand,
}

#[derive(Debug, Subcommand)]
pub enum RoundCommand {
    /// Show the round, the deadlines and each department's findings, opinions and receipts
    Status(StatusArgs),
    /// Check the gate of the current round and, when it passes, tag HEAD
    Advance(AdvanceArgs),
}

#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// The catalog as it was at this git revision (the round from the tags reachable from it)
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// List every item routed to this reviewer (an office id or name, or a supervising department's id) with the reasons
    #[arg(long, value_name = "ID")]
    pub office: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct AdvanceArgs {
    /// Show what would happen, creating no tag
    #[arg(long)]
    pub dry_run: bool,
    /// The publication's 文号 (required when advancing publishes): written
    /// with the issuer and date to reviews/published/publication.yaml, committed
    /// and tagged
    #[arg(long, value_name = "文号")]
    pub document_number: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
}

pub fn run(ctx: &Ctx, args: Args) -> Exit {
    match args.command {
        RoundCommand::Status(args) => run_status(ctx, args),
        RoundCommand::Advance(args) => run_advance(ctx, args),
    }
}

/// A `qingdan/` tag that is no round tag is left out of the rounds; the
/// user hears so, on stderr (it is no finding of the catalog's files).
fn warn_unrecognised(ctx: &Ctx, state: &tags::RoundState) {
    for tag in &state.unrecognised {
        let text = ctx.tr(
            "cli.round.unrecognised_tag",
            &[("tag", tag.as_str().into())],
        );
        ctx.warn(&format!("qingdan: {text}\n"));
    }
}

fn run_status(ctx: &Ctx, args: StatusArgs) -> Exit {
    let root = ctx.catalog_dir();
    let source = match ctx.open_source(&root, args.rev.as_deref()) {
        Ok(source) => source,
        Err(exit) => return exit,
    };
    let rev = args.rev.as_deref().unwrap_or("HEAD");
    let state = match git::tags_reachable(&root, git::ROUND_TAGS, rev) {
        Ok(reachable) => tags::state(&reachable),
        Err(error) => return git_read_failed(ctx, &error),
    };
    warn_unrecognised(ctx, &state);
    let all_tags = match git::tags(&root, git::ROUND_TAGS) {
        Ok(all) => all,
        Err(error) => return git_read_failed(ctx, &error),
    };
    let snap = match load(ctx, &root, source.as_ref(), &state) {
        Ok(snap) => snap,
        Err(exit) => return exit,
    };
    let mut status = status::status(&state, &snap, &today_cst());
    if let Some(id) = &args.office {
        match chosen_reviewer(ctx, &snap, id) {
            Ok(reviewer) => status.reviewers.retain(|r| r.reviewer == reviewer),
            Err(exit) => return exit,
        }
    }
    let closing = tags::tags_closing(state.round, &today_cst(), &all_tags);
    match args.format {
        Format::Table => print_status(ctx, &snap, &status, &closing, args.office.is_some()),
        Format::Json => ctx.say(
            &serde_json::to_string_pretty(&status_json(ctx.lang, &status)).expect("plain data"),
        ),
    }
    Exit::Ok
}

/// The reviewer `--office` names: one of the catalog's offices (by id or
/// name), or a supervising department.
fn chosen_reviewer(ctx: &Ctx, snap: &Snapshot, id: &str) -> Result<Reviewer, Exit> {
    if let Some(reviewer) = snap.catalog.reviewer(id) {
        return Ok(reviewer);
    }
    let (zh, en) = rounds::reviews::office_listing(snap.catalog.config.offices());
    Err(ctx.fail_message(
        &Message::new("review.unknown_office")
            .arg("office", id)
            .localized("allowed", zh, en),
    ))
}

fn pick<'a>(lang: Lang, (zh, en): (&'a str, &'a str)) -> &'a str {
    lang.pick(zh, en)
}

/// `收费标准、收费依据` / `fee standard, fee basis`.
fn reasons_text(
    lang: Lang,
    reasons: impl IntoIterator<Item = (&'static str, &'static str)>,
) -> String {
    let labels: Vec<&str> = reasons.into_iter().map(|l| pick(lang, l)).collect();
    labels.join(pick(lang, ("、", ", ")))
}

/// Each reviewer: its duties and how many items each reason sends it.
fn routing_table(ctx: &Ctx, status: &Status) -> Table {
    let columns = [
        "cli.round.col.reviewer",
        "cli.round.col.id",
        "cli.round.col.duties",
        "cli.round.col.routed",
        "cli.round.col.reasons",
    ];
    let mut table = new_table(columns.iter().map(|k| ctx.tr(k, &[])).collect());
    for r in &status.reviewers {
        let name = pick(ctx.lang, (&r.name.0, &r.name.1)).to_string();
        let duties = if r.duties.is_empty() {
            ctx.tr("cli.round.supervisor", &[])
        } else {
            reasons_text(ctx.lang, r.duties.iter().map(|d| (d.zh(), d.en())))
        };
        let counts: Vec<String> = r
            .counts()
            .iter()
            .map(|(reason, n)| format!("{} {n}", pick(ctx.lang, reason.label())))
            .collect();
        let counts = if counts.is_empty() {
            "—".to_string()
        } else {
            counts.join(pick(ctx.lang, ("；", "; ")))
        };
        let row = [
            name,
            r.reviewer.id().to_string(),
            duties,
            r.items.len().to_string(),
            counts,
        ];
        table.add_row(row.map(|c| terminal_safe(&c).into_owned()));
    }
    table
}

/// `round status --office X`: every item routed to X, with the reasons.
fn print_routed_items(ctx: &Ctx, snap: &Snapshot, status: &Status) {
    for r in &status.reviewers {
        let args = [
            ("office", pick(ctx.lang, (&r.name.0, &r.name.1)).into()),
            ("id", r.reviewer.id().into()),
            ("count", r.items.len().into()),
        ];
        ctx.say(&ctx.tr("cli.round.office_items", &args));
        let columns = [
            "cli.round.col.department",
            "cli.round.col.item",
            "cli.round.col.why",
        ];
        let mut table = new_table(columns.iter().map(|k| ctx.tr(k, &[])).collect());
        for item in &r.items {
            let department = snap
                .catalog
                .department(&item.department)
                .map_or(item.department.as_str(), |d| d.name.as_str());
            let name = match &item.code {
                Some(code) => format!("{}\n{code}", item.name),
                None => format!("{}\n{}", item.name, item.file),
            };
            let reasons = reasons_text(ctx.lang, item.reasons.iter().map(|r| r.label()));
            table.add_row(
                [department.to_string(), name, reasons].map(|c| terminal_safe(&c).into_owned()),
            );
        }
        ctx.say(&table.to_string());
    }
}

fn run_advance(ctx: &Ctx, args: AdvanceArgs) -> Exit {
    let root = ctx.catalog_dir();
    let _lock = match ctx.lock_unless(args.dry_run, &root, "round advance") {
        Ok(lock) => lock,
        Err(exit) => return exit,
    };
    let head = match ctx.open_revision(&root, "HEAD") {
        Ok(source) => source,
        Err(exit) => return exit,
    };
    // Creating the tags needs git: say so before any work.
    if !args.dry_run
        && let Err(error) = git::available()
    {
        return git_run_failed(ctx, error);
    }
    // The lock file (ours, while we hold it) is no change to the catalog.
    let uncommitted = git::uncommitted(&root).map(|files| {
        files
            .into_iter()
            .filter(|f| !f.ends_with(qingdan::lock::LOCK_FILE))
            .collect::<Vec<_>>()
    });
    match uncommitted {
        Err(error) => return git_read_failed(ctx, &error),
        Ok(files) if !files.is_empty() && !args.dry_run => {
            return ctx.fail("cli.round.dirty", &[("files", files_arg(&files))]);
        }
        Ok(files) if !files.is_empty() => {
            ctx.say(&ctx.tr("cli.round.dirty_dry_run", &[("files", files_arg(&files))]))
        }
        Ok(_) => {}
    }
    let state = match git::tags_reachable(&root, git::ROUND_TAGS, "HEAD") {
        Ok(reachable) => tags::state(&reachable),
        Err(error) => return git_read_failed(ctx, &error),
    };
    warn_unrecognised(ctx, &state);
    let all_tags = match git::tags(&root, git::ROUND_TAGS) {
        Ok(all) => all,
        Err(error) => return git_read_failed(ctx, &error),
    };
    let snap = match load(ctx, &root, &head, &state) {
        Ok(snap) => snap,
        Err(exit) => return exit,
    };
    let published = state.last_published.as_ref().map(RoundTag::name);
    let blockers = rounds::gates::check(state.round, &snap, published.as_deref());
    let round_args = round_arg(state.round);
    if !blockers.is_empty() {
        ctx.say(&blocker_table(ctx, &snap, &blockers).to_string());
        let args = [("round", round_args), ("count", blockers.len().into())];
        ctx.say(&ctx.tr("cli.round.refused", &args));
        return Exit::Gate;
    }
    let closing = tags::tags_closing(state.round, &today_cst(), &all_tags);
    let next = closing.last().map_or(state.round, RoundTag::round_after);
    let names = closing
        .iter()
        .map(RoundTag::name)
        .collect::<Vec<_>>()
        .join("、");
    let message_args = [
        ("round", round_args),
        ("tags", names.into()),
        ("next", round_arg(next)),
    ];
    if args.dry_run {
        ctx.say(&ctx.tr("cli.round.would_advance", &message_args));
        return Exit::Ok;
    }
    if closing
        .iter()
        .any(|t| matches!(t, RoundTag::Published { .. }))
        && let Err(exit) = record_publication(ctx, &root, &snap, args.document_number.as_deref())
    {
        return exit;
    }
    for tag in &closing {
        let closes = if matches!(tag, RoundTag::Published { .. }) && state.round == Round::Approved
        {
            Round::Published
        } else {
            state.round
        };
        match git::create_tag(&root, &tag.name(), &tag.message(closes)) {
            Ok(()) => {}
            Err(git::RunError::Missing) => return ctx.fail("cli.git.missing", &[]),
            Err(git::RunError::Failed(error)) => {
                return ctx.fail(
                    "cli.round.tag_failed",
                    &[("tag", tag.name().into()), ("error", error.into())],
                );
            }
        }
    }
    ctx.say(&ctx.tr("cli.round.advanced", &message_args));
    Exit::Ok
}

/// Writes `reviews/published/publication.yaml` (issuer from `catalog.yaml`
/// `publication.issuer`, the 文号, today) and commits it, so that the
/// publication tag holds its own record.
fn record_publication(
    ctx: &Ctx,
    root: &Path,
    snap: &Snapshot,
    document_number: Option<&str>,
) -> Result<(), Exit> {
    let Some(number) = document_number.map(str::trim).filter(|n| !n.is_empty()) else {
        return Err(ctx.fail("cli.round.no_document_number", &[]));
    };
    let issuer = snap
        .catalog
        .config
        .publication
        .as_ref()
        .and_then(|p| p.issuer.as_deref())
        .map(str::trim)
        .filter(|i| !i.is_empty());
    let Some(issuer) = issuer else {
        return Err(ctx.fail("cli.round.no_issuer", &[]));
    };
    let record = Publication {
        issuer: issuer.to_string(),
        document_number: number.to_string(),
        date: Date(today_cst()),
    };
    let value = serde_json::to_value(&record).expect("records serialize");
    let text = qingdan::yaml::write::document_text(&PUBLICATION_LAYOUT, &value);
    let path = root.join(PUBLICATION_FILE);
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| qingdan::fsutil::write_atomic(&path, text.as_bytes(), true));
    if let Err(error) = written {
        let label = path.display().to_string();
        return Err(ctx.fail(
            "cli.write_failed",
            &[("path", label.into()), ("error", error.to_string().into())],
        ));
    }
    let message = format!("公布记录（{number}）");
    match git::commit_file(root, PUBLICATION_FILE, &message) {
        Ok(()) => {
            ctx.say(&ctx.tr(
                "cli.round.published_record",
                &[("file", PUBLICATION_FILE.into()), ("number", number.into())],
            ));
            Ok(())
        }
        Err(git::RunError::Missing) => Err(ctx.fail("cli.git.missing", &[])),
        Err(git::RunError::Failed(error)) => Err(ctx.fail(
            "cli.round.commit_failed",
            &[("file", PUBLICATION_FILE.into()), ("error", error.into())],
        )),
    }
}

/// The snapshot of `source`, with the changes since the last publication
/// in the adjust round; the exit after saying why not.
fn load(ctx: &Ctx, root: &Path, source: &dyn Source, state: &RoundState) -> Result<Snapshot, Exit> {
    let published: Option<GitSource> = match (&state.round, &state.last_published) {
        (Round::Adjust, Some(tag)) => Some(ctx.open_revision(root, &tag.name())?),
        _ => None,
    };
    rounds::snapshot(source, published.as_ref().map(|s| s as &dyn Source)).map_err(|e| {
        let text_of = |file: &str| source.read_text(file).ok();
        ctx.fail_with_findings(&e.findings, &text_of)
    })
}

fn git_read_failed(ctx: &Ctx, error: &GitError) -> Exit {
    ctx.fail("cli.git.read", &[("error", error.to_string().into())])
}

/// `round advance` runs git itself: without it, it says so.
fn git_run_failed(ctx: &Ctx, error: git::RunError) -> Exit {
    match error {
        git::RunError::Missing => ctx.fail("cli.git.missing", &[]),
        git::RunError::Failed(error) => ctx.fail("cli.git.read", &[("error", error.into())]),
    }
}

fn round_arg(round: Round) -> Arg {
    Arg::Localized {
        zh: round.zh().to_string(),
        en: round.en().to_string(),
    }
}

/// The first few uncommitted files, for the message.
fn files_arg(files: &[String]) -> Arg {
    let mut shown: Vec<&str> = files.iter().take(5).map(String::as_str).collect();
    if files.len() > 5 {
        shown.push("…");
    }
    shown.join(", ").into()
}

fn new_table(header: Vec<String>) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_header(header);
    table
}

/// The status; with `items`, every item routed to the reviewers shown.
fn print_status(ctx: &Ctx, snap: &Snapshot, status: &Status, closing: &[RoundTag], items: bool) {
    let round = round_arg(status.round);
    match &status.tag {
        Some(tag) => ctx.say(&ctx.tr(
            "cli.round.current_since",
            &[
                ("round", round),
                ("key", status.round.key().into()),
                ("tag", tag.as_str().into()),
            ],
        )),
        None => ctx.say(&ctx.tr(
            "cli.round.current",
            &[("round", round), ("key", status.round.key().into())],
        )),
    }
    print_deadlines(ctx, status);
    ctx.say(&department_table(ctx, status).to_string());
    if status.other_errors + status.other_warnings > 0 {
        let args = [
            ("errors", status.other_errors.into()),
            ("warnings", status.other_warnings.into()),
        ];
        ctx.say(&ctx.tr("cli.round.other_findings", &args));
    }
    if !status.reviewers.is_empty() {
        ctx.say(&ctx.tr("cli.round.routing", &[]));
        ctx.say(&routing_table(ctx, status).to_string());
    }
    if items {
        print_routed_items(ctx, snap, status);
    }
    print_unchanged(ctx, snap, status);
    let round = round_arg(status.round);
    if status.blockers.is_empty() {
        let names = closing
            .iter()
            .map(RoundTag::name)
            .collect::<Vec<_>>()
            .join("、");
        ctx.say(&ctx.tr(
            "cli.round.gate_open",
            &[("round", round), ("tags", names.into())],
        ));
    } else {
        ctx.say(&ctx.tr(
            "cli.round.gate_closed",
            &[("round", round), ("count", status.blockers.len().into())],
        ));
    }
}

fn print_deadlines(ctx: &Ctx, status: &Status) {
    if status.deadlines.is_empty() {
        ctx.say(&ctx.tr("cli.round.no_deadlines", &[]));
        return;
    }
    ctx.say(&ctx.tr("cli.round.deadlines", &[]));
    for deadline in &status.deadlines {
        let mut notes = Vec::new();
        if deadline.current {
            notes.push(ctx.tr("cli.round.current_mark", &[]));
        }
        if deadline.overdue {
            notes.push(ctx.tr("cli.round.overdue_mark", &[]));
        }
        let name = texts::tr(
            ctx.lang,
            "cli.round.deadline",
            &[
                ("round", round_arg(deadline.round)),
                ("date", deadline.date.as_str().into()),
            ],
        );
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!(
                "  {}",
                notes.join(ctx.tr("cli.round.note_separator", &[]).as_str())
            )
        };
        ctx.say(&terminal_safe(&format!("  {name}{notes}")));
    }
}

fn department_table(ctx: &Ctx, status: &Status) -> Table {
    let columns = [
        "cli.round.col.department",
        "cli.round.col.name",
        "cli.round.col.items",
        "cli.round.col.errors",
        "cli.round.col.warnings",
        "cli.round.col.open",
        "cli.round.col.answered",
        "cli.round.col.resolved",
        "cli.round.col.unchanged",
        "cli.round.col.receipts",
    ];
    let mut table = new_table(columns.iter().map(|k| ctx.tr(k, &[])).collect());
    for d in &status.departments {
        let numbers = [
            d.items,
            d.errors,
            d.warnings,
            d.open,
            d.answered,
            d.resolved,
            d.unchanged.len(),
            d.receipts,
        ];
        let mut row = vec![
            terminal_safe(&d.id).into_owned(),
            terminal_safe(&d.name).into_owned(),
        ];
        row.extend(numbers.iter().map(usize::to_string));
        table.add_row(row);
    }
    table
}

fn print_unchanged(ctx: &Ctx, snap: &Snapshot, status: &Status) {
    let unchanged: Vec<_> = status
        .departments
        .iter()
        .flat_map(|d| &d.unchanged)
        .collect();
    if unchanged.is_empty() {
        return;
    }
    ctx.say(&ctx.tr("cli.round.unchanged", &[]));
    for at in unchanged {
        let (zh, en) = rounds::gates::reviewer_label(&snap.catalog, &at.office);
        let office = match ctx.lang {
            Lang::Zh => zh,
            Lang::En => en,
        };
        let decision = match ctx.lang {
            Lang::Zh => at.decision.zh(),
            Lang::En => at.decision.en(),
        };
        let line = format!("  {}:{}  {office}  {decision}", at.file, at.line);
        ctx.say(&terminal_safe(&line));
    }
}

fn blocker_table(ctx: &Ctx, snap: &Snapshot, blockers: &[Blocker]) -> Table {
    let columns = [
        "cli.round.col.department",
        "cli.round.col.item",
        "cli.round.col.where",
        "cli.round.col.reason",
    ];
    let mut table = new_table(columns.iter().map(|k| ctx.tr(k, &[])).collect());
    for b in blockers {
        let department = b
            .department
            .as_deref()
            .map(|id| snap.catalog.department_name(id))
            .unwrap_or("—");
        let item = b
            .item
            .as_ref()
            .map_or("—".to_string(), |i| match (&i.name, &i.code) {
                (Some(name), Some(code)) => format!("{name}\n{code}"),
                (Some(name), None) => name.clone(),
                _ => i.file.clone(),
            });
        let place = match (&b.file, b.line) {
            (Some(file), Some(line)) => format!("{file}:{line}"),
            (Some(file), None) => file.clone(),
            _ => "—".to_string(),
        };
        let message = texts::text(ctx.lang, &b.message);
        let reason = match b.rule {
            Some(rule) => format!("[{rule}] {message}"),
            None => message,
        };
        table.add_row(
            [department.to_string(), item, place, reason].map(|c| terminal_safe(&c).into_owned()),
        );
    }
    table
}

fn blocker_json(lang: Lang, b: &Blocker) -> Value {
    json!({
        "department": b.department,
        "item": b.item.as_ref().map(|i| json!({"file": i.file, "code": i.code, "name": i.name})),
        "opinion": b.opinion.as_ref().map(|o| json!({
            "file": o.file, "line": o.line, "index": o.index, "round": o.round.key(),
            "office": o.office.id(), "decision": o.decision.key(),
        })),
        "rule": b.rule,
        "file": b.file,
        "line": b.line,
        "message": texts::text(lang, &b.message),
    })
}

fn status_json(lang: Lang, status: &Status) -> Value {
    let label = |round: Round| match lang {
        Lang::Zh => round.zh(),
        Lang::En => round.en(),
    };
    json!({
        "round": status.round.key(),
        "round_name": label(status.round),
        "tag": status.tag,
        "deadlines": status.deadlines.iter().map(|d| json!({
            "round": d.round.key(), "date": d.date, "current": d.current, "overdue": d.overdue,
        })).collect::<Vec<_>>(),
        "departments": status.departments.iter().map(|d| json!({
            "id": d.id, "name": d.name, "items": d.items, "errors": d.errors, "warnings": d.warnings,
            "opinions": {"open": d.open, "answered": d.answered, "resolved": d.resolved},
            "unchanged_answers": d.unchanged.iter().map(|o| json!({
                "file": o.file, "line": o.line, "office": o.office.id(), "decision": o.decision.key(),
            })).collect::<Vec<_>>(),
            "receipts": d.receipts,
        })).collect::<Vec<_>>(),
        "other": {"errors": status.other_errors, "warnings": status.other_warnings},
        "reviewers": status.reviewers.iter().map(|r| json!({
            "id": r.reviewer.id(),
            "kind": match r.reviewer { Reviewer::Office(_) => "office", Reviewer::Department(_) => "supervisor" },
            "name": pick(lang, (&r.name.0, &r.name.1)),
            "duties": r.duties.iter().map(|d| d.key()).collect::<Vec<_>>(),
            "counts": r.counts().iter().map(|(reason, n)| (reason.key().to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
            "items": r.items.iter().map(|i| json!({
                "file": i.file, "code": i.code, "name": i.name, "department": i.department,
                "reasons": i.reasons.iter().map(|r| r.key()).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "gate": {"passes": status.blockers.is_empty(), "blockers": status.blockers.iter().map(|b| blocker_json(lang, b)).collect::<Vec<_>>()},
    })
}
