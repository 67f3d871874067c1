"""Small hand-made scenarios for the engine tests: places on a line north of an origin, so that
distances are round numbers, and residents and work with sensible defaults."""

import math

from buurtbaan.matching.engine import Scenario, prepare
from buurtbaan.matching.engine.geo import EARTH_RADIUS_KM

TODAY = "2026-06-01"
KM_PER_DEGREE = math.pi / 180 * EARTH_RADIUS_KM


def north_of_origin(km: float) -> list[float]:
    return [52.0 + km / KM_PER_DEGREE, 5.0]


#: "1000" is the origin; the others lie the given distance due north of it.
POSTCODES = {
    "1000": north_of_origin(0),
    "1001": north_of_origin(0.3),
    "1002": north_of_origin(1.2),
    "1003": north_of_origin(5),
    "1004": north_of_origin(9),
    "1005": north_of_origin(20),
}


def resident(id, **fields) -> dict:
    return {
        "id": id,
        "postcode": "1000",
        "hours_per_week": 20,
        "birth_date": "1980-01-01",
        **fields,
    }


def piece(id, **fields) -> dict:
    return {"id": id, "title": "", "postcode": "1000", "hours_per_week": 10, **fields}


def scenario(residents=(), work=(), **top) -> Scenario:
    return Scenario.from_dict(
        {
            "residents": list(residents),
            "work": list(work),
            "postcodes": POSTCODES,
            "today": TODAY,
            **top,
        }
    )


def prepared(residents=(), work=(), **top):
    return prepare(scenario(residents, work, **top))
