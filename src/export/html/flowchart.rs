//! The process (基本流程) as an inline SVG flowchart: one box per step, top
//! to bottom so it fits a phone, with the step's name, actor, department
//! and time limit, and an arrow from each step to the next.
//!
//! SVG text does not wrap by itself: lines are cut here by an estimate of
//! their width (a Chinese character is one em, ASCII about half).

use maud::{Markup, html};

use super::field_label;
use crate::i18n::Lang;
use crate::labels::Record;
use crate::model::{Labelled, Step};

const WIDTH: u32 = 360;
const BOX_X: u32 = 20;
const BOX_WIDTH: u32 = WIDTH - 2 * BOX_X;
const PADDING: u32 = 12;
const LINE_HEIGHT: u32 = 20;
const GAP: u32 = 32;
/// Width of a line of text, in ems of the 14px font, inside the box.
const LINE_EMS: f32 = 20.0;

/// The SVG of the steps; empty when there are none. Shapes are written
/// with end tags (`<rect …></rect>`): maud has no self-closing syntax, and
/// an HTML parser closes SVG elements either way.
pub fn svg(steps: &[Step], lang: Lang, title: &str) -> Markup {
    if steps.is_empty() {
        return html! {};
    }
    let boxes: Vec<Vec<(String, bool)>> = steps
        .iter()
        .enumerate()
        .map(|(i, step)| box_lines(i, step, lang))
        .collect();
    let heights: Vec<u32> = boxes.iter().map(|lines| box_height(lines.len())).collect();
    let total = heights.iter().sum::<u32>() + GAP * (boxes.len() as u32 - 1) + 2 * BOX_X;
    let tops: Vec<u32> = heights
        .iter()
        .scan(BOX_X, |y, height| {
            let top = *y;
            *y += height + GAP;
            Some(top)
        })
        .collect();
    let mid = WIDTH / 2;
    html! {
        svg class="flowchart" xmlns="http://www.w3.org/2000/svg"
            viewBox={ "0 0 " (WIDTH) " " (total) } role="img" aria-label=(title) {
            "\n"
            defs {
                marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8"
                    markerHeight="8" orient="auto" {
                    path d="M0,0 L10,5 L0,10 z" {}
                }
            }
            "\n"
            @for (i, lines) in boxes.iter().enumerate() {
                @if i > 0 {
                    line class="arrow" x1=(mid) y1=(tops[i] - GAP + 2) x2=(mid) y2=(tops[i] - 2)
                        marker-end="url(#arrowhead)" {}
                    "\n"
                }
                (step_box(i, tops[i], heights[i], lines))
            }
        }
        "\n"
    }
}

fn box_height(lines: usize) -> u32 {
    2 * PADDING + LINE_HEIGHT * lines as u32
}

fn step_box(index: usize, y: u32, height: u32, lines: &[(String, bool)]) -> Markup {
    html! {
        g class="step" data-step=(index + 1) {
            "\n"
            rect x=(BOX_X) y=(y) width=(BOX_WIDTH) height=(height) rx="8" {} "\n"
            @for (n, (text, is_name)) in lines.iter().enumerate() {
                text class=(if *is_name { "step-name" } else { "step-detail" })
                    x=(BOX_X + PADDING) y=(y + PADDING + LINE_HEIGHT * n as u32 + 15) {
                    (text)
                }
                "\n"
            }
        }
        "\n"
    }
}

/// The lines of one box: `1. name`, then actor, department, time limit and
/// special procedure as `label：value`, each wrapped; the bool marks the
/// name's lines.
fn box_lines(index: usize, step: &Step, lang: Lang) -> Vec<(String, bool)> {
    let mut lines: Vec<(String, bool)> = wrap(&format!("{}. {}", index + 1, step.name), LINE_EMS)
        .into_iter()
        .map(|l| (l, true))
        .collect();
    let special = step.special.map(|s| lang.pick(s.zh(), s.en()).to_string());
    for (key, value) in [
        ("actor", &step.actor),
        ("department", &step.department),
        ("time_limit", &step.time_limit),
        ("special", &special),
    ] {
        if let Some(value) = value {
            let label = field_label(Record::Step, key, lang);
            let text = format!("{label}{}{value}", lang.pick("：", ": "));
            lines.extend(wrap(&text, LINE_EMS).into_iter().map(|l| (l, false)));
        }
    }
    lines
}

/// Cuts text into lines of at most `ems` (by [`ems_of`]); never empty.
fn wrap(text: &str, ems: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut width = 0.0;
    for c in text.chars() {
        let w = ems_of(c);
        if width + w > ems && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            width = 0.0;
        }
        line.push(c);
        width += w;
    }
    lines.push(line);
    lines
}

fn ems_of(c: char) -> f32 {
    if c.is_ascii() { 0.6 } else { 1.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(name: &str, actor: Option<&str>, limit: Option<&str>) -> Step {
        Step {
            name: name.into(),
            actor: actor.map(Into::into),
            department: None,
            time_limit: limit.map(Into::into),
            special: None,
            materials: vec![],
            note: None,
        }
    }

    #[test]
    fn one_box_per_step_and_an_arrow_between() {
        let steps = [
            step("申请受理", Some("窗口工作人员"), Some("1个工作日")),
            step("审核", None, None),
            step("办结<发证>", None, Some("即办")),
        ];
        let svg = svg(&steps, Lang::Zh, "流程图").into_string();
        assert_eq!(svg.matches("<g class=\"step\"").count(), 3);
        assert_eq!(svg.matches("<line class=\"arrow\"").count(), 2);
        assert!(svg.contains("办理人员：窗口工作人员"));
        assert!(svg.contains("环节时限：1个工作日"));
        assert!(svg.contains("3. 办结&lt;发证&gt;"), "text is escaped");
    }

    #[test]
    fn long_text_wraps_and_no_steps_draw_nothing() {
        let long = "因火灾、交通事故、突发重大疾病造成基本生活暂时出现严重困难的家庭";
        let lines = wrap(long, LINE_EMS);
        assert!(lines.len() > 1 && lines.iter().all(|l| l.chars().count() <= 20));
        assert_eq!(lines.concat(), long);
        assert_eq!(svg(&[], Lang::Zh, "x").into_string(), "");
    }
}
