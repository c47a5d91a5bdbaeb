//! The report as csv: each section as a heading row, its header row and its
//! rows, sections apart by an empty line. Figures are the shown text
//! (percentages, two decimals); the json carries the raw fractions.

use super::Report;

pub fn render(report: &Report) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for (n, section) in report.sections.iter().enumerate() {
        if n > 0 {
            writer.write_record([""])?;
        }
        writer.write_record([section.title.as_str()])?;
        writer.write_record(&section.headers)?;
        for row in &section.rows {
            writer.write_record(row.iter().map(|c| c.text()))?;
        }
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}
