//! The CI pipeline `qingdan init --ci` adds to a catalog's repository: validate
//! every push (JUnit for the hosting's test report, SARIF beside it), the
//! markdown diff against the last `qingdan/published-*` tag on merge
//! requests, json + site + statistics on every publication tag. Gitea runs
//! GitHub-style workflows, so the two share one template.

/// Where the catalog's repository is hosted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hosting {
    Gitlab,
    Gitea,
    Github,
}

const SARIF_UPLOAD: &str = "      - uses: github/codeql-action/upload-sarif@v3
        if: always()
        with:
          sarif_file: qingdan.sarif
";

/// The pipeline file (path relative to the repository root, and its text)
/// for a catalog at `catalog` (relative to the repository root; `.` when
/// the catalog is the root).
pub fn pipeline(hosting: Hosting, catalog: &str) -> (&'static str, String) {
    let actions = |name: &str, upload: &str, sarif: &str| {
        include_str!("ci/actions.yml")
            .replace("@HOSTING@", name)
            .replace("@UPLOAD@", upload)
            .replace("@SARIF@", sarif)
            .replace("@CATALOG@", catalog)
    };
    match hosting {
        Hosting::Gitlab => (
            ".gitlab-ci.yml",
            include_str!("ci/gitlab.yml").replace("@CATALOG@", catalog),
        ),
        // Gitea's artifact server speaks the v3 protocol; it has no code scanning.
        Hosting::Gitea => (".gitea/workflows/qingdan.yaml", actions("gitea", "v3", "")),
        Hosting::Github => (
            ".github/workflows/qingdan.yml",
            actions("github", "v4", SARIF_UPLOAD),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled() {
        for hosting in [Hosting::Gitlab, Hosting::Gitea, Hosting::Github] {
            let (path, text) = pipeline(hosting, "catalog");
            for hole in ["@CATALOG@", "@HOSTING@", "@UPLOAD@", "@SARIF@"] {
                assert!(!text.contains(hole), "{path}: {hole}");
            }
            assert!(text.contains("QINGDAN_CATALOG: \"catalog\""), "{path}");
            assert!(text.contains("validate --format junit"), "{path}");
        }
        assert!(pipeline(Hosting::Github, ".").1.contains("upload-sarif"));
        assert!(!pipeline(Hosting::Gitea, ".").1.contains("upload-sarif"));
    }
}
