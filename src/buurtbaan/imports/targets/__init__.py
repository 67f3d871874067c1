"""The registry of import targets: what a bureau can import. Add a target here to offer it."""

from __future__ import annotations

from buurtbaan.imports.targets.base import ImportTarget
from buurtbaan.imports.targets.residents import ResidentImportTarget

TARGETS: dict[str, ImportTarget] = {target.slug: target for target in (ResidentImportTarget(),)}


def get_target(slug: str) -> ImportTarget:
    return TARGETS[slug]


def target_choices() -> list[tuple[str, str]]:
    return [(slug, target.label) for slug, target in TARGETS.items()]
