"""The "Kommuneoversikt" PDF (placeholder until the PDF kit lands)."""


def render_municipality_overview(*, municipalities, user) -> bytes:
    raise NotImplementedError
