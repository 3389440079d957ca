//! Value types shared by the pages and the server: each can only be built by a
//! constructor that checks it ("parse, don't validate"), so a value that exists is
//! valid. The server's `domain` module adds the ones only it needs.

mod date;
mod slug;

pub use date::IsoDate;
pub use slug::Slug;
