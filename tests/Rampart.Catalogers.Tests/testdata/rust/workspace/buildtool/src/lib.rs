pub fn stamp() -> &'static str {
    "built with a build dependency"
}
