//! HTML text: links in free text, and the page shell every page shares.
//!
//! Pages are maud templates: every value spliced into one is escaped
//! unless it is `Markup` made by another template, so catalog text can
//! never become markup. maud writes no whitespace of its own: the `"\n"`
//! in the templates are the only line breaks of a page.

use maud::{DOCTYPE, Markup, html};

use super::words::tr;
use crate::i18n::Lang;

/// Text in which `http://` and `https://` addresses become links
/// (consultation texts carry the online consultation address).
pub fn linkify(text: &str) -> Markup {
    links(text, false)
}

/// Contact text (consultation, complaints): web addresses, e-mail
/// addresses and telephone numbers become links (`mailto:`, `tel:`), so a
/// phone dials with one tap.
pub fn contact(text: &str) -> Markup {
    links(text, true)
}

fn links(text: &str, contacts: bool) -> Markup {
    html! {
        @for (part, is_url) in split_urls(text) {
            @if is_url {
                a href=(part) { (part) }
            } @else if contacts {
                @for (run, kind) in split_contacts(part) {
                    @match kind {
                        Contact::Text => (run),
                        Contact::Email => a href={ "mailto:" (run) } { (run) },
                        Contact::Phone => a href={ "tel:" (run) } { (run) },
                    }
                }
            } @else {
                (part)
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contact {
    Text,
    Email,
    Phone,
}

/// The text cut into runs of plain text, e-mail addresses and telephone
/// numbers. A number is digits and hyphens, starting and ending with a
/// digit, with at least five digits (12345, 0577-88131002, 13800000000),
/// and no letter or digit right before or after it (codes, dates with
/// letters stay text). An address is `local@domain.tld`.
pub fn split_contacts(text: &str) -> Vec<(&str, Contact)> {
    let bytes = text.as_bytes();
    let mut found: Vec<(usize, usize, Contact)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'@' {
            let local = |c: u8| c.is_ascii_alphanumeric() || b"._%+-".contains(&c);
            let domain = |c: u8| c.is_ascii_alphanumeric() || c == b'.' || c == b'-';
            let floor = found.last().map_or(0, |f| f.1);
            let mut start = i;
            while start > floor && local(bytes[start - 1]) {
                start -= 1;
            }
            let mut end = i + 1;
            while end < bytes.len() && domain(bytes[end]) {
                end += 1;
            }
            while end > i + 1 && bytes[end - 1] == b'.' {
                end -= 1;
            }
            let host = &text[i + 1..end];
            let tld_ok = host
                .rsplit_once('.')
                .is_some_and(|(name, tld)| !name.is_empty() && tld.len() >= 2);
            if start < i && tld_ok {
                // A number already taken inside the local part gives way.
                found.retain(|f| f.1 <= start);
                found.push((start, end, Contact::Email));
                i = end;
                continue;
            }
        } else if b.is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let mut end = i;
            while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'-') {
                end += 1;
            }
            while bytes[end - 1] == b'-' {
                end -= 1;
            }
            let digits = bytes[i..end].iter().filter(|c| c.is_ascii_digit()).count();
            let next = bytes.get(end).copied();
            if digits >= 5 && !next.is_some_and(|c| c.is_ascii_alphabetic() || c == b'@') {
                found.push((i, end, Contact::Phone));
            }
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    let mut runs = Vec::new();
    let mut at = 0;
    for (start, end, kind) in found {
        if start > at {
            runs.push((&text[at..start], Contact::Text));
        }
        runs.push((&text[start..end], kind));
        at = end;
    }
    if at < text.len() {
        runs.push((&text[at..], Contact::Text));
    }
    runs
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
/// The header and footer carry the publication's title and its byline
/// (issuer, 文号, date), not the tool's name.
pub fn page(lang: Lang, site_title: &str, byline: Option<&str>, page: Page) -> String {
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
                header class="site" {
                    a href={ (root) "index.html" } { (site_title) }
                    @if let Some(byline) = byline { " " span class="byline" { (byline) } }
                } "\n"
                main { "\n" (page.body) } "\n"
                footer class="site" {
                    (site_title)
                    @if let Some(byline) = byline { " · " (byline) }
                    " · " a href={ (root) (super::DATASET_FILE) } { (tr(lang, "site.dataset", &[])) }
                } "\n"
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

    #[test]
    fn phone_numbers_and_mail_addresses_become_links() {
        let text = "咨询电话：0577-88131002；热线12345；邮箱：mzj@oujiang.gov.cn。";
        assert_eq!(
            contact(text).into_string(),
            "咨询电话：<a href=\"tel:0577-88131002\">0577-88131002</a>；热线\
             <a href=\"tel:12345\">12345</a>；邮箱：\
             <a href=\"mailto:mzj@oujiang.gov.cn\">mzj@oujiang.gov.cn</a>。"
        );
        // Short numbers, times, codes with letters and addresses stay text.
        for text in [
            "江滨中路100号D20窗口",
            "上午8:30—12:00",
            "代码11330399002601424H",
            "2026年",
        ] {
            assert_eq!(split_contacts(text), vec![(text, Contact::Text)], "{text}");
        }
        assert_eq!(
            split_contacts("a.b-1@x-y.cn, 13800000000-"),
            vec![
                ("a.b-1@x-y.cn", Contact::Email),
                (", ", Contact::Text),
                ("13800000000", Contact::Phone),
                ("-", Contact::Text),
            ]
        );
        // Addresses in contact text stay links, their digits no phone.
        assert_eq!(
            contact("https://a.cn/12345678 或 0577-1234567").into_string(),
            "<a href=\"https://a.cn/12345678\">https://a.cn/12345678</a> 或 \
             <a href=\"tel:0577-1234567\">0577-1234567</a>"
        );
    }
}
