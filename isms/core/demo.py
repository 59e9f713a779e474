"""Demo data seeders of the apps, run in order by `manage.py seed_demo` after the users are created."""

from collections.abc import Callable

DEMO_SEEDERS: list[tuple[str, Callable[[], int]]] = []


def register_demo(label: str, seeder: Callable[[], int]) -> None:
    if all(existing != label for existing, _ in DEMO_SEEDERS):
        DEMO_SEEDERS.append((label, seeder))
