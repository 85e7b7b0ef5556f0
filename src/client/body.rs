//! Reading an answer's body under the client's size cap: refused by its `Content-Length`
//! before a byte of it is read, and counted chunk by chunk while it streams (a chunked body
//! has no length), so an oversized answer is never held whole. Dropping the body (when over
//! the cap) makes the transport abandon it.

use super::transport::{HttpResponse, ResponseBody, ResponseHead, TransportError};

/// What reading a body under the cap gave.
#[derive(Debug)]
pub(crate) enum Received {
    /// The whole answer.
    Whole(HttpResponse),
    /// The body is over the cap; it was left unread from there on.
    TooLarge {
        /// The status it came with.
        status: u16,
        /// Its headers.
        headers: Vec<(String, String)>,
        /// Its `Content-Length`, when that is what refused it.
        declared: Option<u64>,
    },
}

/// Reads `head`'s body, at most `max_bytes` of it.
///
/// # Errors
/// The transport's, when the body cannot be read.
pub(crate) async fn receive<B: ResponseBody>(
    head: ResponseHead<B>,
    max_bytes: u32,
) -> Result<Received, TransportError> {
    let ResponseHead {
        status,
        headers,
        mut body,
    } = head;
    let max_bytes = usize::try_from(max_bytes).unwrap_or(usize::MAX);
    let declared = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse::<u64>().ok());
    if declared.is_some_and(|length| length > max_bytes as u64) {
        return Ok(Received::TooLarge {
            status,
            headers,
            declared,
        });
    }
    let mut bytes: Vec<u8> = Vec::new();
    while let Some(chunk) = body.next_chunk().await? {
        if chunk.len() > max_bytes - bytes.len() {
            return Ok(Received::TooLarge {
                status,
                headers,
                declared: None,
            });
        }
        if bytes.is_empty() {
            bytes = chunk;
        } else {
            bytes.extend_from_slice(&chunk);
        }
    }
    Ok(Received::Whole(HttpResponse {
        status,
        headers,
        body: bytes,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    /// A body of `chunks` that counts what was read and whether it was dropped.
    struct Counted<'a> {
        chunks: std::vec::IntoIter<Vec<u8>>,
        read: &'a std::cell::Cell<usize>,
    }

    impl ResponseBody for Counted<'_> {
        async fn next_chunk(&mut self) -> Result<Option<Vec<u8>>, TransportError> {
            let chunk = self.chunks.next();
            self.read.set(self.read.get() + 1);
            Ok(chunk)
        }
    }

    fn now<F: Future>(future: F) -> F::Output {
        match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(output) => output,
            Poll::Pending => panic!("the body is in memory"),
        }
    }

    fn read(length: Option<&str>, chunks: &[usize], max: u32) -> (Received, usize) {
        let reads = std::cell::Cell::new(0);
        let headers = length
            .map(|l| vec![("Content-Length".to_owned(), l.to_owned())])
            .unwrap_or_default();
        let head = ResponseHead {
            status: 200,
            headers,
            body: Counted {
                chunks: chunks
                    .iter()
                    .map(|&n| vec![b'a'; n])
                    .collect::<Vec<_>>()
                    .into_iter(),
                read: &reads,
            },
        };
        let received = now(receive(head, max)).unwrap();
        (received, reads.get())
    }

    #[test]
    fn a_declared_length_over_the_cap_is_refused_before_reading() {
        let (received, reads) = read(Some("10001"), &[10_001], 10_000);
        assert!(
            matches!(
                received,
                Received::TooLarge {
                    declared: Some(10_001),
                    ..
                }
            ),
            "{received:?}"
        );
        assert_eq!(reads, 0);
    }

    #[test]
    fn a_streamed_body_is_cut_at_the_first_chunk_over_the_cap() {
        let (received, reads) = read(None, &[4_000, 4_000, 4_000, 4_000], 10_000);
        assert!(matches!(
            received,
            Received::TooLarge { declared: None, .. }
        ));
        assert_eq!(
            reads, 3,
            "the third chunk crosses the cap; the fourth is never asked for"
        );
        // A length that lies low is caught while streaming too.
        let (received, _) = read(Some("10"), &[6_000, 6_000], 10_000);
        assert!(matches!(
            received,
            Received::TooLarge { declared: None, .. }
        ));
    }

    #[test]
    fn bodies_up_to_the_cap_are_read_whole() {
        for (length, chunks) in [
            (Some("10000"), &[10_000][..]),
            (None, &[5_000, 5_000][..]),
            (None, &[][..]),
        ] {
            let (received, _) = read(length, chunks, 10_000);
            let Received::Whole(answer) = received else {
                panic!("{received:?}")
            };
            assert_eq!(answer.body.len(), chunks.iter().sum::<usize>());
        }
    }
}
