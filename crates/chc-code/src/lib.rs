//! The Complaint Handling Code registry.
