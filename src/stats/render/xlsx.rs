//! The report as a workbook: a sheet per section (figures as numbers with a
//! percent or two-decimal format, texts as string cells, never formulas),
//! then a sheet of charts, one column chart per measure, drawn from a sheet
//! holding their data.

use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, Worksheet, XlsxError};

use super::{Cell, Report};
use crate::stats::Scale;

/// Charts per row of the charts sheet, and the cells one chart takes.
const CHARTS_ACROSS: u32 = 2;
const CHART_ROWS: u32 = 16;
const CHART_COLS: u16 = 8;

pub fn render(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let mut used = Vec::new();
    for section in &report.sections {
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(&section.title, &mut used))?;
        for (col, header) in section.headers.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, header, &bold)?;
            sheet.set_column_width(col as u16, if col == 0 { 24 } else { 14 })?;
        }
        for (r, row) in section.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                write_cell(sheet, r as u32 + 1, c as u16, cell)?;
            }
        }
        sheet.set_freeze_panes(1, 1)?;
    }
    if !report.charts.is_empty() && !report.charts[0].categories.is_empty() {
        add_charts(&mut workbook, report)?;
    }
    workbook.save_to_buffer()
}

fn write_cell(sheet: &mut Worksheet, row: u32, col: u16, cell: &Cell) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(text) => sheet.write_string(row, col, text)?,
        Cell::Count(n) => sheet.write_number(row, col, *n as f64)?,
        Cell::Measure(None, _) => sheet.write_string(row, col, "—")?,
        Cell::Measure(Some(v), scale) => {
            sheet.write_number_with_format(row, col, *v, &number_format(*scale))?
        }
    };
    Ok(())
}

fn number_format(scale: Scale) -> Format {
    match scale {
        Scale::Share => Format::new().set_num_format("0.0%"),
        Scale::Average => Format::new().set_num_format("0.00"),
    }
}

/// The data sheet holds each chart's block (categories down column A, a
/// column per series); the charts sheet shows them two across.
fn add_charts(workbook: &mut Workbook, report: &Report) -> Result<(), XlsxError> {
    let lang = report.lang;
    let data_name = lang.pick("图表数据", "Chart data");
    let charts_name = lang.pick("图表", "Charts");
    let mut charts = Vec::new();
    let data = workbook.add_worksheet();
    data.set_name(data_name)?;
    data.set_column_width(0, 24)?;
    let mut top = 0u32;
    for chart in &report.charts {
        data.write_string(top, 0, &chart.title)?;
        let format = number_format(chart.scale);
        for (s, (name, values)) in chart.series.iter().enumerate() {
            let col = s as u16 + 1;
            data.write_string(top, col, name)?;
            for (i, value) in values.iter().enumerate() {
                if let Some(v) = value {
                    data.write_number_with_format(top + 1 + i as u32, col, *v, &format)?;
                }
            }
        }
        for (i, category) in chart.categories.iter().enumerate() {
            data.write_string(top + 1 + i as u32, 0, category)?;
        }
        let last = top + chart.categories.len() as u32;
        let mut drawn = Chart::new(ChartType::Column);
        drawn.title().set_name(&chart.title);
        for s in 0..chart.series.len() {
            let col = s as u16 + 1;
            drawn
                .add_series()
                .set_name((data_name, top, col))
                .set_categories((data_name, top + 1, 0, last, 0))
                .set_values((data_name, top + 1, col, last, col));
        }
        drawn.y_axis().set_num_format(match chart.scale {
            Scale::Share => "0%",
            Scale::Average => "0.0",
        });
        charts.push(drawn);
        top = last + 2;
    }
    let sheet = workbook.add_worksheet();
    sheet.set_name(charts_name)?;
    for (n, chart) in charts.iter().enumerate() {
        let n = n as u32;
        let row = (n / CHARTS_ACROSS) * CHART_ROWS;
        let col = (n % CHARTS_ACROSS) as u16 * CHART_COLS;
        sheet.insert_chart(row, col, chart)?;
    }
    Ok(())
}

/// A worksheet name Excel accepts: no `[]:*?/\`, at most 31 characters,
/// unique in the workbook.
fn sheet_name(title: &str, used: &mut Vec<String>) -> String {
    let clean: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(28)
        .collect();
    let mut name = clean.clone();
    let mut n = 2;
    while used.contains(&name) {
        name = format!("{clean} {n}");
        n += 1;
    }
    used.push(name.clone());
    name
}
