"""Where people live and where the work is: postcode coordinates and distances.

A postcode table maps PC4 ("6828") or PC6 ("6828AB") to the centroid's [lat, lon]. A PC6 missing
from the table falls back to its PC4. Distances are great-circle (haversine) distances between
centroids, computed once per pair of *distinct* postcodes and then indexed per person and piece:
a neighbourhood has thousands of residents but a few dozen postcodes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

EARTH_RADIUS_KM = 6371.0088


def locate(postcode: str | None, table: Mapping[str, tuple[float, float]]) -> str | None:
    """The table key that gives this (normalised) postcode its coordinates, or None if unknown."""
    if postcode is None:
        return None
    if postcode in table:
        return postcode
    if postcode[:4] in table:
        return postcode[:4]
    return None


def haversine_km(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    """Great-circle distance in km between points given in degrees (broadcasts like numpy)."""
    lat1, lon1, lat2, lon2 = (
        np.radians(np.asarray(a, dtype=np.float64)) for a in (lat1, lon1, lat2, lon2)
    )
    half_chord = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(half_chord, 0.0, 1.0)))


class DistanceTable:
    """Distances between two groups of places, stored once per pair of distinct postcodes.

    ``left_place[i]`` / ``right_place[j]`` index the distinct located postcodes of each group, or
    are -1 when the postcode is unknown; ``km(rows, cols)`` returns a float32 block with NaN where
    either side is unknown.
    """

    def __init__(
        self,
        left_postcodes: Sequence[str | None],
        right_postcodes: Sequence[str | None],
        table: Mapping[str, tuple[float, float]],
    ):
        self.left_place, left_keys = _place_indices(left_postcodes, table)
        self.right_place, right_keys = _place_indices(right_postcodes, table)
        left = np.array([table[key] for key in left_keys], dtype=np.float64).reshape(-1, 2)
        right = np.array([table[key] for key in right_keys], dtype=np.float64).reshape(-1, 2)
        between = haversine_km(left[:, :1], left[:, 1:], right[:, 0][None, :], right[:, 1][None, :])
        # One extra row and column of NaN so that index -1 (unknown) reads as "no distance".
        self.place_km = np.full((len(left_keys) + 1, len(right_keys) + 1), np.nan, np.float32)
        self.place_km[: len(left_keys), : len(right_keys)] = between

    def km(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Distance block (len(rows) × len(cols)) in km, NaN where a postcode is unknown."""
        return self.place_km[np.ix_(self.left_place[rows], self.right_place[cols])]


def _place_indices(
    postcodes: Sequence[str | None], table: Mapping[str, tuple[float, float]]
) -> tuple[np.ndarray, list[str]]:
    keys: dict[str, int] = {}
    indices = np.full(len(postcodes), -1, dtype=np.int64)
    for n, postcode in enumerate(postcodes):
        key = locate(postcode, table)
        if key is not None:
            indices[n] = keys.setdefault(key, len(keys))
    return indices, list(keys)
