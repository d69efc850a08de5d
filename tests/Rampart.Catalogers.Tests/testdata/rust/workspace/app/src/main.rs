fn main() {
    println!("{} ({})", rampart_helper::greet(), env!("FIXTURE_STAMP"));
}
