//! Racing a future against a deadline (any future: the transport's timer).

use std::future::Future;
use std::pin::pin;
use std::task::Poll;

/// Runs `future` until `deadline` resolves: `None` when the deadline came first. The loser is
/// dropped (a transport's exchange is then abandoned, a timer released).
pub(crate) async fn within<F: Future, D: Future<Output = ()>>(
    future: F,
    deadline: D,
) -> Option<F::Output> {
    let mut future = pin!(future);
    let mut deadline = pin!(deadline);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(output) = future.as_mut().poll(cx) {
            return Poll::Ready(Some(output));
        }
        deadline.as_mut().poll(cx).map(|()| None)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::{pending, ready};
    use std::task::{Context, Waker};

    fn now<F: Future>(future: F) -> Poll<F::Output> {
        pin!(future).poll(&mut Context::from_waker(Waker::noop()))
    }

    #[test]
    fn the_first_to_finish_wins() {
        assert_eq!(now(within(ready(1), ready(()))), Poll::Ready(Some(1)));
        assert_eq!(now(within(pending::<u8>(), ready(()))), Poll::Ready(None));
        assert_eq!(now(within(pending::<u8>(), pending())), Poll::Pending);
    }
}
