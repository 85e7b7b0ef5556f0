//! JS glue for the V1 REST client.
