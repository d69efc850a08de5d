pub const NAME: &str = "rampart";
