fn main() {
    println!("cargo:rustc-env=FIXTURE_STAMP={}", rampart_buildtool::stamp());
}
