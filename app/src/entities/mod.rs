//! sea-orm entities: the database's shape, server only. They never cross the
//! wire; features map them to their own types.
pub mod idempotency_key;
