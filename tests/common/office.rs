//! Workbooks as LibreOffice reads them: `soffice --headless` converts every
//! sheet to csv (scripts/test installs libreoffice-calc-nogui).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Every sheet of a workbook as LibreOffice reads it, converted to csv by
/// `soffice --headless` (one csv per sheet), parsed.
pub fn libreoffice_sheets(dir: &Path, workbook: &str) -> BTreeMap<String, Vec<Vec<String>>> {
    let out = dir.join("lo");
    // A profile of its own: a running LibreOffice elsewhere must not take the job.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("lo-profile").display()
    );
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
    let status = Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            filter,
            "--outdir",
        ])
        .arg(&out)
        .arg(dir.join(workbook))
        .output()
        .expect("soffice runs (scripts/test installs libreoffice-calc-nogui)");
    assert!(
        status.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let stem = workbook.trim_end_matches(".xlsx");
    let mut sheets = BTreeMap::new();
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let sheet = name
            .strip_prefix(&format!("{stem}-"))
            .expect("<file>-<sheet>.csv")
            .to_string();
        sheets.insert(sheet, read_csv(&path));
    }
    sheets
}

pub fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    reader
        .records()
        .map(|r| {
            r.unwrap()
                .iter()
                .map(|c| c.trim_start_matches('\u{feff}').to_string())
                .collect()
        })
        .collect()
}
