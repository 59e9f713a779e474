"""Bench scenarios of the oversight app."""

SCENARIOS: list = []


def build_oversight(data) -> None:
    return None
