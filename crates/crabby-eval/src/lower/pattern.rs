//! Lowering the `match` statement (PEP 634) the way codegen compiles it (`crabby-compiler/src/codegen/
//! pattern.rs`): the same runtime checks (`match_sequence` in the same mode, `match_keys`, `match_class`),
//! in the same order, with captured values kept aside and bound only once the whole pattern has matched.

use ruff_python_ast::{self as ast, Pattern, Singleton};
use ruff_text_size::Ranged;

use super::{Lower, Sc, R};
use crate::tree::*;
use crabby_runtime::rt::{SeqMode, Value};

/// The names a pattern captures, in first-appearance order (the alternatives of an or-pattern bind the same
/// names, which the scope pass checks).
fn capture_names<'a>(p: &'a Pattern, out: &mut Vec<&'a str>) {
    let add = |n: &'a str, out: &mut Vec<&'a str>| {
        if !out.contains(&n) {
            out.push(n);
        }
    };
    match p {
        Pattern::MatchValue(_) | Pattern::MatchSingleton(_) => {}
        Pattern::MatchSequence(s) => s.patterns.iter().for_each(|q| capture_names(q, out)),
        Pattern::MatchMapping(m) => {
            m.patterns.iter().for_each(|q| capture_names(q, out));
            if let Some(r) = &m.rest {
                add(r.as_str(), out);
            }
        }
        Pattern::MatchClass(c) => {
            c.arguments.patterns.iter().for_each(|q| capture_names(q, out));
            c.arguments.keywords.iter().for_each(|k| capture_names(&k.pattern, out));
        }
        Pattern::MatchStar(s) => {
            if let Some(n) = &s.name {
                add(n.as_str(), out);
            }
        }
        Pattern::MatchAs(a) => {
            if let Some(q) = &a.pattern {
                capture_names(q, out);
            }
            if let Some(n) = &a.name {
                add(n.as_str(), out);
            }
        }
        Pattern::MatchOr(o) => o.patterns.iter().for_each(|q| capture_names(q, out)),
    }
}

/// `_`: matches anything and binds nothing.
fn is_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchAs(a) if a.pattern.is_none() && a.name.is_none())
}

impl<'a> Lower<'a> {
    pub(super) fn match_stmt(&mut self, sc: &mut Sc, m: &'a ast::StmtMatch) -> R<St> {
        let subject = self.expr(sc, &m.subject)?;
        let mut cases = Vec::with_capacity(m.cases.len());
        for case in &m.cases {
            let mut names = Vec::new();
            capture_names(&case.pattern, &mut names);
            let pat = if is_wildcard(&case.pattern) { None } else { Some(self.pattern(sc, &names, &case.pattern)?) };
            let mut caps = Vec::with_capacity(names.len());
            for n in &names {
                caps.push(self.resolve(sc, n));
            }
            let guard = match &case.guard {
                Some(g) => Some((self.line(g.range()), self.expr(sc, g)?)),
                None => None,
            };
            let body = self.block(sc, &case.body)?;
            cases.push(Case { line: self.line(case.pattern.range()), pat, caps, guard, body });
        }
        Ok(St::Match(subject, cases))
    }

    fn sub_pattern(&mut self, sc: &mut Sc, names: &[&str], p: &'a Pattern) -> R<Option<Pat>> {
        Ok(if is_wildcard(p) { None } else { Some(self.pattern(sc, names, p)?) })
    }

    fn pattern(&mut self, sc: &mut Sc, names: &[&str], p: &'a Pattern) -> R<Pat> {
        let cap = |n: &str| names.iter().position(|x| *x == n).expect("every captured name was collected");
        Ok(match p {
            Pattern::MatchValue(v) => Pat::Value(self.expr(sc, &v.value)?),
            Pattern::MatchSingleton(s) => Pat::Singleton(match s.value {
                Singleton::None => Value::None,
                Singleton::True => Value::Bool(true),
                Singleton::False => Value::Bool(false),
            }),
            Pattern::MatchAs(a) => {
                let inner = match &a.pattern {
                    Some(q) => Some(Box::new(self.pattern(sc, names, q)?)),
                    None => None,
                };
                Pat::As(inner, a.name.as_ref().map(|n| cap(n.as_str())))
            }
            Pattern::MatchStar(_) => return Err(self.internal("a star pattern outside a sequence pattern")),
            Pattern::MatchOr(o) => {
                let mut alts = Vec::with_capacity(o.patterns.len());
                for q in &o.patterns {
                    alts.push(self.pattern(sc, names, q)?);
                }
                Pat::Or(alts)
            }
            Pattern::MatchSequence(s) => {
                let size = s.patterns.len();
                let star = s.patterns.iter().position(|q| matches!(q, Pattern::MatchStar(_)));
                let star_wildcard =
                    star.is_some_and(|i| matches!(&s.patterns[i], Pattern::MatchStar(st) if st.name.is_none()));
                let only_wildcard = s.patterns.iter().all(|q| match q {
                    Pattern::MatchStar(st) => st.name.is_none(),
                    q => is_wildcard(q),
                });
                let mode = if only_wildcard {
                    SeqMode::Check
                } else if star_wildcard {
                    SeqMode::Subscript
                } else {
                    SeqMode::Unpack
                };
                let mut items = Vec::new();
                if !only_wildcard {
                    for q in &s.patterns {
                        match q {
                            // In subscript mode the star (`*_`) has no item.
                            Pattern::MatchStar(_) if star_wildcard => {}
                            Pattern::MatchStar(st) => {
                                items.push(match &st.name {
                                    Some(n) => SeqItem::Star(cap(n.as_str())),
                                    None => SeqItem::Skip,
                                });
                            }
                            q if is_wildcard(q) => items.push(SeqItem::Skip),
                            q => items.push(SeqItem::Pat(self.pattern(sc, names, q)?)),
                        }
                    }
                }
                Pat::Seq { size, star, mode, items }
            }
            Pattern::MatchMapping(m) => {
                let mut keys = Vec::with_capacity(m.keys.len());
                for k in &m.keys {
                    keys.push(self.expr(sc, k)?);
                }
                let mut subs = Vec::with_capacity(m.patterns.len());
                for q in &m.patterns {
                    subs.push(self.sub_pattern(sc, names, q)?);
                }
                Pat::Mapping { keys, subs, rest: m.rest.as_ref().map(|r| cap(r.as_str())) }
            }
            Pattern::MatchClass(c) => {
                let cls = self.expr(sc, &c.cls)?;
                let args = &c.arguments;
                let kw = args.keywords.iter().map(|k| super::leak_str(k.attr.as_str())).collect();
                let mut subs = Vec::new();
                for q in args.patterns.iter().chain(args.keywords.iter().map(|k| &k.pattern)) {
                    subs.push(self.sub_pattern(sc, names, q)?);
                }
                Pat::Class { cls, nargs: args.patterns.len(), kw, subs }
            }
        })
    }
}
