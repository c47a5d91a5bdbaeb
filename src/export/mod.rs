pub mod html;
pub mod jsonld;
pub mod output;
