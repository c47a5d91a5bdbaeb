//! HTML text: escaping, links in free text, and the page shell every page
//! shares.

use super::words::tr;
use crate::i18n::Lang;

/// Escapes text for element content and quoted attribute values alike.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_esc(&mut out, text);
    out
}

pub fn push_esc(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Escaped text in which `http://` and `https://` addresses become links
/// (consultation texts carry the online consultation address).
pub fn linkify(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (part, is_url) in split_urls(text) {
        if is_url {
            let url = esc(part);
            out.push_str(&format!("<a href=\"{url}\">{url}</a>"));
        } else {
            push_esc(&mut out, part);
        }
    }
    out
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
    pub body: &'a str,
    pub scripts: &'a [&'a str],
}

/// The whole document: UTF-8, phone viewport, the one stylesheet, the
/// site header and footer.
pub fn page(lang: Lang, site_title: &str, page: &Page) -> String {
    let html_lang = lang.pick("zh-CN", "en");
    let root = page.root;
    let mut out = String::with_capacity(page.body.len() + 1024);
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} - {}</title>\n<link rel=\"stylesheet\" href=\"{root}assets/site.css\">\n</head>\n<body>\n",
        esc(page.title),
        esc(site_title),
    ));
    out.push_str(&format!(
        "<header class=\"site\"><a href=\"{root}index.html\">{}</a></header>\n<main>\n",
        esc(site_title)
    ));
    out.push_str(page.body);
    out.push_str(&format!(
        "</main>\n<footer class=\"site\">{} · <a href=\"{root}{}\">{}</a></footer>\n",
        esc(&tr(lang, "site.footer", &[])),
        super::DATASET_FILE,
        esc(&tr(lang, "site.dataset", &[])),
    ));
    for script in page.scripts {
        out.push_str(&format!("<script src=\"{root}{script}\"></script>\n"));
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

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
            linkify("见 http://a.cn/?q=<b>."),
            "见 <a href=\"http://a.cn/?q=&lt;b&gt;\">http://a.cn/?q=&lt;b&gt;</a>."
        );
    }
}
