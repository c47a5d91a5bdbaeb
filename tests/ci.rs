//! `qingdan init --ci`: each hosting's pipeline file parses as YAML, and the
//! `script` / `run` steps of its jobs run under bash in a scratch
//! repository with the built binary on PATH, leaving the files the
//! hosting is told to keep (JUnit, SARIF, the diff, the publication).

mod common;

use std::path::Path;
use std::process::Command;

use common::{git, qingdan_in};
use serde_json::Value;

const TAG: &str = "qingdan/published-2027-01-01";

/// A repository with a new catalog in `catalog/`, its pipeline, a
/// publication tag, and one edit since.
fn repository(hosting: &str) -> (tempfile::TempDir, Value) {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    let run = qingdan_in(dir.path(), &["init", "--ci", hosting]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let path = match hosting {
        "gitlab" => ".gitlab-ci.yml",
        "gitea" => ".gitea/workflows/qingdan.yaml",
        _ => ".github/workflows/qingdan.yml",
    };
    let text = std::fs::read_to_string(dir.path().join(path)).unwrap();
    let document = qingdan::yaml::parse(&text)
        .unwrap_or_else(|e| panic!("{path} parses as YAML: {e:?}"))
        .expect("a document");
    assert!(document.duplicate_keys.is_empty(), "{path}");
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-qm", "公布"]);
    git(dir.path(), &["tag", TAG]);
    let item = dir.path().join("catalog/items/mzj/老年人优待证办理.yaml");
    let text = std::fs::read_to_string(&item).unwrap();
    std::fs::write(&item, text.replacen("visits: 1", "visits: 0", 1)).unwrap();
    (dir, document.value)
}

/// Runs one job's lines as a bash script in `dir`.
fn run_job(dir: &Path, name: &str, env: &[(String, String)], lines: &[String]) {
    let bin = Path::new(env!("CARGO_BIN_EXE_qingdan")).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    let script = format!("set -euo pipefail\n{}\n", lines.join("\n"));
    let output = Command::new("bash")
        .args(["-c", &script])
        .current_dir(dir)
        .env("PATH", path)
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("QINGDAN_LANG")
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "job {name}:\n{script}\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
        Value::String(text) => vec![text.clone()],
        _ => Vec::new(),
    }
}

fn env_of(value: &Value) -> Vec<(String, String)> {
    value
        .as_object()
        .map(|vars| {
            vars.iter()
                .filter_map(|(k, v)| v.as_str().map(|v| (k.clone(), v.to_string())))
                // Expressions are the hosting's to fill; the test sets them.
                .filter(|(_, v)| !v.contains("${{"))
                .collect()
        })
        .unwrap_or_default()
}

fn expect_outputs(dir: &Path) {
    for file in [
        "qingdan-junit.xml",
        "qingdan.sarif",
        "qingdan-diff.md",
        "public/catalog.json",
        "public/site/index.html",
        "public/stats.html",
    ] {
        assert!(dir.join(file).exists(), "{file}");
    }
    let diff = std::fs::read_to_string(dir.join("qingdan-diff.md")).unwrap();
    assert!(diff.contains("老年人优待证办理"), "{diff}");
    let junit = std::fs::read_to_string(dir.join("qingdan-junit.xml")).unwrap();
    assert!(junit.contains("<testsuites"), "{junit}");
}

#[test]
fn the_gitlab_pipeline_runs() {
    let (dir, pipeline) = repository("gitlab");
    let mut env = env_of(&pipeline["variables"]);
    env.push(("CI_COMMIT_TAG".into(), TAG.into()));
    env.push(("CI_PIPELINE_SOURCE".into(), "merge_request_event".into()));
    let before = strings(&pipeline["default"]["before_script"]);
    let jobs = ["qingdan-validate", "qingdan-diff", "qingdan-publish"];
    for job in jobs {
        let script = strings(&pipeline[job]["script"]);
        assert!(!script.is_empty(), "{job}");
        run_job(dir.path(), job, &env, &[before.clone(), script].concat());
    }
    assert_eq!(
        pipeline["qingdan-validate"]["artifacts"]["reports"]["junit"],
        "qingdan-junit.xml"
    );
    expect_outputs(dir.path());
}

fn run_actions(hosting: &str) {
    let (dir, workflow) = repository(hosting);
    let jobs = workflow["jobs"].as_object().expect("jobs");
    assert_eq!(jobs.keys().collect::<Vec<_>>(), ["publish", "validate"]);
    for name in ["validate", "publish"] {
        let job = &jobs[name];
        let mut env = env_of(&workflow["env"]);
        env.extend(env_of(&job["env"]));
        env.push(("QINGDAN_TAG".into(), TAG.into()));
        let lines: Vec<String> = job["steps"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|step| strings(&step["run"]))
            .collect();
        assert!(!lines.is_empty(), "{name}");
        run_job(dir.path(), name, &env, &lines);
    }
    expect_outputs(dir.path());
}

#[test]
fn the_github_workflow_runs() {
    run_actions("github");
}

#[test]
fn the_gitea_workflow_runs() {
    run_actions("gitea");
}

#[test]
fn a_pipeline_is_added_to_an_existing_catalog_never_over_it() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(qingdan_in(dir.path(), &["-q", "init"]).code, 0);
    let before = common::files_under(&dir.path().join("catalog"));
    let run = qingdan_in(dir.path(), &["--lang", "en", "init", "--ci", "gitlab"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    // Not in a repository: the pipeline goes beside the catalog's files.
    assert!(dir.path().join("catalog/.gitlab-ci.yml").is_file());
    let mut after = common::files_under(&dir.path().join("catalog"));
    after.remove(Path::new(".gitlab-ci.yml"));
    assert_eq!(before, after, "the catalog's files are untouched");
    let pipeline = std::fs::read(dir.path().join("catalog/.gitlab-ci.yml")).unwrap();
    let again = qingdan_in(dir.path(), &["init", "--ci", "gitlab"]);
    assert_eq!(again.code, 0, "{}", again.transcript());
    assert!(
        again.stdout.contains("已存在，未改动"),
        "{}",
        again.transcript()
    );
    let forced = qingdan_in(dir.path(), &["init", "--ci", "gitlab", "--force"]);
    assert_eq!(
        forced.code,
        2,
        "init never replaces: {}",
        forced.transcript()
    );
    assert_eq!(
        std::fs::read(dir.path().join("catalog/.gitlab-ci.yml")).unwrap(),
        pipeline,
        "the pipeline is kept"
    );
}
