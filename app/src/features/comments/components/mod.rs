//! The comment thread's pieces: the section under an idea, one comment
//! with its replies, and the forms to write, reply, change and delete.
mod forms;
mod item;
mod section;

pub use forms::CommentForm;
pub use item::CommentItem;
pub use section::CommentsSection;
