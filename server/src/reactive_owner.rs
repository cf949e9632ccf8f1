//! Keeps each request's reactive owner to that request.
//!
//! Leptos keeps "the current owner" (whose context a page's components and
//! its `ResponseOptions` hang from) in a thread-local. `Owner::new_root`,
//! which every page render calls, makes the new root the thread's current
//! owner and leaves it there when the handler's poll returns. The next task
//! the same worker thread polls then starts inside that page's owner. For
//! a file from the site root this was harmful: Leptos's file handler makes
//! an `Owner::new()` (a child of the current one), finds the stranger's
//! `ResponseOptions` in it and moves their status and headers onto the
//! file's answer. The page then went out without its Content-Security-Policy
//! (so the browser refused its scripts), its 404 or its redirect, and the
//! file carried them instead: about one page in ten under a browser's
//! parallel requests, never one request at a time.
//!
//! Every request is therefore polled with no current owner, and whatever
//! owner its poll left current is taken away again before the thread moves
//! on. `server/tests/parallel_responses.rs` holds the proof under load.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::Owner;

pub async fn isolate_each_request(request: Request, next: Next) -> Response {
    OwnerFree(Box::pin(next.run(request))).await
}

/// A future that starts every poll with no current reactive owner and
/// leaves none behind.
struct OwnerFree<F>(F);

impl<F: Future + Unpin> Future for OwnerFree<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        forget_current_owner();
        let polled = Pin::new(&mut self.0).poll(cx);
        forget_current_owner();
        polled
    }
}

fn forget_current_owner() {
    if let Some(left_behind) = Owner::current() {
        // `unset` clears the thread's current owner when it is this one,
        // which it is; the owner itself lives on with its request.
        left_behind.unset();
    }
}
