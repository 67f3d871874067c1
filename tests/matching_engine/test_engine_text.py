"""Dutch words to comparable terms."""

import numpy as np

from buurtbaan.matching.engine.text import build_tfidf, fold, normalize_term, stem, tokens


def test_stemming_makes_word_forms_meet():
    assert stem("fietsen") == stem("fiets")
    assert stem("koken") == stem("kookt")
    assert stem("honden") == stem("hond")


def test_terms_compare_case_and_accent_insensitively():
    assert normalize_term("Organiseren") == normalize_term("organiseren")
    assert normalize_term("  Conciërge ") == normalize_term("concierge")
    assert normalize_term("Met kinderen werken") == "met kinder werk"


def test_fold_removes_accents_and_capitals():
    assert fold("Ayşe Conciërge") == "ayse concierge"


def test_tokens_drop_stop_words_and_keep_the_written_word():
    assert tokens("Iets met eten, in de wijk!") == [("eten", stem("eten"))]
    # A capital that only starts a sentence is undone; one inside a sentence is kept.
    assert [word for word, _ in tokens("Bouwen. Met Nicolai in Bosnië")] == [
        "bouwen",
        "Nicolai",
        "Bosnië",
    ]


def test_tfidf_gives_cosines_between_zero_and_one():
    space = build_tfidf(
        ["iets in het theater", "koken voor de buurt", ""],
        ["conciërge in het theater", "koken in de buurtkeuken", "fietsen repareren"],
    )
    cosine = (space.left @ space.right.T).toarray()
    assert cosine.shape == (3, 3)
    assert np.all(cosine >= 0)
    assert np.all(cosine <= 1 + 1e-6)
    # Each dream is closest to the text about its own subject; an empty dream meets nothing.
    assert cosine[0].argmax() == 0
    assert cosine[1].argmax() == 1
    assert np.all(cosine[2] == 0)


def test_tfidf_weighs_rare_words_above_common_ones():
    space = build_tfidf(["theater koken"], ["koken", "koken", "koken", "theater"])
    cosine = (space.left @ space.right.T).toarray()[0]
    assert cosine[3] > cosine[0]
