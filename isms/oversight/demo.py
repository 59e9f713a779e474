"""Demo data of the oversight app: the status report the board took note of, so the list is not empty."""


def seed_oversight_demo() -> int:
    return 0
