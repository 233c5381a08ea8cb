//! Bank statements (placeholder: being written).
