"""Reading PETRARCH's CAMEO verb dictionary format into lexicon patterns."""

from __future__ import annotations

import pytest
from conftest import SHARED

from dyads.coding.lexicon import LexiconError, load_lexicon
from dyads.coding.petrarch import read_verb_dictionary

CAMEO_2 = SHARED / "reference" / "petrarch" / "CAMEO.2.0.txt"

SMALL = """\
####### SYNONYM SETS #######

&PUNISHMENT
+SANCTIONS
+EMBARGO
+TRADE_CURBS

####### VERB PATTERNS #######

---  IMPOSE   [---]  ---
IMPOSE
SLAP {SLAPS SLAPPED SLAPPING }
- * &PUNISHMENT                                      [163]         # IMPOSE
- * {TRAVEL BAN} (ON $)                              [172]         # IMPOSE
- TALKS *                                            [164]         # IMPOSE
- * CURFEW (IN +)                                    [1723]        # IMPOSE

---  DENOUNCE   [111]  ---
DENOUNCE
+LASH_OUT {+LASHES_OUT +LASHED_OUT }
- * (AGAINST +)                                      [111]         # DENOUNCE
"""


def test_small_dictionary(tmp_path):
    f = tmp_path / "mini.verbs.txt"
    f.write_text(SMALL, encoding="utf-8")
    got = read_verb_dictionary(f)
    by_line = {int(p.id.split(":")[1]): p for p in got.patterns}
    p163 = by_line[13]
    assert p163.code == "163" and p163.verbs == {"impose", "slap"}
    assert p163.objects == {"sanctions", "embargo", "trade curbs"}
    assert by_line[14].objects == {"travel ban"}
    assert by_line[16].objects == {"curfew"} and by_line[16].code == "1723"
    assert got.skipped == {"words before the verb": 1}  # "TALKS *": a subject noun
    # a block's default code gives each verb a bare pattern; phrasal verbs keep their particle
    assert {p.code for p in got.patterns if p.verbs == {"lash out"}} == {"111"}
    against = [p for p in got.patterns if p.preps == {"against"}]
    assert against and against[0].verbs == {"denounce", "lash out"}


def test_bundled_lexicon_is_replaced(tmp_path, pipeline):
    f = tmp_path / "mini.verbs.txt"
    f.write_text(SMALL, encoding="utf-8")
    lex = load_lexicon(petrarch=[f])
    assert {p.id.split(":")[0] for p in lex.patterns} == {"mini.verbs.txt"}


@pytest.mark.skipif(not CAMEO_2.exists(), reason="PETRARCH reference dictionary not present")
def test_real_cameo_2_dictionary():
    got = read_verb_dictionary(CAMEO_2)
    assert len(got.patterns) > 4000
    imposes = [p for p in got.patterns if "impose" in p.verbs and p.code == "163"]
    assert imposes


def test_unreadable_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(LexiconError, match="bad.txt"):
        read_verb_dictionary(bad)
