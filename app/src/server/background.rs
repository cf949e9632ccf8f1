//! A task that runs beside the server until it is told to stop: the mail
//! worker and the job worker. Stopping lets the work in hand finish.

use std::future::Future;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

/// How long stopping waits for the work in hand. Work still hanging after
/// that is abandoned; what it held is picked up again later (leases and
/// transactions make sure of it).
const STOP_GRACE: Duration = Duration::from_secs(10);

/// A running background task. Stop it with [`Background::stop`]; dropping
/// the handle stops it too, without waiting.
pub struct Background {
    name: &'static str,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

/// What a background task watches to know it should stop.
pub type StopSignal = watch::Receiver<bool>;

impl Background {
    /// Starts `work` on the current tokio runtime; it should return soon
    /// after [`stopping`] says so.
    pub fn spawn<F, Fut>(name: &'static str, work: F) -> Self
    where
        F: FnOnce(StopSignal) -> Fut,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(work(stopped));
        Self { name, stop, task }
    }

    /// Asks the task to stop and waits for it to end.
    pub async fn stop(mut self) {
        let _ = self.stop.send(true);
        match tokio::time::timeout(STOP_GRACE, &mut self.task).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => {
                tracing::error!(task = self.name, %error, "a background task ended abnormally")
            }
            Err(_) => {
                self.task.abort();
                tracing::warn!(
                    task = self.name,
                    "a background task did not finish in time; its work is picked up later"
                );
            }
        }
    }
}

/// Whether the task has been told to stop (or its handle dropped).
pub fn stopping(stopped: &StopSignal) -> bool {
    *stopped.borrow() || stopped.has_changed().is_err()
}
