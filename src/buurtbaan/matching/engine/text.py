"""Dutch words to comparable terms: stemming, stop words, and TF-IDF vectors.

Talents ("organiseren"), skills ("rijbewijs B") and dreams ("iets in het theater") are free Dutch
text. Two words count as the same when their *stems* are equal, so "fietsen" meets "fiets" and
"Koken" meets "kookt". Dreams are compared with the texts of the work by TF-IDF cosine similarity:
rare shared words (theater) weigh more than common ones (werk). No model is downloaded; the Snowball
stemmer and the stop-word list below are all there is.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
import snowballstemmer

# Snowball's Dutch stop-word list.
_SNOWBALL_STOP_WORDS = """
    aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus
    een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets
    ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of
    om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren
    was wat werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou
"""
# Filler words that say nothing about work.
_FILLER_WORDS = (
    "graag beetje misschien echt heel erg wel we wij jullie jij hen zoals liefst vroeger"
)
# Words in nearly every text of a neighbourhood bureau: they would make everything look alike.
_BUREAU_WORDS = "wijk buurt eigen werk werken baan"

DUTCH_STOP_WORDS = frozenset(f"{_SNOWBALL_STOP_WORDS} {_FILLER_WORDS} {_BUREAU_WORDS}".split())

_WORD = re.compile(r"[^\W\d_]+")
_STEMMER = snowballstemmer.stemmer("dutch")


@lru_cache(maxsize=131072)
def fold(text: str) -> str:
    """Lower case without accents: "Conciërge" → "concierge"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    """The Dutch stem of one folded word, stemmed until it stops changing.

    One Snowball pass gives "fietsen" → "fiets" but "fiets" → "fiet"; a second pass makes them
    meet. Three passes always reach the fixed point for real words.
    """
    for _ in range(3):
        stemmed = _STEMMER.stemWord(word)
        if stemmed == word:
            break
        word = stemmed
    return word


@lru_cache(maxsize=65536)
def normalize_term(term: str) -> str:
    """A talent or skill as a comparable key: each word folded and stemmed.

    "Met kinderen werken" → "met kinder werk". Stop words are kept: a term is a name, and
    "omgaan met dieren" should not collapse into "omgaan dieren" and meet something else.
    """
    return " ".join(stem(word) for word in _WORD.findall(fold(term)))


def tokens(text: str) -> list[tuple[str, str]]:
    """The meaningful words of a text as (word as written, stem), stop words removed.

    A capital that only marks the start of a sentence is undone ("Bouwen en klussen" gives
    "bouwen"), so the word can be quoted in the middle of a reason.
    """
    found = []
    for match in _WORD.finditer(text):
        word = match.group()
        word_stem = _meaningful_stem(word)
        if word_stem is None:
            continue
        if word[1:].islower() and _starts_sentence(text, match.start()):
            word = word[0].lower() + word[1:]
        found.append((word, word_stem))
    return found


@lru_cache(maxsize=131072)
def _meaningful_stem(word: str) -> str | None:
    """The stem of a word as written, or None for a stop word or a single letter."""
    folded = fold(word)
    if len(folded) < 2 or folded in DUTCH_STOP_WORDS:
        return None
    return stem(folded)


def _starts_sentence(text: str, position: int) -> bool:
    before = position - 1
    while before >= 0 and text[before].isspace():
        before -= 1
    return before < 0 or text[before] in ".!?:"


@dataclass(frozen=True)
class TfidfSpace:
    """TF-IDF vectors of two groups of texts (dreams and work texts) in one vocabulary.

    ``left`` and ``right`` are CSR matrices (texts × terms) with L2-normalised rows, so the dot
    product of a left row and a right row is their cosine similarity. ``vocabulary`` maps a stem
    to its column.
    """

    left: sp.csr_matrix
    right: sp.csr_matrix
    vocabulary: dict[str, int]


def build_tfidf(left_texts: Sequence[str], right_texts: Sequence[str]) -> TfidfSpace:
    """Vectorise both groups over their joint corpus.

    Weight of a stem in a text: (1 + ln count) × (1 + ln((1 + n) / (1 + df))), where n is the
    number of texts and df the number of texts holding the stem (sublinear tf, smoothed idf).
    Rows are L2-normalised; a text without meaningful words is an all-zero row.
    """
    counted = [Counter(word_stem for _, word_stem in tokens(text)) for text in left_texts]
    counted += [Counter(word_stem for _, word_stem in tokens(text)) for text in right_texts]
    vocabulary: dict[str, int] = {}
    for counts in counted:
        for word_stem in counts:
            vocabulary.setdefault(word_stem, len(vocabulary))
    indptr = [0]
    indices: list[int] = []
    term_counts: list[int] = []
    for counts in counted:
        indices.extend(vocabulary[word_stem] for word_stem in counts)
        term_counts.extend(counts.values())
        indptr.append(len(indices))
    matrix = sp.csr_matrix(
        (
            np.asarray(term_counts, dtype=np.float64),
            np.asarray(indices, dtype=np.int64),
            np.asarray(indptr, dtype=np.int64),
        ),
        shape=(len(counted), len(vocabulary)),
    )
    document_frequency = np.bincount(matrix.indices, minlength=len(vocabulary))
    idf = 1.0 + np.log((1.0 + len(counted)) / (1.0 + document_frequency))
    matrix.data = 1.0 + np.log(matrix.data)
    matrix = sp.csr_matrix(matrix @ sp.diags(idf))
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sp.csr_matrix(sp.diags(1.0 / norms) @ matrix).astype(np.float32)
    return TfidfSpace(
        left=matrix[: len(left_texts)],
        right=matrix[len(left_texts) :],
        vocabulary=vocabulary,
    )
