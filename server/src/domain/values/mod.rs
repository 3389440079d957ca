//! Value types: each is built only by a constructor that checks it, and its tests
//! sit in its own file. `Slug` and `IsoDate` are shared with the pages (`app`).

mod cents;
mod count;
mod percent;
mod text;
mod timestamp;

pub use app::values::{IsoDate, Slug};
pub use cents::Cents;
pub use count::VoteCount;
pub use percent::{PValue, Percent};
pub use text::{Line, Text};
pub use timestamp::Timestamp;
