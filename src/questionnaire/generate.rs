//! Large definitions made up for tests and benchmarks of validation.
//!
//! Not part of quire's interface: the test suite and `benches/validate.rs`
//! share it so that what is measured is what is tested.

use std::fmt::Write;

/// How the last question of a [`chain`] ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tail {
    /// Like every other link: the definition is valid.
    Valid,
    /// The last question's `ask_when` tests an option its question lacks
    /// (`maybe`, on a yes/no question).
    UnknownOption,
    /// The last question's `ask_when` wants the previous answer both `yes`
    /// and `no`: it can never be asked.
    NeverAsked,
}

/// The first lines of every generated definition, up to its one part.
fn head(out: &mut String, id: &str, title: &str) {
    let _ = write!(
        out,
        "format = 1\nid = \"{id}\"\nversion = \"1\"\ntitle = \"{title}\"\n\n\
         [report]\n\n[[part]]\nid = \"p1\"\ntitle = \"Generated\"\n"
    );
}

fn yes_no(out: &mut String, n: usize) {
    let _ = write!(
        out,
        "\n[[part.question]]\nid = \"q{n}\"\nkind = \"yes-no\"\ntext = \"Question {n}?\"\n"
    );
}

/// `n` yes/no questions (`q1`…`qN`), each asked only when the one before is
/// answered `yes`; every tenth has a follow-up asked when it is `no`.
///
/// This is the long chain of conditions whose validation took minutes: the
/// cost of asking whether `qN` can be asked must not grow with `N`.
pub fn chain(n: usize, tail: Tail) -> String {
    let mut out = String::with_capacity(n * 120);
    head(&mut out, &format!("chain-{n}"), &format!("A chain of {n}"));
    for k in 1..=n {
        yes_no(&mut out, k);
        if k == 1 {
            continue;
        }
        let p = k - 1;
        let ask_when = match tail {
            Tail::UnknownOption if k == n => format!("{{ question = \"q{p}\", is = \"maybe\" }}"),
            Tail::NeverAsked if k == n => format!(
                "{{ all = [ {{ question = \"q{p}\", is = \"yes\" }}, \
                 {{ question = \"q{p}\", is = \"no\" }} ] }}"
            ),
            _ => format!("{{ question = \"q{p}\", is = \"yes\" }}"),
        };
        let _ = writeln!(out, "ask_when = {ask_when}");
        if k % 10 == 0 {
            let _ = write!(
                out,
                "\n[[part.question.follow_up]]\nid = \"why\"\nprompt = \"Why not?\"\n\
                 ask_when = {{ question = \"q{k}\", is = \"no\" }}\n"
            );
        }
    }
    out
}

/// `n - 1` yes/no questions asked always, then a text question asked only
/// when every one of them is answered `yes`: one condition with `n - 1` tests.
pub fn wide(n: usize) -> String {
    let mut out = String::with_capacity(n * 110);
    head(
        &mut out,
        &format!("wide-{n}"),
        &format!("One condition on {n}"),
    );
    for k in 1..n {
        yes_no(&mut out, k);
    }
    let _ = write!(
        out,
        "\n[[part.question]]\nid = \"q{n}\"\nkind = \"text\"\ntext = \"Last?\"\n\
         [part.question.ask_when]\nall = [\n"
    );
    for k in 1..n {
        let _ = writeln!(out, "  {{ question = \"q{k}\", is = \"yes\" }},");
    }
    out.push_str("]\n");
    out
}
