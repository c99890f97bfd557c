//! Loading broken definitions: what is reported, and where.

use super::Questionnaire;

/// A valid start: the body of each test begins on line 11, inside part `p1`.
const HEAD: &str = "format = 1
id = \"t\"
version = \"1\"
title = \"T\"

[report]

[[part]]
id = \"p1\"
title = \"P\"
";

/// Every problem of `source` as `LINE:COL: message`.
fn problems_in(source: &str) -> Vec<String> {
    match Questionnaire::from_toml(source, "t.toml") {
        Ok(_) => Vec::new(),
        Err(e) => {
            for (_, d) in &e.problems {
                assert!(d.hint.is_some(), "no hint for {d:?}");
            }
            e.problems
                .iter()
                .map(|(l, d)| format!("{}:{}: {}", l.line, l.column, d.message))
                .collect()
        }
    }
}

fn problems(body: &str) -> Vec<String> {
    problems_in(&format!("{HEAD}{body}"))
}

fn hints(body: &str) -> Vec<String> {
    let source = format!("{HEAD}{body}");
    let e = Questionnaire::from_toml(&source, "t.toml").unwrap_err();
    e.problems.into_iter().filter_map(|(_, d)| d.hint).collect()
}

#[test]
fn the_builtin_questionnaire_is_valid() {
    let q = Questionnaire::builtin().unwrap();
    assert_eq!((q.parts.len(), q.questions.len()), (4, 13));
}

#[test]
fn a_misspelt_key_replaces_the_missing_key_message() {
    let body = "[[part.question]]\nid = \"q1\"\nknd = \"text\"\ntext = \"x\"\n";
    assert_eq!(problems(body), ["13:1: unknown key `knd` in question `q1`"]);
    assert_eq!(hints(body), ["did you mean `kind`?"]);
}

#[test]
fn misspelt_tables_replace_missing_table_messages() {
    let source = "id = \"t\"\nversion = \"1\"\ntitle = \"T\"\n[reprot]\n[[parts]]\nid = \"p1\"\n";
    assert_eq!(
        problems_in(source),
        [
            "4:2: unknown key `reprot` in the definition",
            "5:3: unknown key `parts` in the definition",
        ]
    );
}

#[test]
fn a_missing_key_points_at_its_table_and_names_it() {
    let body = "[[part.question]]\nid = \"q1\"\nkind = \"text\"\ntext = \"x\"\n\n\
                [[part.question]]\nid = \"q2\"\nkind = \"text\"\n";
    assert_eq!(problems(body), ["16:1: question `q2` has no `text`"]);
}

#[test]
fn a_wrong_type_names_the_key_and_quotes_the_value() {
    let body = "[[part.question]]\nid = 2\nkind = \"text\"\ntext = \"x\"\n";
    // Only the type: the id is there, not missing.
    assert_eq!(
        problems(body),
        ["12:6: `id` must be a string, not an integer `2`"]
    );
    assert!(hints(body).contains(&"put it in quotes: \"2\"".to_owned()));
}

#[test]
fn a_part_without_an_id_keeps_its_questions() {
    let source = "id = \"t\"\nversion = \"1\"\ntitle = \"T\"\n[report]\n\
                  [[part]]\ntitle = \"P\"\n\
                  [[part.question]]\nid = \"q1\"\nkind = \"yes-no\"\ntext = \"x\"\n\
                  [[part.question]]\nid = \"q2\"\nkind = \"text\"\ntext = \"y\"\n\
                  ask_when = { question = \"q1\", is = \"yes\" }\n";
    // Not "no parts", nor "unknown question `q1`".
    assert_eq!(problems_in(source), ["5:1: this part has no `id`"]);
}

#[test]
fn ids_are_checked_where_they_are_written() {
    let body = "[[part.question]]\nid = \"q/1\"\nkind = \"text\"\ntext = \"x\"\n\
                [[part.question]]\nid = \"q/1\"\nkind = \"text\"\ntext = \"y\"\n";
    assert_eq!(
        problems(body),
        [
            "12:6: question id `q/1` is not a valid id",
            "16:6: question id `q/1` is not a valid id",
            "16:6: duplicate question id `q/1`",
        ]
    );
}

#[test]
fn an_unlisted_language_is_pointed_at_by_its_key() {
    let body =
        "[[part.question]]\nid = \"q1\"\nkind = \"text\"\ntext = { en = \"x\", de = \"y\" }\n";
    assert_eq!(
        problems(body),
        ["14:20: language `de` is not one of the questionnaire's `languages`"]
    );
}

const YES_NO_Q1: &str = "[[part.question]]\nid = \"q1\"\nkind = \"yes-no\"\ntext = \"x\"\n";

#[test]
fn a_follow_up_contradicting_its_question_is_never_asked() {
    let body = format!(
        "{YES_NO_Q1}[[part.question]]\nid = \"q2\"\nkind = \"text\"\ntext = \"y\"\n\
         ask_when = {{ question = \"q1\", is = \"yes\" }}\n\
         [[part.question.follow_up]]\nid = \"f\"\nprompt = \"z\"\n\
         ask_when = {{ question = \"q1\", is = \"no\" }}\n"
    );
    assert_eq!(
        problems(&body),
        [
            "23:1: follow-up `q2.f` can never be asked: no answers make its `ask_when` hold \
          while question `q2` is asked"
        ]
    );
}

