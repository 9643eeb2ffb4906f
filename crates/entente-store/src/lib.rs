//! entente-store
