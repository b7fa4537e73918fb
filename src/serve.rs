//! Preview server (placeholder until the server lands).
