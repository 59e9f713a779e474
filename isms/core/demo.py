"""Demo data seeders of the apps, run in order by `manage.py seed_demo` after the users are created."""

from collections.abc import Callable

DEMO_SEEDERS: list[tuple[str, Callable[[], int]]] = []
# Seeders that read what the others made (the deadline checks): run after every app's own.
_LAST: list[tuple[str, Callable[[], int]]] = []


def register_demo(label: str, seeder: Callable[[], int], *, last: bool = False) -> None:
    target = _LAST if last else DEMO_SEEDERS
    if all(existing != label for existing, _ in DEMO_SEEDERS + _LAST):
        target.append((label, seeder))


def demo_seeders() -> list[tuple[str, Callable[[], int]]]:
    return DEMO_SEEDERS + _LAST
