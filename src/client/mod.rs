//! The V1 REST client for runtimes that hold the API secret (Cloudflare Workers, Node).
