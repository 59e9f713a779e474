"""No code path may skip simple-history on tracked models (DESIGN.md): a scan of the apps' source."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_DIRS = ("isms", "risk", "dpia", "training")
QUERYSET_HINTS = {"objects", "filter", "exclude", "all", "select_for_update", "history", "_default_manager"}
FORBIDDEN_METHODS = {"bulk_create", "bulk_update", "raw", "extra"}

# The two exemptions DESIGN.md names, by file and function: they write history themselves.
ALLOW_LIST = {
    # The bench data generator uses simple-history's bulk_create_with_history, which writes history rows.
    ("isms/core/bench.py", "build_data"),
    ("isms/protocol/bench.py", "build_protocols"),
    # The retention service anonymises course participants in live and history rows (training issue).
    ("training/retention.py", "anonymise_participants"),
}


def _chain(node: ast.AST) -> list[str]:
    """Names along a call chain: `X.objects.filter(...).update` → ["X", "objects", "filter", "update"]."""
    names = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            names.append(node.id)
            return list(reversed(names))
        else:
            return list(reversed(names))


def violations(source: str, filename: str = "<src>") -> list[tuple[int, str, str]]:
    """(line, enclosing function, construct) for every call that would skip history."""
    tree = ast.parse(source)
    found: dict[int, tuple[int, str, str]] = {}  # one report per line

    def forbidden(chain: list[str], call: ast.Call) -> str | None:
        last = chain[-1] if chain else ""
        if last in FORBIDDEN_METHODS or last == "RawSQL":
            return ".".join(chain)
        if last == "update" and QUERYSET_HINTS & set(chain[:-1]):
            return ".".join(chain)
        if last in {"cursor", "execute", "executemany"} and "connection" in chain:
            return ".".join(chain)
        if last == "call_command" and any(isinstance(a, ast.Constant) and a.value == "loaddata" for a in call.args):
            return "call_command('loaddata')"
        return None

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            name = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            if isinstance(child, ast.Call):
                construct = forbidden(_chain(child.func), child)
                if construct and child.lineno not in found:
                    found[child.lineno] = (child.lineno, name, construct)
            visit(child, name)

    visit(tree, "<module>")
    return sorted(found.values())


def test_no_app_code_skips_history():
    problems = []
    for directory in APP_DIRS:
        for path in sorted((ROOT / directory).rglob("*.py")) if (ROOT / directory).exists() else []:
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative:
                continue
            for line, function, construct in violations(path.read_text(encoding="utf-8"), relative):
                if (relative, function) not in ALLOW_LIST:
                    problems.append(f"{relative}:{line} in {function}(): {construct}")
    assert problems == [], "\n".join(problems)


def test_the_scanner_catches_every_forbidden_construct():
    source = """
def a():
    Municipality.objects.filter(pk=1).update(name="x")
def b():
    ProcessingActivity.objects.bulk_create([])
def c():
    Membership.objects.bulk_update([], ["role"])
def d():
    Municipality.objects.raw("select 1")
def e():
    connection.cursor().execute("update core_municipality set name = 'x'")
def f():
    call_command("loaddata", "x.json")
def g():
    Municipality.objects.all().update(population=1)
def h():
    qs.extra(where=["1=1"])
"""
    assert [function for _line, function, _construct in violations(source)] == list("abcdefgh")


def test_the_scanner_leaves_plain_dict_updates_alone():
    source = """
def f(values, form):
    values.update({"a": 1})
    form.cleaned_data.update(x=1)
    settings_dict = {}
    settings_dict.update(a=1)
"""
    assert violations(source) == []
