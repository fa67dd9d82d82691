//! The regional view of Danish-education demand across a region's municipalities.
