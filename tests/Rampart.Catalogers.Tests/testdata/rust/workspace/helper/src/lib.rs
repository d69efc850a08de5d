pub fn greet() -> String {
    format!("hello, {}", rampart_leaf::NAME)
}
