//! The report as one self-contained html page: the sections as tables and
//! one inline SVG bar chart per measure; no script, no external asset, so
//! it opens offline and can be mailed. Built with maud, which escapes every
//! interpolated value unless told otherwise and checks the markup when
//! compiling.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{Cell, Chart, Report, Section};
use crate::stats::Scale;

const STYLE: &str = "
body{font-family:system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2rem;color:#1f2328}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;font-size:.9rem}
th,td{border:1px solid #d0d7de;padding:.25rem .5rem}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}
figure{margin:0}figcaption{font-weight:600;margin-bottom:.25rem}
svg text{font-size:12px;fill:#1f2328}
";

/// Colours of the series (before, after; one catalog set uses the first).
const COLOURS: &[&str] = &["#4c78a8", "#f58518", "#54a24b", "#e45756"];

pub fn render(report: &Report) -> String {
    let lang = report.lang;
    let page = html! {
        (DOCTYPE)
        html lang=(lang.pick("zh-CN", "en")) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (report.title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { (report.title) }
                @for section in &report.sections { (section_table(section)) }
                @if !report.charts.is_empty() && !report.charts[0].categories.is_empty() {
                    h2 { (lang.pick("图表", "Charts")) }
                    div class="charts" {
                        @for chart in &report.charts { (svg_chart(chart)) }
                    }
                }
            }
        }
    };
    page.into_string()
}

fn section_table(section: &Section) -> Markup {
    html! {
        h2 { (section.title) }
        @if section.rows.is_empty() {
            p { "—" }
        } @else {
            table {
                thead { tr { @for h in &section.headers { th { (h) } } } }
                tbody {
                    @for row in &section.rows {
                        tr {
                            @for cell in row {
                                @match cell {
                                    Cell::Text(t) => td { (t) },
                                    other => td class="n" { (other.text()) },
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Layout of a chart: label column, bar area, row height.
const LABEL_W: f64 = 200.0;
const BAR_W: f64 = 320.0;
const VALUE_W: f64 = 60.0;
const BAR_H: f64 = 14.0;
const GAP: f64 = 8.0;

/// Horizontal bars: a group per category, a bar per series. Shares scale
/// to 100 %, averages to the largest value.
fn svg_chart(chart: &Chart) -> Markup {
    let series = chart.series.len().max(1) as f64;
    let group_h = BAR_H * series + GAP;
    let legend_h = if chart.series.len() > 1 { 20.0 } else { 0.0 };
    let height = legend_h + group_h * chart.categories.len() as f64 + GAP;
    let width = LABEL_W + BAR_W + VALUE_W;
    let top = chart
        .series
        .iter()
        .flat_map(|(_, v)| v.iter().flatten())
        .fold(0.0f64, |a, b| a.max(*b));
    let full = match chart.scale {
        Scale::Share => 1.0f64.max(top),
        Scale::Average => top,
    };
    let length = |v: f64| if full > 0.0 { v / full * BAR_W } else { 0.0 };
    html! {
        figure {
            figcaption { (chart.title) }
            svg xmlns="http://www.w3.org/2000/svg" width=(width) height=(height)
                viewBox={"0 0 " (width) " " (height)} role="img" aria-label=(chart.title) {
                @if legend_h > 0.0 {
                    @for (s, (name, _)) in chart.series.iter().enumerate() {
                        rect x=(LABEL_W + s as f64 * 120.0) y="4" width="12" height="12"
                            fill=(COLOURS[s % COLOURS.len()]) {}
                        text x=(LABEL_W + s as f64 * 120.0 + 16.0) y="14" { (name) }
                    }
                }
                @for (i, category) in chart.categories.iter().enumerate() {
                    @let y0 = legend_h + i as f64 * group_h;
                    text x=(LABEL_W - 6.0) y=(y0 + BAR_H * series / 2.0 + 4.0) text-anchor="end" {
                        (category)
                    }
                    @for (s, (_, values)) in chart.series.iter().enumerate() {
                        @let y = y0 + s as f64 * BAR_H;
                        @let value = values.get(i).copied().flatten();
                        rect class="bar" x=(LABEL_W) y=(y) height=(BAR_H - 2.0)
                            width=(format!("{:.1}", length(value.unwrap_or(0.0))))
                            fill=(COLOURS[s % COLOURS.len()]) {
                            title { (category) ": " (Cell::Measure(value, chart.scale).text()) }
                        }
                        text x=(LABEL_W + length(value.unwrap_or(0.0)) + 4.0) y=(y + BAR_H - 4.0) {
                            (Cell::Measure(value, chart.scale).text())
                        }
                    }
                }
            }
        }
    }
}
