//! Webhooks: V1 notification bodies and V2 (Standard Webhooks) signature verification.
