"""Every lexicon entry's example must trigger the entry's own code.

Checked at the trigger level with the coder's trace, independent of whether the example's
actors resolve: an example passes when some trace line names the entry's id or its code (or
a more specific subcode of it).
"""

from __future__ import annotations

import re

from dyads.coding.lexicon import bundled_files, load_file

TRACE = re.compile(r"^'.*' \[\d+\] matched (\S+) -> (\d+)")


def test_every_example_triggers_its_code(pipeline):
    patterns = [p for f in bundled_files() for p in load_file(f)]
    assert len(patterns) > 1000
    docs = list(pipeline.parser.parse(p.example for p in patterns))
    misses = []
    for p, doc in zip(patterns, docs, strict=True):
        trace: list[str] = []
        pipeline.coder.code_sentence(doc, doc_id="x", sentence_index=0, trace=trace)
        hits = [m.groups() for m in map(TRACE.match, trace) if m]
        # the entry's rule, its code, or a subcode the grammar refined it to (a protest's
        # purpose: 142 -> 1422)
        if not any(rule == p.id or code.startswith(p.code) for rule, code in hits):
            misses.append(f"{p.id} [{p.code}] {p.example!r}: "
                          f"{'; '.join(trace) or 'no match'}")
    rate = 1 - len(misses) / len(patterns)
    print(f"\n{len(patterns) - len(misses)}/{len(patterns)} examples trigger their code "
          f"({rate:.1%})")
    for line in misses:
        print("  MISS", line)
    assert not misses, f"{len(misses)} of {len(patterns)} examples miss their code:\n" + \
        "\n".join(misses)


def test_a_subject_condition_is_read_and_counts_as_specific():
    text = ('entries:\n  - {code: "074", verb: [arrive], subject: [peacekeeper, "blue helmet"],'
            ' example: "Peacekeepers arrived in Mali."}\n'
            '  - {code: "042", verb: [arrive], prep: ["in"],'
            ' example: "Blinken arrived in Kyiv."}\n')
    with_subject, plain = load_file("user.yaml", text=text)
    assert with_subject.subjects == {"peacekeeper", "blue helmet"}
    assert with_subject.specificity > plain.specificity and not plain.subjects