#[test]
fn a_test_of_a_skipped_question_sees_no_answer() {
    // q2 is answered only when q1 is yes, so q3 can never be asked...
    let q2 = "[[part.question]]\nid = \"q2\"\nkind = \"yes-no\"\ntext = \"y\"\n\
              ask_when = { question = \"q1\", is = \"yes\" }\n";
    let never = "[[part.question]]\nid = \"q3\"\nkind = \"text\"\ntext = \"z\"\n\
                 ask_when = { all = [ { question = \"q2\", is = \"yes\" }, { question = \"q1\", is = \"no\" } ] }\n";
    assert_eq!(
        problems(&format!("{YES_NO_Q1}{q2}{never}")),
        [
            "24:1: question `q3` (Question 3) can never be asked: no answers make its `ask_when` hold"
        ]
    );
    // ...but "q2 unanswered and q1 no" holds: skipped counts as unanswered.
    let fine = "[[part.question]]\nid = \"q3\"\nkind = \"text\"\ntext = \"z\"\n\
                ask_when = { all = [ { question = \"q2\", answered = false }, { question = \"q1\", is = \"no\" } ] }\n";
    assert_eq!(
        problems(&format!("{YES_NO_Q1}{q2}{fine}")),
        Vec::<String>::new()
    );
}

#[test]
fn a_bad_option_in_a_condition_is_reported_once() {
    let body = format!(
        "{YES_NO_Q1}[[part.question]]\nid = \"q2\"\nkind = \"text\"\ntext = \"y\"\n\
         ask_when = {{ question = \"q1\", any_of = [\"yes\", \"maybe\"] }}\n"
    );
    // The question could never be asked, but the cause is already reported.
    assert_eq!(
        problems(&body),
        ["19:48: question `q1` has no option `maybe`"]
    );
}

#[test]
fn an_unknown_kind_raises_no_false_alarms() {
    let body = "[[part.question]]\nid = \"q1\"\nkind = \"yesno\"\ntext = \"x\"\n\
                [[part.question]]\nid = \"q2\"\nkind = \"text\"\ntext = \"y\"\n\
                ask_when = { question = \"q1\", is = \"yes\" }\n";
    assert_eq!(problems(body), ["13:8: unknown kind `yesno`"]);
    assert_eq!(hints(body), ["did you mean `yes-no`?"]);
}

#[test]
fn a_placeholder_is_pointed_at_inside_its_template() {
    let source = HEAD.replace(
        "[report]\n",
        "[report]\npart_heading = \"Part {number}: {titel}\"\n",
    );
    let body = "[[part.question]]\nid = \"q1\"\nkind = \"text\"\ntext = \"x\"\n";
    assert_eq!(
        problems_in(&format!("{source}{body}")),
        ["7:32: part heading: unknown placeholder `{titel}`"]
    );
}

#[test]
fn an_unclosed_string_is_pointed_at_its_opening_quote() {
    assert_eq!(
        problems("[[part.question]]\nid = \"q1\nkind = \"text\"\n"),
        ["12:6: TOML syntax: this string is not closed"]
    );
}

#[test]
fn a_yes_no_question_takes_only_yes_and_no() {
    let body = format!(
        "{YES_NO_Q1}[[part.question.option]]\nid = \"yes\"\nlabel = \"Yes\"\n\
         [[part.question.option]]\nid = \"nope\"\nlabel = \"No\"\n"
    );
    assert_eq!(
        problems(&body),
        ["18:1: option `nope` of yes/no question `q1` is neither `yes` nor `no`"]
    );
}

#[test]
fn a_condition_with_two_tests_is_refused() {
    let body = format!(
        "{YES_NO_Q1}[[part.question]]\nid = \"q2\"\nkind = \"text\"\ntext = \"y\"\n\
         required = true\nrequired_when = {{ question = \"q1\", is = \"yes\", answered = true }}\n"
    );
    assert_eq!(
        problems(&body),
        ["20:17: this condition has both `is` and `answered`"]
    );
}

#[test]
fn required_and_required_when_conflict_at_required_when() {
    let body = format!(
        "{YES_NO_Q1}[[part.question]]\nid = \"q2\"\nkind = \"text\"\ntext = \"y\"\n\
         required = true\nrequired_when = {{ question = \"q1\", is = \"yes\" }}\n"
    );
    assert_eq!(
        problems(&body),
        ["20:1: both `required` and `required_when` are set"]
    );
}

#[test]
fn a_misspelt_condition_key_is_the_only_message() {
    let body = format!(
        "{YES_NO_Q1}[[part.question]]\nid = \"q2\"\nkind = \"text\"\ntext = \"y\"\n\
         ask_when = {{ questoin = \"q1\", is = \"yes\" }}\n"
    );
    assert_eq!(
        problems(&body),
        ["19:14: unknown key `questoin` in this condition"]
    );
    assert_eq!(hints(&body), ["did you mean `question`?"]);
}

#[test]
fn an_unknown_language_is_said_alike_in_a_text_and_in_the_codebook() {
    let body = "[[part.question]]\nid = \"q1\"\nkind = \"text\"\ntext = { en = \"x\", xx = \"y\" }\n\n\
                [summary]\n[[summary.theme]]\nname = \"T\"\nphrases = { en = [\"a\"], xx = [\"b\"] }\n";
    let unknown = "language `xx` is not one of the questionnaire's `languages`";
    assert_eq!(
        problems(body),
        [format!("14:20: {unknown}"), format!("19:25: {unknown}")]
    );
    let add = "add it to the list: languages = [\"en\", \"xx\"]";
    assert_eq!(hints(body), [add, add]);
}
