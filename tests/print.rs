//! Every workbook a person prints — the exported catalog, the adjustment
//! notice, a review workbook, the item template, register workbooks — converted to PDF by
//! LibreOffice in one `soffice` call: the page counts stay within bounds
//! for the sample catalog, and openpyxl finds the print setup (A4, repeated
//! header rows, one page wide, the page footer) and a height on every row
//! with more than one line.

mod common;

use std::path::Path;
use std::process::Command;

use common::{copy_dir, qingdan_in, root};
use serde_json::Value;

fn ok(dir: &Path, args: &[&str]) {
    let run = qingdan_in(dir, args);
    assert_eq!(run.code, 0, "{}", run.transcript());
}

/// (file, fewest pages, most pages) for the sample catalog. The export is
/// 11 tables, the guides (one block per guide item, portrait) and the
/// summary: 46 pages when measured; the bounds leave room for small
/// changes to the sample, not for a table squeezed or a row doubled.
const BOUNDS: [(&str, u32, u32); 6] = [
    ("清单.xlsx", 30, 55),
    ("公告.xlsx", 1, 3),
    // A department's feedback workbook: its items' content on 意见 (every
    // element), 申请材料 and 办理流程, printed across landscape pages at a
    // size people read (not shrunk to one) with 事项名称 on each: 17 pages
    // when measured.
    ("审核.xlsx", 10, 24),
    // Four sheets since main's 办理地点 (locations): 5 pages when measured.
    ("模板.xlsx", 1, 6),
    // Register workbooks: the 52 laws (2 pages when measured); the
    // service and agency sheets (a page each).
    ("法律法规库.xlsx", 1, 4),
    ("中介服务事项.xlsx", 2, 3),
];

#[test]
fn printed_workbooks_have_bounded_pages_and_their_print_setup() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    copy_dir(&root().join("catalog"), &base.join("catalog"));
    ok(base, &["export", "--format", "xlsx", "-o", "清单.xlsx"]);
    ok(base, &["template", "-o", "模板.xlsx"]);
    ok(
        base,
        &["template", "--register", "laws", "-o", "法律法规库.xlsx"],
    );
    ok(
        base,
        &["template", "--intermediaries", "-o", "中介服务事项.xlsx"],
    );
    ok(
        base,
        &["review", "export", "--round", "review-1", "-o", "一审"],
    );
    let review = std::fs::read_dir(base.join("一审"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .min()
        .expect("a review workbook");
    std::fs::copy(review, base.join("审核.xlsx")).unwrap();
    let case = root().join("tests/fixtures/diff/all");
    let notice = base.join("公告.xlsx");
    let run = qingdan_in(
        &case,
        &[
            "diff",
            "base",
            "revision",
            "--notice",
            "-o",
            notice.to_str().unwrap(),
            "-q",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.transcript());

    let profile = format!(
        "-env:UserInstallation=file://{}",
        base.join("lo-profile").display()
    );
    let mut soffice = Command::new("soffice");
    soffice
        .args([
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(base.join("pdf"));
    for (file, _, _) in BOUNDS {
        soffice.arg(base.join(file));
    }
    let out = soffice
        .output()
        .expect("soffice runs (scripts/test installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (file, fewest, most) in BOUNDS {
        let pdf = base.join("pdf").join(file.replace(".xlsx", ".pdf"));
        let info = Command::new("pdfinfo")
            .arg(&pdf)
            .output()
            .expect("pdfinfo runs");
        let text = String::from_utf8_lossy(&info.stdout);
        let pages: u32 = text
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .expect("a page count")
            .trim()
            .parse()
            .unwrap();
        eprintln!("{file}: {pages} pages");
        assert!(
            (fewest..=most).contains(&pages),
            "{file}: {pages} pages, expected {fewest}–{most}"
        );
    }

    let script = r#"
import json, openpyxl
out = {}
def width(text):
    return sum(1 if ord(ch) < 0x1100 else 2 for ch in text)
for name in ['清单.xlsx', '公告.xlsx', '审核.xlsx', '模板.xlsx', '法律法规库.xlsx', '中介服务事项.xlsx']:
    wb = openpyxl.load_workbook(name)
    for ws in wb:
        if ws.sheet_state != 'visible':
            continue
        widths = {}
        for dim in ws.column_dimensions.values():
            for i in range(dim.min or 1, (dim.max or dim.min or 1) + 1):
                widths[i] = dim.width
        short = []
        for row in ws.iter_rows():
            texts = [c for c in row if isinstance(c.value, str) and c.alignment.wrap_text]
            if not texts:
                continue
            lines = max(c.value.count('\n') + 1 for c in texts)
            long = any(width(c.value) > (widths.get(c.column) or 8.43) for c in texts if '\n' not in c.value)
            height = ws.row_dimensions[row[0].row].height
            if (lines > 1 or long) and (height is None or height < 15 * lines):
                short.append(row[0].row)
        out[name + '!' + ws.title] = {
            'short': short,
            'paper': ws.page_setup.paperSize,
            'repeat': ws.print_title_rows,
            'footer': ws.oddFooter.center.text,
            'fit': bool(ws.sheet_properties.pageSetUpPr.fitToPage) and ws.page_setup.fitToHeight == 0,
        }
print(json.dumps(out, ensure_ascii=False))
"#;
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .current_dir(base)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let sheets = report.as_object().unwrap();
    assert!(sheets.len() >= 4 + 8 + 3, "{report}");
    for (sheet, detail) in sheets {
        assert_eq!(
            detail["short"],
            serde_json::json!([]),
            "{sheet}: rows too short"
        );
        assert_eq!(detail["paper"], 9, "{sheet}: A4");
        assert_eq!(detail["footer"], "第 &P 页 共 &N 页", "{sheet}");
        assert_eq!(detail["fit"], true, "{sheet}: one page wide");
        let repeats = detail["repeat"].as_str().is_some();
        let guides = sheet.ends_with("!办事指南");
        assert!(repeats || guides, "{sheet}: header rows on every page");
    }
}
