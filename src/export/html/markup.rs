//! HTML text: links in free text, and the page shell every page shares.
//!
//! Pages are maud templates: every value spliced into one is escaped
//! unless it is `Markup` made by another template, so catalog text can
//! never become markup. maud writes no whitespace of its own: the `"\n"`
//! in the templates are the only line breaks of a page.

use maud::{DOCTYPE, Markup, html};

use crate::i18n::{Lang, tr};

/// Text in which `http://` and `https://` addresses become links
/// (consultation texts carry the online consultation address).
pub fn linkify(text: &str) -> Markup {
    html! {
        @for (part, is_url) in split_urls(text) {
            @if is_url {
                a href=(part) { (part) }
            } @else {
                (part)
            }
        }
    }
}

/// The text cut into runs, each flagged when it is a web address. An
/// address runs to the first space or non-ASCII character (Chinese text
/// follows addresses without a space) and drops trailing punctuation.
pub fn split_urls(text: &str) -> Vec<(&str, bool)> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(start) = next_url_start(rest) {
        let tail = &rest[start..];
        let mut end = tail
            .find(|c: char| !c.is_ascii_graphic())
            .unwrap_or(tail.len());
        end = tail[..end]
            .trim_end_matches(['.', ',', ';', ')', ':'])
            .len();
        if start > 0 {
            parts.push((&rest[..start], false));
        }
        parts.push((&tail[..end], true));
        rest = &tail[end..];
    }
    if !rest.is_empty() {
        parts.push((rest, false));
    }
    parts
}

fn next_url_start(text: &str) -> Option<usize> {
    ["https://", "http://"]
        .iter()
        .filter_map(|scheme| text.find(scheme))
        .min()
}

/// What differs between pages: the title, the way back to the site root,
/// the main content and the scripts at the end.
pub struct Page<'a> {
    pub title: &'a str,
    /// `""` for pages at the root, `"../"` for pages one folder down.
    pub root: &'a str,
    pub body: Markup,
    pub scripts: &'a [&'a str],
}

/// The whole document: UTF-8, phone viewport, the one stylesheet, the
/// site header and footer.
pub fn page(lang: Lang, site_title: &str, page: Page) -> String {
    let root = page.root;
    html! {
        (DOCTYPE) "\n"
        html lang=(lang.pick("zh-CN", "en")) {
            "\n"
            head {
                "\n"
                meta charset="utf-8"; "\n"
                meta name="viewport" content="width=device-width, initial-scale=1"; "\n"
                title { (page.title) " - " (site_title) } "\n"
                link rel="stylesheet" href={ (root) "assets/site.css" }; "\n"
            }
            "\n"
            body {
                "\n"
                header class="site" { a href={ (root) "index.html" } { (site_title) } } "\n"
                main { "\n" (page.body) } "\n"
                footer class="site" { (tr(lang, "site.footer", &[])) } "\n"
                @for script in page.scripts {
                    script src={ (root) (script) } {} "\n"
                }
            }
            "\n"
        }
        "\n"
    }
    .into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_become_links_and_chinese_text_ends_them() {
        let text = "在线咨询：https://zwfw.oujiang.gov.cn/zxzx/mzj；电话：0577-1";
        let parts = split_urls(text);
        assert_eq!(
            parts,
            vec![
                ("在线咨询：", false),
                ("https://zwfw.oujiang.gov.cn/zxzx/mzj", true),
                ("；电话：0577-1", false)
            ]
        );
        assert_eq!(
            linkify("见 http://a.cn/?q=<b>.").into_string(),
            "见 <a href=\"http://a.cn/?q=&lt;b&gt;\">http://a.cn/?q=&lt;b&gt;</a>."
        );
    }
}
