// sqlx::migrate! embeds the root migrations/ folder; rebuild when it changes.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
