//! JS glue for webhooks.
